#!/usr/bin/env bash
# `make faults`: the protocol model checked with spin (scripts/model-check.sh), then the service killed with SIGKILL at random moments during a batch, again and
# again, over the throw-away OpenSSH sshd (as root; a local folder otherwise), with the sshd
# itself killed and restarted under the running service in every round (transfers cut in the
# middle of downloads, uploads and renames); then the ERP failing under it (500s, malformed
# answers, slow answers, a 429 with Retry-After); afterwards every PO must have exactly one 997
# and one 855, every ISA13 must be used once, nothing may be left processing, and the audit
# chain must verify.
#   ROUNDS=20 FILES=200 scripts/faults.sh        (CI-sized: ROUNDS=3 FILES=30)
#   BURST=1 FILES=10000 ROUNDS=5 scripts/faults.sh   (the partner drops every file at once first)
#   TRANSPORT=local scripts/faults.sh           (a local folder instead of the sshd)
#   DISK_FULL=0 scripts/faults.sh               (without the disk-full round)
#   KEEP_LOGS=DIR scripts/faults.sh             (the service's and the ERP's logs copied to DIR)
# Last, the disk-full round (as root, on a 48 MB tmpfs holding the store): the store's disk is
# filled to the last byte under the running service, more files are dropped, none may be taken
# and the service must say why; once space returns every file must be answered exactly once
# and the store must pass PRAGMA integrity_check and `audit verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
ROUNDS=${ROUNDS:-20}
FILES=${FILES:-200}
BURST=${BURST:-0}
TRANSPORT=${TRANSPORT:-sftp}
DISK_FULL=${DISK_FULL:-1}
if [ "$TRANSPORT" = sftp ] && [ "$(id -u)" != 0 ]; then
  echo "faults: the throw-away sshd needs root; over a local folder instead" >&2
  TRANSPORT=local
fi
swift build --product edigate >/dev/null
bin=$(swift build --show-bin-path)/edigate
work=$(mktemp -d)
erp_pid=""; serve_pid=""; sshd_dir=""; mounted=""
cleanup() {
  for pid in $serve_pid $erp_pid; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "$mounted" ]; then umount "$mounted" 2>/dev/null || umount -l "$mounted" 2>/dev/null || true; fi
  if [ -n "$sshd_dir" ]; then scripts/sshd-stop.sh "$sshd_dir" >/dev/null 2>&1 || true; fi
  if [ -n "${KEEP_LOGS:-}" ]; then mkdir -p "$KEEP_LOGS"; cp "$work"/*.log "$KEEP_LOGS/" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# First the protocol model: every interleaving of two instances, a crash anywhere (docs/scaling.md).
scripts/model-check.sh
start_reference_erp "$bin" "$work" --fault-injection
python3 scripts/lib/local-partner.py "$work/partners" "$work/p1" --id bench-1 --interchange-id BENCHP1
inbound_dir="$work/p1/inbound"; outbound_dir="$work/p1/outbound"
if [ "$TRANSPORT" = sftp ]; then
  eval "$(scripts/sshd-start.sh)"
  sshd_dir=$SSHD_DIR
  # The same partner over SFTP: the sshd's pinned host key, our client key, its chrooted folders.
  export SSHD_PORT SSHD_USER SSHD_CLIENT_DIR SSHD_HOST_KEY_FINGERPRINT SSHD_HOST_KEY_TYPE
  python3 scripts/lib/sftp-partner.py "$work/partners/bench-1.yaml" /acme
  "$bin" partner check "$work/partners/bench-1.yaml" --maps Maps --connect >/dev/null
  inbound_dir="$SSHD_CHROOT/acme/inbound"; outbound_dir="$SSHD_CHROOT/acme/outbound"
fi
cat > "$work/gateway.yaml" <<YAML
store: gateway.sqlite
partners: partners
maps: $PWD/Maps
erp:
  baseURL: http://127.0.0.1:$erp_port
  requestTimeoutSeconds: 2
  maxAttempts: 2
http:
  port: $(free_port)
poll:
  intervalSeconds: 0.2
  leaseSeconds: 5
YAML
serve_port=$(sed -n 's/^  port: //p' "$work/gateway.yaml")
# Short hold delays, so that orders held while the ERP fails are retried within the run.
printf 'processing:\n  heldRetryDelaysSeconds: [1, 1, 2, 2, 3, 3, 5, 5, 8, 8]\n' >> "$work/partners/bench-1.yaml"
# Staged on the file system of the partner's folder, so a drop is one atomic rename.
stage="$work/stage"; [ -n "$sshd_dir" ] && stage="$sshd_dir/stage"
python3 scripts/bench/gateway-files.py "$FILES" 1 "$stage"
staged=("$stage"/bench-1/*.edi)
per_round=$(( (FILES + ROUNDS - 1) / ROUNDS ))
start_serve() { "$bin" serve --config "$work/gateway.yaml" --log-level warning >>"$work/serve.log" 2>&1 & serve_pid=$!; }
random_pause() { sleep "$(python3 -c 'import random, sys; print(round(random.uniform(float(sys.argv[1]), float(sys.argv[2])), 2))' "$1" "$2")"; }
sshd_kills=0; sessions_cut=0
next=0
if [ "$BURST" = 1 ]; then
  # Every file in the partner's folder before the service first starts.
  for file in "${staged[@]}"; do mv "$file" "$inbound_dir/"; done
  next=${#staged[@]}
fi
echo "faults: $ROUNDS rounds of kill -9 over $FILES orders ($TRANSPORT)" >&2
started=$(date +%s)
for round in $(seq 1 "$ROUNDS"); do
  for _ in $(seq 1 "$per_round"); do
    [ "$next" -lt "${#staged[@]}" ] || break
    mv "${staged[$next]}" "$inbound_dir/"; next=$((next + 1))
  done
  start_serve
  if [ -n "$sshd_dir" ]; then
    # The server goes down under the running service (every session process with it), and
    # comes back on the same port a moment later.
    wait_for_http "http://127.0.0.1:$serve_port/ready" 0.05
    random_pause 0.1 0.8
    # Each open SFTP session is a child of the listening sshd: those are cut mid-conversation.
    sessions_cut=$((sessions_cut + $( { pgrep -P "$(cat "$sshd_dir/etc/launcher.pid")" || true; } | wc -l)))
    scripts/sshd-stop.sh "$sshd_dir" --keep
    sshd_kills=$((sshd_kills + 1))
    random_pause 0.2 1.0
    scripts/sshd-start.sh --dir "$sshd_dir" --port "$SSHD_PORT" >/dev/null
    random_pause 0.3 1.2
  else
    random_pause 0.3 2.0
  fi
  kill -9 "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
done
echo "faults: the ERP fails under the running service (500s, malformed, slow, 429)" >&2
start_serve
fault() { curl -fs -X POST -H 'Content-Type: application/json' --data "$1" "http://127.0.0.1:$erp_port/admin/faults" >/dev/null; }
fault '{"failStatus": 500, "failCount": 40}'; sleep 3
fault '{"malformedCount": 20}'; sleep 2
fault '{"delayMilliseconds": 2500, "endpoints": ["/v1/prices/batch"]}'; sleep 3
fault '{"failStatus": 429, "failCount": 10, "retryAfterSeconds": 1}'; sleep 2
curl -fs -X DELETE "http://127.0.0.1:$erp_port/admin/faults" >/dev/null
# Everything must end answered, exactly once.
for _ in $(seq 1 $(( FILES > 2400 ? FILES / 4 : 600 ))); do
  answered=$(ls "$outbound_dir" | grep -c '^855-' || true)
  [ "$answered" -ge "$FILES" ] && break
  sleep 0.2
done
sleep 1
kill -TERM "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
interrupted=$(grep -cE 'outcome=(notRecorded|uploadFailed)' "$work/serve.log" || true)
elapsed=$(( $(date +%s) - started ))
label="$ROUNDS kill -9 rounds over $TRANSPORT in ${elapsed} s ($(python3 -c "print('%.1f' % ($FILES / max(1, $elapsed)))") files/s with the faults)"
[ -n "$sshd_dir" ] && label="$label, the sshd killed $sshd_kills times under it ($sessions_cut open SFTP sessions cut; $interrupted polls or uploads failed past the reconnect policy)"
python3 scripts/lib/check-exactly-once.py "$work/gateway.sqlite" "$outbound_dir" "$FILES" "$label and ERP faults"
"$bin" audit verify --db "$work/gateway.sqlite"

[ "$DISK_FULL" = 1 ] || exit 0
if [ "$(id -u)" != 0 ]; then echo "faults: the disk-full round mounts a tmpfs and needs root; skipped" >&2; exit 0; fi
small="$work/small"
mkdir -p "$small"
if ! mount -t tmpfs -o size=48m,mode=0700 tmpfs "$small"; then echo "faults: cannot mount a tmpfs here; the disk-full round is skipped" >&2; exit 0; fi
mounted=$small
echo "faults: the store's disk fills up under the running service" >&2
python3 scripts/lib/local-partner.py "$work/partners-full" "$work/p2" --id bench-2 --interchange-id BENCHP2 >/dev/null
cat > "$work/gateway-full.yaml" <<YAML
store: $small/gateway.sqlite
partners: partners-full
maps: $PWD/Maps
erp:
  baseURL: http://127.0.0.1:$erp_port
http:
  port: 0
poll:
  intervalSeconds: 0.2
  leaseSeconds: 5
  minimumFreeMB: 8
YAML
python3 scripts/bench/gateway-files.py 60 2 "$work/stage-full" >/dev/null
full_files=("$work"/stage-full/bench-2/*.edi)
answered_full() { ls "$work/p2/outbound" | grep -c '^855-' || true; }
"$bin" serve --config "$work/gateway-full.yaml" --log-level warning >"$work/serve-full.log" 2>&1 & serve_pid=$!
for file in "${full_files[@]:0:10}"; do mv "$file" "$work/p2/inbound/"; done
for _ in $(seq 1 300); do [ "$(answered_full)" -ge 10 ] && break; sleep 0.2; done
[ "$(answered_full)" -ge 10 ] || { echo "faults: the first 10 files were not answered" >&2; exit 1; }
# To the last byte: dd stops at ENOSPC.
dd if=/dev/zero of="$small/filler" bs=1M status=none 2>/dev/null || true
for file in "${full_files[@]:10:20}"; do mv "$file" "$work/p2/inbound/"; done
sleep 5
waiting=$(ls "$work/p2/inbound" | grep -c '\.edi$' || true)
said=$(grep -c 'below the reserve' "$work/serve-full.log" || true)
[ "$waiting" = 20 ] || { echo "faults: with the disk full, $((20 - waiting)) of 20 files were taken anyway" >&2; exit 1; }
[ "$said" -gt 0 ] || { echo "faults: the service did not say why it took nothing" >&2; tail -5 "$work/serve-full.log" >&2; exit 1; }
rm -f "$small/filler"
for _ in $(seq 1 300); do [ "$(answered_full)" -ge 30 ] && break; sleep 0.2; done
sleep 1
kill -TERM "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
python3 scripts/lib/check-exactly-once.py "$small/gateway.sqlite" "$work/p2/outbound" 30 \
  "disk full under the service: 20 files left on the server while full ($said polls said why), taken once space returned"
"$bin" audit verify --db "$small/gateway.sqlite"
