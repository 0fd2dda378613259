#!/usr/bin/env bash
# One very long purchase order through the whole gateway: an 850 of LINES lines (default 5,000)
# dropped in ACME's local folder, one `gateway poll --once` (release build) against the
# reference ERP on loopback: read, validate, 997, translate, the ERP decision (prices,
# availability and ship-to asked in batches of the client's maxBatchLines, credit once), the ERP
# order entered, the 855 generated, validated and uploaded. Prints the wall time and the poll's
# peak RSS, and checks the 855 (one PO1 per line, our validator accepts it).
# The yardstick in the same run: `edigate validate` of the same 850 (reading + schema checks
# alone).
#   LINES=5000 scripts/bench-big-order.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
LINES=${LINES:-5000}
start_release_bench
mkdir -p "$work/partners"
python3 scripts/lib/local-partner.py "$work/partners" "$work/acme" >/dev/null

# ACME's catalogue (buyer part, vendor part, contract price): every line one of them, 1-12 EA.
python3 - "$LINES" "$work/acme/inbound/big-850.edi" <<'PY'
import sys
lines, path = int(sys.argv[1]), sys.argv[2]
items = [("ACM-1001", "AB3542", "10.50"), ("ACM-1002", "RD5322", "14.25"), ("ACM-2001", "TAPE-DUCT", "4.60")]
body = ["ST*850*0001", "BEG*00*SA*PO-BIG-%d**20261130" % lines, "N1*ST*ACME STORE 12*92*0012"]
for n in range(1, lines + 1):
    buyer, vendor, price = items[n % len(items)]
    body.append("PO1*%d*%d*EA*%s**BP*%s*VN*%s" % (n, 1 + n % 12, price, buyer, vendor))
body.append("CTT*%d" % lines)
body.append("SE*%d*0001" % (len(body) + 1))
isa = "ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATE        *261130*1200*U*00401*000009001*0*P*>"
text = "~\n".join([isa, "GS*PO*ACMERETAIL*EDIGATE*20261130*1200*9001*X*004010"] + body + ["GE*1*9001", "IEA*1*000009001"]) + "~\n"
open(path, "w").write(text)
print("850: %d lines, %d bytes" % (lines, len(text)))
PY

start=$(date +%s.%N)
"$edigate" validate "$work/acme/inbound/big-850.edi" >/dev/null
validate_s=$(seconds_since "$start")

start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/rss" "$edigate" gateway poll --once --db "$work/gateway.sqlite" --partners "$work/partners" \
  --erp-url "http://127.0.0.1:$erp_port" > "$work/poll.json"
poll_s=$(seconds_since "$start")
cat "$work/poll.json"
ack=$(ls "$work/acme/outbound"/855-*.edi)
po1=$(grep -c '^PO1\*' "$ack")
[ "$po1" = "$LINES" ] || { echo "the 855 has $po1 PO1 lines, not $LINES" >&2; exit 1; }
"$edigate" validate "$ack" >/dev/null || { echo "our validator refuses the 855" >&2; exit 1; }
echo
echo "| lines | poll --once (s) | validate alone (s) | peak RSS (MB) | 855 PO1 lines |"
echo "| --- | --- | --- | --- | --- |"
echo "| $LINES | $poll_s | $validate_s | $(( $(cat "$work/rss") / 1024 )) | $po1 |"
