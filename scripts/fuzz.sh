#!/usr/bin/env bash
# `make fuzz`: coverage-guided fuzzing with libFuzzer (the Swift toolchain's; `-sanitize=fuzzer,address`).
# Target `x12`: the X12 reader in both modes, the validator and the TA1/997/999 builder
# (fuzz/X12Fuzz.swift compiled with X12's sources), seeded from the bundled samples.
# Each target runs FUZZ_SECONDS (default 180); any crash, leak, timeout (> 10 s for one input)
# or input using more than 2 GB fails the run and leaves the input in .build-fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${FUZZ_SECONDS:-180}
out=.build-fuzz
mkdir -p "$out/corpus/x12" "$out/findings"
# Seeds: every sample file, first byte 0 (tolerant) and 1 (strict).
for file in Tests/Fixtures/x12-samples/*/*; do
  case "$file" in *.md) continue ;; esac
  name=$(basename "$file" | tr -c 'A-Za-z0-9._-' '_')
  [ -f "$out/corpus/x12/t-$name" ] || { printf '\0' | cat - "$file" > "$out/corpus/x12/t-$name"; }
  [ -f "$out/corpus/x12/s-$name" ] || { printf '\1' | cat - "$file" > "$out/corpus/x12/s-$name"; }
done
echo "fuzz: building the x12 target" >&2
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name X12 \
  $(find Sources/X12 -name '*.swift') fuzz/X12Fuzz.swift -o "$out/fuzz-x12" 2>&1 | grep -v "warning: Cannot export local symbol" || true
[ -x "$out/fuzz-x12" ] || { echo "fuzz: build failed" >&2; exit 2; }
export EDIGATE_SCHEMAS="$PWD/Sources/X12Schemas/Schemas"
status=0
for target in x12; do
  echo "fuzz: $target for ${SECONDS_PER_TARGET} s" >&2
  if ! ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions="$PWD/fuzz/lsan.supp" "$out/fuzz-$target" "$out/corpus/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 \
       -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len=65536 -artifact_prefix="$out/findings/$target-" -print_final_stats=1 2>"$out/$target.log"; then
    status=1
    echo "fuzz: $target found something: $(ls "$out/findings" | tail -1) (log: $out/$target.log)" >&2
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov: " "$out/$target.log" | tail -3 >&2 || true
done
exit $status
