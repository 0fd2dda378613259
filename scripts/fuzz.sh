#!/usr/bin/env bash
# `make fuzz`: coverage-guided fuzzing with libFuzzer (the Swift toolchain's; `-sanitize=fuzzer,address`).
# Target `x12`: the X12 reader in both modes, the validator and the TA1/997/999 builder
# (fuzz/X12Fuzz.swift compiled with X12's sources), seeded from the bundled samples.
# Target `mapping`: the map engine (translate with the built-in maps), the YAML map loader
# (default and override) and the canonical JSON decoding the HTTP API uses, then generation
# (fuzz/MappingFuzz.swift compiled with the X12, Documents and Mapping sources as one module;
# Yams as SwiftPM builds it), seeded from the samples, the maps and the demo/test JSON.
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
# The mapping target: the three modules' sources as one module (their imports of each other
# dropped), the built-in maps embedded as SwiftPM's embedInCode would, Yams linked in.
mkdir -p "$out/corpus/mapping"
for file in Tests/Fixtures/x12-samples/850/* demo/*.edi; do
  name=$(basename "$file" | tr -c 'A-Za-z0-9._-' '_')
  [ -f "$out/corpus/mapping/x-$name" ] || { printf '\0' | cat - "$file" > "$out/corpus/mapping/x-$name"; }
done
for file in Sources/Mapping/Defaults/*.yaml Maps/*/*.yaml; do
  name=$(echo "$file" | tr -c 'A-Za-z0-9._-' '_')
  [ -f "$out/corpus/mapping/m-$name" ] || { printf '\1' | cat - "$file" > "$out/corpus/mapping/m-$name"; }
done
for file in demo/*.json Tests/Fixtures/erp/*.json; do
  [ -f "$file" ] || continue
  name=$(basename "$file" | tr -c 'A-Za-z0-9._-' '_')
  [ -f "$out/corpus/mapping/j-$name" ] || { printf '\2' | cat - "$file" > "$out/corpus/mapping/j-$name"; }
done
echo "fuzz: building the mapping target" >&2
swift build -c release --target Yams >&2
src="$out/mapping-src"
rm -rf "$src"; mkdir -p "$src"
for module in X12 Documents Mapping; do
  find "Sources/$module" -name '*.swift' | while read -r file; do
    sed -E '/^(@testable )?import (X12|Documents)$/d' "$file" > "$src/$module-$(echo "${file#Sources/$module/}" | tr '/' '-')"
  done
done
python3 - "$src/embedded_resources.swift" <<'PY'
import glob, os, re, sys
with open(sys.argv[1], "w") as out:
    out.write("struct PackageResources {\n")
    for path in sorted(glob.glob("Sources/Mapping/Defaults/*")):
        name = re.sub(r"[^A-Za-z0-9_]", "_", os.path.basename(path))
        out.write("static let %s: [UInt8] = [%s]\n" % (name, ",".join(str(b) for b in open(path, "rb").read())))
    out.write("}\n")
PY
yams=.build/release
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name Mapping -package-name EDIGate -I "$yams/Modules" \
  -Xcc -fmodule-map-file=.build/checkouts/Yams/Sources/CYaml/include/module.modulemap -Xcc -I.build/checkouts/Yams/Sources/CYaml/include \
  "$src"/*.swift fuzz/MappingFuzz.swift "$yams"/Yams.build/*.o $(find "$yams/CYaml.build" -name '*.o') \
  -o "$out/fuzz-mapping" 2>&1 | grep -v "warning: Cannot export local symbol" || true
[ -x "$out/fuzz-mapping" ] || { echo "fuzz: mapping build failed" >&2; exit 2; }

export EDIGATE_SCHEMAS="$PWD/Sources/X12Schemas/Schemas"
status=0
for target in ${FUZZ_TARGETS:-x12 mapping}; do
  echo "fuzz: $target for ${SECONDS_PER_TARGET} s" >&2
  if ! ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions="$PWD/fuzz/lsan.supp" "$out/fuzz-$target" "$out/corpus/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 \
       -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len=65536 -artifact_prefix="$out/findings/$target-" -print_final_stats=1 2>"$out/$target.log"; then
    status=1
    echo "fuzz: $target found something: $(ls "$out/findings" | tail -1) (log: $out/$target.log)" >&2
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov: " "$out/$target.log" | tail -3 >&2 || true
done
exit $status
