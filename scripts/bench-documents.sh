#!/usr/bin/env bash
# The documents beyond the order (BENCHMARKS.md): `edigate generate` (release build) of an 846
# and an 832 of ITEMS items (default 10,000) for ACME, end to end (JSON read, outbound checks,
# map, writer, our validator over the whole interchange), best of RUNS (default 3). Yardstick
# in the same run: the same command for an 810 of as many lines (the path the 846 and 832
# share with the documents that came before them).
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${ITEMS:-10000}
RUNS=${RUNS:-3}
swift build -c release --product edigate >/dev/null 2>&1
edigate="$(swift build -c release --show-bin-path)/edigate"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$ITEMS" <<'PY'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
items = [{"lineNumber": str(i + 1), "buyerPartNumber": f"ACM-{i:06d}", "vendorPartNumber": f"V{i:07d}"} for i in range(n)]
advice = {"adviceNumber": "INV-BENCH", "adviceDate": "2026-12-01",
          "items": [dict(item, uom="EA", quantityAvailable=i % 500, warehouse={"id": "WH-EAST", "idQualifier": "92"}) for i, item in enumerate(items)]}
catalog = {"catalogNumber": "CAT-BENCH", "catalogDate": "2026-12-01", "currency": "USD",
           "items": [dict(item, unitPrice=round(1 + i % 97 + (i % 100) / 100, 2), uom="EA", pack=12, effectiveDate="2026-12-01") for i, item in enumerate(items)]}
invoice = {"invoiceNumber": "INV-BENCH", "invoiceDate": "2026-12-01", "poNumber": "PO-BENCH", "poDate": "2026-11-26",
           "lines": [dict(item, quantity=1 + i % 9, uom="EA", unitPrice=round(1 + i % 97 + (i % 100) / 100, 2)) for i, item in enumerate(items)]}
for name, doc in [("846", advice), ("832", catalog), ("810", invoice)]:
    with open(f"{work}/{name}.json", "w") as f:
        json.dump(doc, f)   # two-decimal floats print as their shortest decimal text
PY
best() { # $1 set: prints the best of RUNS in seconds
  local best="" start end seconds
  for _ in $(seq 1 "$RUNS"); do
    start=$(date +%s.%N)
    "$edigate" generate "$1" --partner acme-retail "$work/$1.json" > "$work/$1.edi"
    end=$(date +%s.%N)
    seconds=$(python3 -c "print(f'{$end - $start:.3f}')")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $seconds < $best else 1)"; then best=$seconds; fi
  done
  echo "$best"
}
echo "| document | items | seconds (best of $RUNS) | items/s | bytes |"
echo "| --- | --- | --- | --- | --- |"
for set in 846 832 810; do
  seconds=$(best "$set")
  bytes=$(wc -c < "$work/$set.edi")
  "$edigate" validate "$work/$set.edi" >/dev/null
  label=$set; [ "$set" = 810 ] && label="810 (yardstick)"
  python3 -c "import sys; print(f'| {sys.argv[1]} | {int(sys.argv[2]):,} | {float(sys.argv[3]):.2f} | {int(sys.argv[2]) / float(sys.argv[3]):,.0f} | {int(sys.argv[4]):,} |')" "$label" "$ITEMS" "$seconds" "$bytes"
done
