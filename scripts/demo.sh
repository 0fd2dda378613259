#!/usr/bin/env bash
# The demo on embedded defaults: reads every bundled X12 sample and shows what the
# gateway makes of it (one line per transaction set, warnings and envelope errors).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(swift build --show-bin-path)/edigate
samples=Tests/Fixtures/x12-samples
echo "== EDIGate $("$bin" --version): reading the bundled X12 samples"
status=0
for file in "$samples"/*/*; do
  case "$file" in *.md) continue ;; esac
  "$bin" parse --summary "$file" || status=1
done
echo
echo "== One purchase order as JSON"
"$bin" parse "$samples/850/node-x12__850.edi" | head -c 1200
echo
exit $status
