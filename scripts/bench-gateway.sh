#!/usr/bin/env bash
# Gateway benchmark: `edigate serve` (release build) over local partner folders with the
# reference ERP on loopback. FILES 850s of 10 lines from PARTNERS partners are dropped at
# once; files/s is FILES over the time from the drop to the last 855 uploaded; p50/p99 are
# each file's drop-to-855 time in a separate trickle run (RATE files/s for TRICKLE files);
# peak RSS is the service's VmHWM; CPU ms/file is the CPU time (user + system) the service and
# the reference ERP spent over the run per file answered (steadier than files/s on a shared
# machine). In the same run, `edigate erp bench` is the yardstick of what the ERP side alone
# allows. As root, one more burst run trades with its partner over the
# throw-away OpenSSH sshd (scripts/sshd-start.sh) instead of a local folder. Prints Markdown
# rows for BENCHMARKS.md.
#   FILES=1000 PARTNERS=5 RATE=20 TRICKLE=200 scripts/bench-gateway.sh   (SFTP=0: no sshd run)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
FILES=${FILES:-1000}
PARTNERS=${PARTNERS:-5}
RATE=${RATE:-20}
TRICKLE=${TRICKLE:-200}
scripts/install-deps.sh
swift build -c release --product edigate >/dev/null
edigate="$(swift build -c release --show-bin-path)/edigate"
work=$(mktemp -d)
erp_pid=""; serve_pid=""; sshd_dir=""
cleanup() {
  for pid in $serve_pid $erp_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "$sshd_dir" ]; then scripts/sshd-stop.sh "$sshd_dir" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

start_reference_erp "$edigate" "$work"

run() { # $1 label, $2 files, $3 partners, $4 mode (burst|trickle), $5 transport (local|sftp)
  local label=$1 files=$2 partners=$3 mode=$4 transport=${5:-local} dir="$work/$1" roots stage
  mkdir -p "$dir/partners"
  roots="$dir/p{n}"; stage="$dir/stage"
  for n in $(seq 1 "$partners"); do
    python3 scripts/lib/local-partner.py "$dir/partners" "$dir/p$n" --id "bench-$n" --interchange-id "BENCHP$n"
    if [ "$transport" = sftp ]; then
      # The partner's folders on the sshd, writable by its SFTP user as sshd-start.sh makes them.
      install -d -m 0755 "$SSHD_CHROOT/$label-p$n"
      for folder in inbound outbound archive; do install -d -m 2775 -o root -g edigate-sftp "$SSHD_CHROOT/$label-p$n/$folder"; done
      python3 scripts/lib/sftp-partner.py "$dir/partners/bench-$n.yaml" "/$label-p$n"
      roots="$SSHD_CHROOT/$label-p{n}"; stage="$sshd_dir/stage-$label"
    fi
  done
  cat > "$dir/gateway.yaml" <<YAML
store: gateway.sqlite
partners: partners
maps: $PWD/Maps
erp:
  baseURL: http://127.0.0.1:$erp_port
http:
  port: 0
poll:
  intervalSeconds: 0.2
  partnerConcurrency: $partners
YAML
  python3 scripts/bench/gateway-files.py "$files" "$partners" "$stage"
  "$edigate" serve --config "$dir/gateway.yaml" --log-level error >"$dir/serve.log" 2>&1 &
  serve_pid=$!
  sleep 1
  python3 - "$dir" "$files" "$partners" "$mode" "$RATE" "$serve_pid" "$label" "$roots" "$stage" "$erp_pid" <<'PY'
import os, sys, time, glob
dir, files, partners, mode, rate, pid, label, roots, stage, erp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5]), sys.argv[6], sys.argv[7], sys.argv[8], sys.argv[9], sys.argv[10]
def cpu(process):  # user + system seconds so far
    fields = open(f"/proc/{process}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
cpu_start = {process: cpu(process) for process in (pid, erp)}
root = lambda n: roots.replace("{n}", str(n))
staged = sorted(glob.glob(f"{stage}/*/*.edi"))
dropped = {}
def drop(path):
    partner = os.path.basename(os.path.dirname(path)).split("-")[1]
    target = f"{root(partner)}/inbound/{os.path.basename(path)}"
    os.rename(path, target)
    dropped[os.path.basename(path)] = time.time()
start = time.time()
if mode == "burst":
    for path in staged: drop(path)
else:
    for index, path in enumerate(staged):
        wait = start + index / rate - time.time()
        if wait > 0: time.sleep(wait)
        drop(path)
def answered():
    return sum(len(glob.glob(f"{root(n)}/outbound/855-*.edi")) for n in range(1, partners + 1))
deadline = time.time() + 1800
while answered() < files and time.time() < deadline: time.sleep(0.05)
end = time.time()
# CPU per file answered: steadier than files/s on a shared machine, and says who spends it.
cpu_ms = {process: 1000 * (cpu(process) - cpu_start[process]) for process in (pid, erp)}
rss = 0
for line in open(f"/proc/{pid}/status"):
    if line.startswith("VmHWM:"): rss = int(line.split()[1]) // 1024
# drop-to-855 per file: the 855's mtime against its 850's drop time, matched by PO number in BAK03.
latencies = []
for n in range(1, partners + 1):
    for path in glob.glob(f"{root(n)}/outbound/855-*.edi"):
        text = open(path).read()
        bak = [s for s in text.replace("\n", "").split("~") if s.startswith("BAK*")][0].split("*")
        number = int(bak[3].split("-")[1])
        name = f"po-{number:06d}.edi"
        if name in dropped: latencies.append(os.path.getmtime(path) - dropped[name])
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
done = answered()
per_file = lambda process: cpu_ms[process] / max(done, 1)
print(f"| {label} | {files} | {partners} | {mode} | {done / (end - start):.0f} | {p(0.5):.2f} | {p(0.99):.2f} | {rss} | {per_file(pid):.1f} | {per_file(erp):.1f} |"
      + ("" if done == files else f" (only {done} answered)"))
PY
  kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
}

echo "| run | files | partners | drop | files/s (drop to 855) | p50 s | p99 s | peak RSS MB | service CPU ms/file | ERP CPU ms/file |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
run burst-1p 1000 1 burst
run burst-5p "$FILES" "$PARTNERS" burst
if [ "${SFTP:-1}" = 1 ] && [ "$(id -u)" = 0 ]; then
  eval "$(scripts/sshd-start.sh)"
  sshd_dir=$SSHD_DIR
  export SSHD_PORT SSHD_USER SSHD_CLIENT_DIR SSHD_HOST_KEY_FINGERPRINT SSHD_HOST_KEY_TYPE
  run burst-5p-sftp "$FILES" "$PARTNERS" burst sftp
fi
[ "${LARGE:-0}" = 1 ] && run burst-5p-10k 10000 "$PARTNERS" burst
run trickle-5p "$TRICKLE" "$PARTNERS" trickle
echo
echo "Yardstick in the same run (ERP side alone, \`edigate erp bench --orders 2000 --concurrency 16\`):"
"$edigate" erp bench --orders 2000 --concurrency 16
