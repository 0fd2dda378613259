#!/usr/bin/env bash
# Validation benchmark: `edigate validate` beside `edigate parse --summary` on the parse
# benchmark's generated 850 file (release build, whole process, best of RUNS, measured in
# the same run so a shared machine's load hits both). Prints a Markdown table.
#   SIZE_MB=50 RUNS=10 scripts/bench-validate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-50}
RUNS=${RUNS:-10}
data=bench-data
mkdir -p "$data"
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
file="$data/850-${SIZE_MB}mb.edi"
[ -f "$file" ] || python3 scripts/bench/generate-850.py "$SIZE_MB" "$file"

swift build -c release --product edigate >/dev/null
edigate="$(swift build -c release --show-bin-path)/edigate"

. scripts/bench/measure.sh
mbps() { awk "BEGIN{printf \"%.0f\", $1 / 1000000 / ($2 > 0 ? $2 : 0.001)}"; }
per_s() { awk "BEGIN{printf \"%.0f\", $1 / ($2 > 0 ? $2 : 0.001)}"; }

bytes=$(stat -c %s "$file")
sets=$("$edigate" parse --summary "$file" | wc -l)
read -r p_t p_m < <(measure "$edigate" parse --summary "$file")
read -r v_t v_m < <(measure "$edigate" validate "$file")
read -r o_t o_m < <(measure "$edigate" validate --threads 1 "$file")
read -r a_t a_m < <(measure "$edigate" validate --ack "$file")

echo "| command (whole process, best of $RUNS) | file | s | MB/s | sets/s | peak RSS MB | vs parse |"
echo "|---|---|---|---|---|---|---|"
echo "| \`edigate parse --summary\` | ${SIZE_MB} MB, $sets sets | $p_t | $(mbps "$bytes" "$p_t") | $(per_s "$sets" "$p_t") | $p_m | 1.0× |"
echo "| \`edigate validate\` | ${SIZE_MB} MB, $sets sets | $v_t | $(mbps "$bytes" "$v_t") | $(per_s "$sets" "$v_t") | $v_m | $(awk "BEGIN{printf \"%.1f\", $v_t/$p_t}")× |"
echo "| \`edigate validate --threads 1\` | ${SIZE_MB} MB, $sets sets | $o_t | $(mbps "$bytes" "$o_t") | $(per_s "$sets" "$o_t") | $o_m | $(awk "BEGIN{printf \"%.1f\", $o_t/$p_t}")× |"
echo "| \`edigate validate --ack\` (997 to /dev/null) | ${SIZE_MB} MB, $sets sets | $a_t | $(mbps "$bytes" "$a_t") | $(per_s "$sets" "$a_t") | $a_m | $(awk "BEGIN{printf \"%.1f\", $a_t/$p_t}")× |"
