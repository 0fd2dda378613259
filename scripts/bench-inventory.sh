#!/usr/bin/env bash
# The 846 end to end from an ERP holding ITEMS items (default 10,000; BENCHMARKS.md): the
# reference ERP seeded with them (stock at WH-EAST), ACME's profile listing them all
# (inventory: deltas), and `edigate gateway inventory` (release build) over HTTP — asking the
# ERP's availability for every item, building, validating, recording and writing the 846 to a
# local folder. Then MOVED items (default 10) change stock in the ERP and the next look reads
# the ERP's availability change feed and asks only about those; then `--full` asks about every
# item again; a look when nothing moved shows the fixed cost (start, the 10,000-item profile,
# the store). Yardstick in the same run: `edigate erp bench` (orders validated per second by
# the same ERP over the same loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
ITEMS=${ITEMS:-10000}
MOVED=${MOVED:-10}
start_release_bench
python3 - "$work/erp.sqlite" "$ITEMS" <<'PY'
import sqlite3, sys
path, n = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(path)
db.executemany("INSERT INTO items (id, description, base_uom, gtin) VALUES (?, ?, 'EA', NULL)", [(f"V{i:07d}", f"Bench item {i}") for i in range(n)])
db.executemany("INSERT INTO item_uoms (item_id, uom, factor) VALUES (?, 'EA', '1')", [(f"V{i:07d}",) for i in range(n)])
db.executemany("INSERT INTO stock (item_id, warehouse_id, on_hand, allocated, safety_stock) VALUES (?, 'WH-EAST', ?, '0', '0')", [(f"V{i:07d}", str(100 + i % 900)) for i in range(n)])
db.commit()
PY
python3 scripts/lib/local-partner.py "$work/partners" "$work/acme" >/dev/null
python3 - "$work/partners/acme-retail.yaml" "$ITEMS" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
text = open(path).read()
start, end = text.index("\ninventory:\n"), text.index("\ncatalog:\n")
items = "".join(f"    - {{ vendorPartNumber: V{i:07d}, buyerPartNumber: B{i:07d}, uom: EA }}\n" for i in range(n))
text = text[:start] + "\ninventory:\n  warehouses: [WH-EAST]\n  intervalMinutes: 0\n  deltas: true\n  items:\n" + items + text[end:]
open(path, "w").write(text)
PY
look() { # $1 label, [--full]; prints a table row
  local label=$1; shift
  local start line seconds
  start=$(date +%s.%N)
  line=$("$edigate" gateway inventory --db "$work/gateway.sqlite" --partner acme-retail --partners "$work/partners" --maps Maps --erp-url "http://127.0.0.1:$erp_port" "$@")
  seconds=$(seconds_since "$start")
  python3 - "$label" "$seconds" "$line" <<'PY'
import json, sys
label, seconds, report = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
assert report["outcome"] in ("sent", "unchanged"), report
rate = f"{report['asked'] / seconds:,.0f}" if report["asked"] >= 1000 else "—"
print(f"| {label} | {report['asked']:,} | {report['items']:,} | {seconds:.2f} | {rate} |")
PY
}
echo "| look | items asked of the ERP | items in the 846 | seconds | items asked/s |"
echo "| --- | --- | --- | --- | --- |"
look "first look (every item)"
look "nothing moved (change feed)"
python3 - "$work/erp.sqlite" "$ITEMS" "$MOVED" <<'PY'
import sqlite3, sys
path, n, moved = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
db = sqlite3.connect(path)
for k in range(moved):
    db.execute("UPDATE stock SET on_hand = '3' WHERE item_id = ? AND warehouse_id = 'WH-EAST'", (f"V{(k * 977) % n:07d}",))
db.commit()
PY
look "after $MOVED moved (change feed)"
look "--full (every item again)" --full
"$edigate" validate "$(ls "$work"/acme/outbound/846-*.edi | head -1)" >/dev/null
echo
echo "Yardstick, same run: edigate erp bench (the reference ERP in process)"
"$edigate" erp bench --orders 200 --concurrency 8 2>&1 | tail -4
