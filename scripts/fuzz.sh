#!/usr/bin/env bash
# `make fuzz`: coverage-guided fuzzing with libFuzzer (the Swift toolchain's; `-sanitize=fuzzer,address`).
# Target `x12`: the X12 reader in both modes, the validator and the TA1/997/999 builder
# (fuzz/X12Fuzz.swift compiled with X12's sources), seeded from the bundled samples.
# Target `mapping`: the map engine (translate with the built-in maps), the YAML map loader
# (default and override) and the canonical JSON decoding the HTTP API uses, then generation
# (fuzz/MappingFuzz.swift compiled with the X12, Documents and Mapping sources as one module;
# Yams as SwiftPM builds it), seeded from the samples, the maps and the demo/test JSON.
# Target `profile`: the YAML partner-profile loader (fuzz/ProfileFuzz.swift with the sources of
# the modules Partners reads through as one module; X12's own ValidationPolicy renamed there to
# keep one name per type), seeded from Partners/*.yaml.
# FUZZ_TARGETS picks targets (default: all); only those are built.
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
targets=${FUZZ_TARGETS:-x12 mapping profile}
wants() { case " $targets " in *" $1 "*) return 0 ;; esac; return 1; }
if wants x12; then
echo "fuzz: building the x12 target" >&2
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name X12 \
  $(find Sources/X12 -name '*.swift') fuzz/X12Fuzz.swift -o "$out/fuzz-x12" 2>&1 | grep -v "warning: Cannot export local symbol" || true
[ -x "$out/fuzz-x12" ] || { echo "fuzz: build failed" >&2; exit 2; }
fi
# The mapping and profile targets: the modules' sources compiled as one module (their imports of
# each other dropped), the built-in maps embedded as SwiftPM's embedInCode would, Yams linked in.
if wants mapping || wants profile; then swift build -c release --target Yams >&2; fi
yams=.build/release
yams_flags=(-I "$yams/Modules" -Xcc -fmodule-map-file=.build/checkouts/Yams/Sources/CYaml/include/module.modulemap
            -Xcc -I.build/checkouts/Yams/Sources/CYaml/include)
yams_objects=("$yams"/Yams.build/*.o $(find "$yams/CYaml.build" -name '*.o' 2>/dev/null))
# Copies the sources of MODULE… into DIR as one module's files, their imports of each other dropped.
one_module() { # $1 DIR, then source folders under Sources/
  local dir=$1; shift
  rm -rf "$dir"; mkdir -p "$dir"
  for folder in "$@"; do
    find "Sources/$folder" -name '*.swift' | while read -r file; do
      sed -E '/^(@testable )?import (X12|Documents|Mapping|Secrets|ERP|Transport)$/d' "$file" > "$dir/$(echo "${file#Sources/}" | tr '/' '-')"
    done
  done
}
embed_maps() { # $1 output Swift file: the built-in maps as SwiftPM's embedInCode writes them
  python3 - "$1" <<'PY'
import glob, os, re, sys
with open(sys.argv[1], "w") as out:
    out.write("struct PackageResources {\n")
    for path in sorted(glob.glob("Sources/Mapping/Defaults/*")):
        name = re.sub(r"[^A-Za-z0-9_]", "_", os.path.basename(path))
        out.write("static let %s: [UInt8] = [%s]\n" % (name, ",".join(str(b) for b in open(path, "rb").read())))
    out.write("}\n")
PY
}
if wants mapping; then
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
one_module "$out/mapping-src" X12 Documents Mapping
embed_maps "$out/mapping-src/embedded_resources.swift"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name Mapping -package-name EDIGate "${yams_flags[@]}" \
  "$out/mapping-src"/*.swift fuzz/MappingFuzz.swift "${yams_objects[@]}" \
  -o "$out/fuzz-mapping" 2>&1 | grep -v "warning: Cannot export local symbol" || true
[ -x "$out/fuzz-mapping" ] || { echo "fuzz: mapping build failed" >&2; exit 2; }
fi
if wants profile; then
mkdir -p "$out/corpus/profile"
cp Partners/*.yaml "$out/corpus/profile/"
echo "fuzz: building the profile target" >&2
one_module "$out/profile-src" X12 Documents Mapping Secrets ERP/Validation ERP/Configuration ERP/Contract Transport Partners
for file in ERPError ERPClient; do sed -E '/^import Documents$/d' "Sources/ERP/Client/$file.swift" > "$out/profile-src/ERP-Client-$file.swift"; done
sed -i 's/\bValidationPolicy\b/X12ValidationPolicy/g' "$out/profile-src"/X12-*.swift
embed_maps "$out/profile-src/embedded_resources.swift"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name Partners -package-name EDIGate "${yams_flags[@]}" \
  -Xcc -fmodule-map-file=Sources/CLibSSH2/module.modulemap -lssh2 \
  "$out/profile-src"/*.swift fuzz/ProfileFuzz.swift "${yams_objects[@]}" \
  -o "$out/fuzz-profile" 2>&1 | grep -v "warning: Cannot export local symbol" || true
[ -x "$out/fuzz-profile" ] || { echo "fuzz: profile build failed" >&2; exit 2; }
fi

export EDIGATE_SCHEMAS="$PWD/Sources/X12Schemas/Schemas"
status=0
for target in $targets; do
  echo "fuzz: $target for ${SECONDS_PER_TARGET} s" >&2
  if ! ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions="$PWD/fuzz/lsan.supp" "$out/fuzz-$target" "$out/corpus/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 \
       -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len=65536 -artifact_prefix="$out/findings/$target-" -print_final_stats=1 2>"$out/$target.log"; then
    status=1
    echo "fuzz: $target found something: $(ls "$out/findings" | tail -1) (log: $out/$target.log)" >&2
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov: " "$out/$target.log" | tail -3 >&2 || true
done
exit $status
