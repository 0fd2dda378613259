#!/usr/bin/env bash
# The store's engines side by side (BENCHMARKS.md): FILES 850s (default 1,000) from PARTNERS
# partners (default 5) dropped at once, answered end to end (997 and 855 uploaded, every file
# done) by `edigate serve` (release build) on one SQLite file, on PostgreSQL with one instance,
# and on PostgreSQL with two instances; PostgreSQL with its default settings (fsync, synchronous
# commit), SQLite with synchronous=FULL. Each run is checked like the fault runs (every order
# answered exactly once, the chain verifies). Yardstick in the same run: `edigate erp bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${FILES:-1000}
PARTNERS=${PARTNERS:-5}
swift build -c release --product edigate >/dev/null 2>&1
edigate="$(swift build -c release --show-bin-path)/edigate"
echo "| store | instances | files | partners | seconds | files/s |"
echo "| --- | --- | --- | --- | --- | --- |"
run() { # $1 engine, $2 instances
  local line seconds
  line=$(ENGINE=$1 INSTANCES=$2 KILL_AFTER=0 CONFIGURATION=release FILES=$FILES PARTNERS=$PARTNERS scripts/postgres-instances.sh 2>/dev/null | grep '^postgres-instances:')
  seconds=$(echo "$line" | grep -o '[0-9.]* s$' | cut -d' ' -f1)
  echo "$line" | grep -q "$PARTNERS/$PARTNERS partners answered exactly once" || { echo "bench-store: $1 × $2 did not answer every order exactly once: $line" >&2; exit 1; }
  python3 -c "import sys; print(f'| {sys.argv[1]} | {sys.argv[2]} | {sys.argv[3]} | {sys.argv[4]} | {float(sys.argv[5]):.1f} | {int(sys.argv[3]) / float(sys.argv[5]):.0f} |')" "$1" "$2" "$FILES" "$PARTNERS" "$seconds"
}
run sqlite 1
run postgresql 1
run postgresql 2
echo
echo "Yardstick in the same run (ERP side alone, \`edigate erp bench --orders 2000 --concurrency 16\`):"
"$edigate" erp bench --orders 2000 --concurrency 16
