#!/usr/bin/env bash
# Gateway benchmark: `edigate serve` (release build) over local partner folders with the
# reference ERP on loopback. FILES 850s of 10 lines from PARTNERS partners are dropped at
# once; files/s is FILES over the time from the drop to the last 855 uploaded; p50/p99 are
# each file's drop-to-855 time in a separate trickle run (RATE files/s for TRICKLE files);
# peak RSS is the service's VmHWM. In the same run, `edigate erp bench` is the yardstick of
# what the ERP side alone allows. Prints Markdown rows for BENCHMARKS.md.
#   FILES=1000 PARTNERS=5 RATE=20 TRICKLE=200 scripts/bench-gateway.sh
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
erp_pid=""; serve_pid=""
cleanup() {
  for pid in $serve_pid $erp_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

start_reference_erp "$edigate" "$work"

run() { # $1 label, $2 files, $3 partners, $4 mode (burst|trickle)
  local label=$1 files=$2 partners=$3 mode=$4 dir="$work/$1"
  mkdir -p "$dir/partners"
  for n in $(seq 1 "$partners"); do
    python3 scripts/lib/local-partner.py "$dir/partners" "$dir/p$n" --id "bench-$n" --interchange-id "BENCHP$n"
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
  python3 scripts/bench/gateway-files.py "$files" "$partners" "$dir/stage"
  "$edigate" serve --config "$dir/gateway.yaml" --log-level error >"$dir/serve.log" 2>&1 &
  serve_pid=$!
  sleep 1
  python3 - "$dir" "$files" "$partners" "$mode" "$RATE" "$serve_pid" "$label" <<'PY'
import os, sys, time, glob
dir, files, partners, mode, rate, pid, label = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5]), sys.argv[6], sys.argv[7]
staged = sorted(glob.glob(f"{dir}/stage/*/*.edi"))
dropped = {}
def drop(path):
    partner = os.path.basename(os.path.dirname(path)).split("-")[1]
    target = f"{dir}/p{partner}/inbound/{os.path.basename(path)}"
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
    return sum(len(glob.glob(f"{dir}/p{n}/outbound/855-*.edi")) for n in range(1, partners + 1))
deadline = time.time() + 1800
while answered() < files and time.time() < deadline: time.sleep(0.05)
end = time.time()
rss = 0
for line in open(f"/proc/{pid}/status"):
    if line.startswith("VmHWM:"): rss = int(line.split()[1]) // 1024
# drop-to-855 per file: the 855's mtime against its 850's drop time, matched by PO number in BAK03.
latencies = []
for n in range(1, partners + 1):
    for path in glob.glob(f"{dir}/p{n}/outbound/855-*.edi"):
        text = open(path).read()
        bak = [s for s in text.replace("\n", "").split("~") if s.startswith("BAK*")][0].split("*")
        number = int(bak[3].split("-")[1])
        name = f"po-{number:06d}.edi"
        if name in dropped: latencies.append(os.path.getmtime(path) - dropped[name])
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
done = answered()
print(f"| {label} | {files} | {partners} | {mode} | {done / (end - start):.0f} | {p(0.5):.2f} | {p(0.99):.2f} | {rss} |" + ("" if done == files else f" (only {done} answered)"))
PY
  kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
}

echo "| run | files | partners | drop | files/s (drop to 855) | p50 s | p99 s | peak RSS MB |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
run burst-1p 1000 1 burst
run burst-5p "$FILES" "$PARTNERS" burst
[ "${LARGE:-0}" = 1 ] && run burst-5p-10k 10000 "$PARTNERS" burst
run trickle-5p "$TRICKLE" "$PARTNERS" trickle
echo
echo "Yardstick in the same run (ERP side alone, \`edigate erp bench --orders 2000 --concurrency 16\`):"
"$edigate" erp bench --orders 2000 --concurrency 16
