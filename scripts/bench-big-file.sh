#!/usr/bin/env bash
# A very big interchange through the gateway in bounded memory: SIZE_MB (default 1024) of 850s
# (1,000 lines each) in one interchange, dropped in ACME's local folder (pickup limit raised to
# 4096 MB, done marker), one `gateway poll --once` (release build): download to the private
# staging folder, recorded (kept by SHA-256 in the store's content folder, fsynced, not in
# SQLite), checked again, read and validated as a stream, the 997 written and uploaded. The
# file carries more orders than the profile's `processing.maxOrdersPerFile` (set to 100 here),
# so none is put to the ERP: the file waits for a person, as the profile says.
# Prints wall time and peak RSS of the poll, beside two yardsticks from the same run:
# `sha256sum` of the file (one read and hash: the floor for anything that checks the bytes)
# and `edigate validate` of it (reading and schema checks alone).
#   SIZE_MB=1024 scripts/bench-big-file.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
SIZE_MB=${SIZE_MB:-1024}
start_release_bench
python3 scripts/lib/local-partner.py "$work/partners" "$work/acme" --done-marker .done --max-file-size-mb 4096 >/dev/null
printf 'processing:\n  maxOrdersPerFile: 100\n' >> "$work/partners/acme-retail.yaml"

python3 - "$SIZE_MB" "$work/big.edi" <<'PY'
import sys
size_mb, path = int(sys.argv[1]), sys.argv[2]
items = [("ACM-1001", "AB3542", "10.50"), ("ACM-1002", "RD5322", "14.25"), ("ACM-2001", "TAPE-DUCT", "4.60")]
lines = 1000
body = "".join("PO1*%d*%d*EA*%s**BP*%s*VN*%s~\n" % (n, 1 + n % 12, items[n % 3][2], items[n % 3][0], items[n % 3][1]) for n in range(1, lines + 1))
isa = "ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATE        *261201*1200*U*00401*000009101*0*P*>~\n"
target = size_mb << 20
sets = 0
with open(path, "w") as out:
    out.write(isa + "GS*PO*ACMERETAIL*EDIGATE*20261201*1200*9101*X*004010~\n")
    written = 0
    while written < target:
        sets += 1
        control = "%09d" % sets
        text = ("ST*850*%s~\nBEG*00*SA*PO-BIG-%d**20261201~\nN1*ST*ACME STORE 12*92*0012~\n" % (control, sets)
                + body + "CTT*%d~\nSE*%d*%s~\n" % (lines, lines + 5, control))
        out.write(text)
        written += len(text)
    out.write("GE*%d*9101~\nIEA*1*000009101~\n" % sets)

PY
sets=$(grep -c '^ST\*850' "$work/big.edi")
bytes=$(stat -c %s "$work/big.edi")

start=$(date +%s.%N)
sha256sum "$work/big.edi" >/dev/null
sha_s=$(seconds_since "$start")
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/validate-rss" "$edigate" validate "$work/big.edi" >/dev/null
validate_s=$(seconds_since "$start")

mv "$work/big.edi" "$work/acme/inbound/big.edi"
touch "$work/acme/inbound/big.edi.done"
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/rss" "$edigate" gateway poll --once --db "$work/gateway.sqlite" --partners "$work/partners" \
  --erp-url "http://127.0.0.1:$erp_port" > "$work/poll.json" || true   # exit 2: a file is held, as intended
poll_s=$(seconds_since "$start")
cat "$work/poll.json"

# What must hold: one 997 accepting every set, no 855, the file held for a person with the
# reason, its bytes in the content folder (not in the database), the audit chain intact.
ack=$(ls "$work/acme/outbound"/997-*.edi)
[ "$(ls "$work/acme/outbound" | wc -l)" = 1 ] || { echo "expected one 997 and nothing else: $(ls "$work/acme/outbound")" >&2; exit 1; }
grep -q "AK9\*A\*$sets\*$sets\*$sets" "$ack" || { echo "the 997 does not accept all $sets sets: $(grep AK9 "$ack")" >&2; exit 1; }
grep -q 'maxOrdersPerFile' "$work/poll.json" || { echo "the file should wait for a person (maxOrdersPerFile)" >&2; exit 1; }
kept=$(find "$work/gateway.sqlite.contents" -type f | head -1)
[ "$(stat -c %s "$kept")" = "$bytes" ] || { echo "the content folder does not hold the file" >&2; exit 1; }
db_mb=$(( $(stat -c %s "$work/gateway.sqlite") / 1048576 ))
"$edigate" audit verify --db "$work/gateway.sqlite" >/dev/null
rss_mb=$(( $(tail -1 "$work/rss") / 1024 ))   # time(1) prefixes a note when the exit status is not 0
echo
echo "| file (MB) | 850 sets | poll --once (s) | MB/s | peak RSS (MB) | database (MB) | sha256sum (s) | validate alone (s) | validate RSS (MB) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
echo "| $(( bytes / 1048576 )) | $sets | $poll_s | $(python3 -c "print('%.0f' % ($bytes / 1048576 / $poll_s))") | $rss_mb | $db_mb | $sha_s | $validate_s | $(( $(tail -1 "$work/validate-rss") / 1024 )) |"
