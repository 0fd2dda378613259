#!/usr/bin/env bash
# `make faults`: the service killed with SIGKILL at random moments during a batch, again and
# again, over the throw-away OpenSSH sshd (as root; a local folder otherwise), with the sshd
# itself killed and restarted under the running service in every round (transfers cut in the
# middle of downloads, uploads and renames); then the ERP failing under it (500s, malformed
# answers, slow answers, a 429 with Retry-After); afterwards every PO must have exactly one 997
# and one 855, every ISA13 must be used once, nothing may be left processing, and the audit
# chain must verify.
#   ROUNDS=20 FILES=200 scripts/faults.sh        (CI-sized: ROUNDS=3 FILES=30)
#   BURST=1 FILES=10000 ROUNDS=5 scripts/faults.sh   (the partner drops every file at once first)
#   TRANSPORT=local scripts/faults.sh           (a local folder instead of the sshd)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
ROUNDS=${ROUNDS:-20}
FILES=${FILES:-200}
BURST=${BURST:-0}
TRANSPORT=${TRANSPORT:-sftp}
if [ "$TRANSPORT" = sftp ] && [ "$(id -u)" != 0 ]; then
  echo "faults: the throw-away sshd needs root; over a local folder instead" >&2
  TRANSPORT=local
fi
swift build --product edigate >/dev/null
bin=$(swift build --show-bin-path)/edigate
work=$(mktemp -d)
erp_pid=""; serve_pid=""; sshd_dir=""
cleanup() {
  for pid in $serve_pid $erp_pid; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "$sshd_dir" ]; then scripts/sshd-stop.sh "$sshd_dir" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

start_reference_erp "$bin" "$work" --fault-injection
python3 scripts/lib/local-partner.py "$work/partners" "$work/p1" --id bench-1 --interchange-id BENCHP1
inbound_dir="$work/p1/inbound"; outbound_dir="$work/p1/outbound"
if [ "$TRANSPORT" = sftp ]; then
  eval "$(scripts/sshd-start.sh)"
  sshd_dir=$SSHD_DIR
  # The same partner over SFTP: the sshd's pinned host key, our client key, its chrooted folders.
  python3 - "$work/partners/bench-1.yaml" <<PY
import sys
path = sys.argv[1]
text = open(path).read()
start, end = text.index("\ntransport:\n"), text.index("\nerp:\n")
sftp = """
transport:
  sftp:
    host: 127.0.0.1
    port: $SSHD_PORT
    user: $SSHD_USER
    privateKey: $SSHD_CLIENT_DIR/id_ed25519
    hostKey: $SSHD_HOST_KEY_FINGERPRINT
    hostKeyType: $SSHD_HOST_KEY_TYPE
    connectTimeoutSeconds: 2
    stepTimeoutSeconds: 5
  inbound: /acme/inbound
  outbound: /acme/outbound
  archive: /acme/archive"""
open(path, "w").write(text[:start] + sftp + text[end:])
PY
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
  port: 0
poll:
  intervalSeconds: 0.2
  leaseSeconds: 5
YAML
# Short hold delays, so that orders held while the ERP fails are retried within the run.
printf 'processing:\n  heldRetryDelaysSeconds: [1, 1, 2, 2, 3, 3, 5, 5, 8, 8]\n' >> "$work/partners/bench-1.yaml"
# Staged on the file system of the partner's folder, so a drop is one atomic rename.
stage="$work/stage"; [ -n "$sshd_dir" ] && stage="$sshd_dir/stage"
python3 scripts/bench/gateway-files.py "$FILES" 1 "$stage"
staged=("$stage"/bench-1/*.edi)
per_round=$(( (FILES + ROUNDS - 1) / ROUNDS ))
start_serve() { "$bin" serve --config "$work/gateway.yaml" --log-level warning >>"$work/serve.log" 2>&1 & serve_pid=$!; }
random_pause() { sleep "$(python3 -c 'import random, sys; print(round(random.uniform(float(sys.argv[1]), float(sys.argv[2])), 2))' "$1" "$2")"; }
sshd_kills=0
next=0
if [ "$BURST" = 1 ]; then
  # Every file in the partner's folder before the service first starts.
  for file in "${staged[@]}"; do mv "$file" "$inbound_dir/"; done
  next=${#staged[@]}
fi
echo "faults: $ROUNDS rounds of kill -9 over $FILES orders ($TRANSPORT)" >&2
for round in $(seq 1 "$ROUNDS"); do
  for _ in $(seq 1 "$per_round"); do
    [ "$next" -lt "${#staged[@]}" ] || break
    mv "${staged[$next]}" "$inbound_dir/"; next=$((next + 1))
  done
  start_serve
  if [ -n "$sshd_dir" ]; then
    # The server goes down under the running service (every session process with it), and
    # comes back on the same port a moment later.
    random_pause 0.3 1.2
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
interrupted=$(grep -ciE 'sftp|ssh|connection|socket' "$work/serve.log" || true)
python3 - "$work" "$FILES" "$ROUNDS" "$outbound_dir" "$TRANSPORT" "$sshd_kills" "$interrupted" <<'PY'
import glob, os, sqlite3, sys, collections
work, files, rounds, outbound_dir, transport, sshd_kills, interrupted = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7])
outbound = glob.glob(f"{outbound_dir}/*.edi")
answers855 = collections.Counter()   # PO number (BAK03) → 855 files
answers997 = collections.Counter()   # acknowledged group (AK102) → 997 files
controls = collections.Counter()
for path in outbound:
    name = os.path.basename(path)
    kind, control = name[:-4].split("-", 1)
    controls[control] += 1
    text = open(path).read().replace("\n", "")
    if kind == "855":
        po = [s for s in text.split("~") if s.startswith("BAK*")][0].split("*")[3]
        answers855[po] += 1
    elif kind == "997":
        ak1 = [s for s in text.split("~") if s.startswith("AK1*")][0].split("*")[2]
        answers997[ak1] += 1
problems = []
if len(answers855) < files: problems.append(f"only {len(answers855)} of {files} orders have an 855")
if len(answers997) < files: problems.append(f"only {len(answers997)} of {files} interchanges have a 997")
problems += [f"PO {po}: {n} 855s" for po, n in answers855.items() if n > 1]
problems += [f"group {group}: {n} 997s" for group, n in answers997.items() if n > 1]
for control, n in controls.items():
    if n > 1: problems.append(f"ISA13 {control} used {n} times")
db = sqlite3.connect(f"{work}/gateway.sqlite")
processing = db.execute("SELECT COUNT(*) FROM inbound_files WHERE state = 'processing'").fetchone()[0]
states = dict(db.execute("SELECT state, COUNT(*) FROM inbound_files GROUP BY state").fetchall())
pending = db.execute("SELECT COUNT(*) FROM outbound_documents WHERE state = 'pending'").fetchone()[0]
if processing: problems.append(f"{processing} files left processing")
if pending: problems.append(f"{pending} interchanges left pending")
sshd = f", the sshd killed {sshd_kills} times under it ({interrupted} transport errors logged)" if transport == "sftp" else ""
print(f"faults: {rounds} kill -9 rounds over {transport}{sshd} and ERP faults; {files} orders; files by state {states}; "
      f"{sum(answers855.values())} 855s for {len(answers855)} POs, {sum(answers997.values())} 997s for {len(answers997)} interchanges; "
      + ("OK: every order answered exactly once, every ISA13 once" if not problems else "PROBLEMS: " + "; ".join(problems[:10])))
sys.exit(1 if problems else 0)
PY
"$bin" audit verify --db "$work/gateway.sqlite"
