#!/usr/bin/env bash
# `make demo`: the order-to-invoice flow on the embedded defaults, through the CLI.
#   1. every bundled X12 sample is read (tolerant mode, one line per transaction set);
#   2. ACME Retail's 850 (demo/acme-retail-850.edi) is validated and answered with a 997;
#   3. it is translated to the canonical PurchaseOrder JSON with the partner's maps;
#   4. the reference ERP (seeded SQLite, real HTTP on 127.0.0.1) prices, credit-checks,
#      ship-to-checks and ATP-checks it, and the decision becomes an 855;
#   5. the shipment and invoice JSON become an 856 and an 810 (HL tree, SSCC, totals checked);
#   6. ACME's 997 for our 855 is reconciled against what we sent;
#   7. the same order unattended: ACME drops it on an SFTP server (a throw-away OpenSSH sshd
#      on 127.0.0.1, as root), `edigate gateway poll` picks it up, records it durably, answers
#      with a 997 and an 855 on the server, a re-drop is recognised as a duplicate, and the
#      audit trail verifies; the shipment and invoice go out as an 856 and an 810 checked
#      against the order; ACME's 997s settle them.
#   9. the gateway as one service: `edigate serve` runs in the background for both example
#      partners (ACME over the throw-away sshd where it runs, else a local folder; Globex's
#      5010 order through its local folder), the ERP posts a shipment and an invoice over
#      HTTP, Globex changes its order (860 → 865), the ERP posts an inventory event and a price
#      event (ACME gets an 846 and an 832), and the 997s/999s, 855s, 865, 846, 832, 856 and 810, `edigate status`, /metrics and
#      the audit trail are shown; then the service is stopped with SIGTERM;
#      ACME's store list (816) proposes ship-to changes; ops approves one and the ERP takes it.
#  10. ACME's store list (816) is read, and our price catalog for ACME written as an 832.
# Everything it writes goes to a temporary folder; the ERP, sshd and service it starts are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
bin=$(swift build --show-bin-path)/edigate
samples=Tests/Fixtures/x12-samples
work=$(mktemp -d)
erp_pid=""
sshd_dir=""
serve_pid=""
cleanup() {
  if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
    kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
  if [ -n "$sshd_dir" ]; then scripts/sshd-stop.sh "$sshd_dir" >/dev/null 2>&1 || true; fi
  if [ -n "$erp_pid" ] && kill -0 "$erp_pid" 2>/dev/null; then
    kill "$erp_pid" 2>/dev/null || true
    wait "$erp_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "EDIGate $("$bin" --version): reading the ${samples} X12 samples"
for file in "$samples"/*/*; do
  case "$file" in *.md) continue ;; esac
  "$bin" parse --summary "$file" 2>/dev/null || echo "$file: unreadable (see edigate parse $file)"
done | awk -F'\t' '{ n++; if ($NF != "status=ok") bad++ } END { printf "%d transaction sets read, %d with envelope errors (run edigate parse FILE for details)\n", n, bad }'

step "1. ACME Retail's purchase order arrives: validate it and answer with a 997"
cat demo/acme-retail-850.edi
"$bin" validate --partner acme-retail --ack demo/acme-retail-850.edi | tee "$work/997.edi"

step "2. Translate it to the canonical PurchaseOrder (the built-in 850-in map)"
"$bin" translate --partner acme-retail demo/acme-retail-850.edi | tee "$work/po.json"

step "3. Check it against the ERP (reference service on loopback, seeded demo data)"
"$bin" erp seed --demo "$work/erp.sqlite"
"$bin" erp serve --data "$work/erp.sqlite" --port 0 >"$work/erp.log" 2>&1 &
erp_pid=$!
port=""
for _ in $(seq 100); do
  port=$(sed -n 's/.*serving .* on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/erp.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/erp.log"; echo "the reference ERP did not start" >&2; exit 1; }
# Onboarding's dry run first: everything the gateway would do with the file, nothing recorded.
"$bin" partner try acme-retail demo/acme-retail-850.edi --erp-url "http://127.0.0.1:$port" --format json | python3 -c '
import json, sys
r = json.loads(sys.stdin.readline())
print("partner try: ready" if r["ready"] else "partner try: NOT ready: %s" % r["problems"])
for o in r["orders"]: print("  %s %s: ERP says %s; 855 it would send: %d bytes" % (o["set"], o.get("poNumber"), o.get("decision"), len(o.get("orderAcknowledgment", ""))))
for w in r["warnings"]: print("  warning:", w)'
"$bin" erp validate --url "http://127.0.0.1:$port" --profile acme-retail --enter "$work/po.json" > "$work/decision.json"
python3 - "$work/decision.json" "$work/ack.json" <<'PY'
import json, sys
report = json.loads(open(sys.argv[1]).read().splitlines()[0])
print(f"ERP decision: {report['outcome']}, ERP order {report.get('erpOrderNumber')}")
ack = report["acknowledgment"]
print(f"855 status: {ack['status']}")
for line in ack["lines"]:
    print(f"  line {line['lineNumber']}: {line['status']} {line['quantity']} {line['uom']} at {line.get('ackUnitPrice')}" + (f"  ({line['reason']})" if line.get("reason") else ""))
json.dump(ack, open(sys.argv[2], "w"), indent=2)
PY

step "4. The 855 we send (the built-in 855-out map, checked by our validator before release)"
"$bin" generate 855 --partner acme-retail --control 101 "$work/ack.json" | tee "$work/855.edi"

step "5. The shipment ships: the 856 (Shipment → Order → Pack → Item, SSCC-18 checked)"
"$bin" generate 856 --partner acme-retail --control 102 demo/acme-retail-shipment.json | tee "$work/856.edi"

step "6. The invoice: the 810 (totals recomputed; TDS in cents)"
"$bin" generate 810 --partner acme-retail --control 103 demo/acme-retail-invoice.json | tee "$work/810.edi"

step "7. ACME answers our 855 with a 997: reconcile"
# Our own validator plays ACME here: its --ack answer to the 855 is the 997 ACME would send.
"$bin" validate --ack "$work/855.edi" > "$work/acme-997.edi"
cat "$work/acme-997.edi"
"$bin" acks reconcile --sent "$work/855.edi" "$work/856.edi" "$work/810.edi" --received "$work/acme-997.edi" > "$work/reconcile.json" || true
python3 - "$work/reconcile.json" <<'PY'
import json, sys
for g in json.load(open(sys.argv[1]))["groups"]:
    sets = ", ".join(f"{s['type']} {s['control']}: {s['outcome']}" for s in g["sets"])
    print(f"group {g['group']['functionalID']} {g['group']['groupControl']} (ISA {g['group']['interchangeControl']}): {g['outcome']}" + (f" by {g['decidedBy']}" if g.get("decidedBy") else "") + f" — {sets}")
PY

step "8. The same order, unattended: ACME drops it on SFTP, the gateway polls"
if [ "$(id -u)" -ne 0 ]; then
  echo "(skipped: the throw-away sshd needs root; run make demo as root to see this step)"
else
  eval "$(scripts/sshd-start.sh)"
  sshd_dir=$SSHD_DIR
  mkdir -p "$work/partners"
  # ACME's profile, pointed at the local sshd: its pinned host key, our client key, its folders.
  sed -e "s|host: sftp.acme-retail.example|host: 127.0.0.1|" \
      -e "s|port: 22|port: $SSHD_PORT|" \
      -e "s|user: edigate|user: $SSHD_USER|" \
      -e "s|privateKey: .*|privateKey: $SSHD_CLIENT_DIR/id_ed25519|" \
      -e "/passphrase: /d" \
      -e "s|hostKey: SHA256:.*|hostKey: $SSHD_HOST_KEY_FINGERPRINT|" \
      -e "s|inbound: /outbox|inbound: /acme/inbound|" \
      -e "s|outbound: /inbox|outbound: /acme/outbound|" \
      -e "s|archive: /outbox/archive|archive: /acme/archive|" \
      Partners/acme-retail.yaml > "$work/partners/acme-retail.yaml"
  "$bin" partner check "$work/partners/acme-retail.yaml" --maps Maps --connect
  # ACME's profile takes a file once its done marker (NAME.done) is there, as ACME writes it last.
  cp demo/acme-retail-850.edi "$SSHD_CHROOT/acme/inbound/PO-88231.edi"
  touch "$SSHD_CHROOT/acme/inbound/PO-88231.edi.done"
  echo "ACME put PO-88231.edi (and PO-88231.edi.done) in /acme/inbound on sftp://127.0.0.1:$SSHD_PORT"
  "$bin" gateway poll --once --db "$work/gateway.sqlite" --partners "$work/partners" --maps Maps --erp-url "http://127.0.0.1:$port" || true
  echo "On the server now: inbound [$(ls "$SSHD_CHROOT/acme/inbound")] archive [$(ls "$SSHD_CHROOT/acme/archive")] outbound [$(ls "$SSHD_CHROOT/acme/outbound" | tr '\n' ' ')]"
  for f in "$SSHD_CHROOT"/acme/outbound/*; do
    [ -e "$f" ] || continue
    echo "--- $(basename "$f")"; cat "$f"
  done
  echo "ACME sends the same file again:"
  cp demo/acme-retail-850.edi "$SSHD_CHROOT/acme/inbound/PO-88231-again.edi"
  touch "$SSHD_CHROOT/acme/inbound/PO-88231-again.edi.done"
  "$bin" gateway poll --once --db "$work/gateway.sqlite" --partners "$work/partners" --maps Maps --erp-url "http://127.0.0.1:$port" || true
  echo "The goods ship and are invoiced: the ERP's events go out as an 856 and an 810, checked against the order:"
  "$bin" gateway send 856 --db "$work/gateway.sqlite" --partner acme-retail --partners "$work/partners" --maps Maps demo/acme-retail-shipment.json || true
  "$bin" gateway send 810 --db "$work/gateway.sqlite" --partner acme-retail --partners "$work/partners" --maps Maps demo/acme-retail-invoice.json || true
  echo "The ERP sends the same invoice again: ACME gets no second 810 (the first one's control numbers are answered):"
  "$bin" gateway send 810 --db "$work/gateway.sqlite" --partner acme-retail --partners "$work/partners" --maps Maps demo/acme-retail-invoice.json || true
  echo "An invoice at the price ACME sent (13.99) instead of the one we acknowledged (14.25) is refused:"
  sed -e 's/"unitPrice": 14.25/"unitPrice": 13.99/' -e 's/"invoiceNumber": "\([^"]*\)"/"invoiceNumber": "\1-B"/' \
      demo/acme-retail-invoice.json > "$work/wrong-price-invoice.json"
  "$bin" gateway send 810 --db "$work/gateway.sqlite" --partner acme-retail --partners "$work/partners" --maps Maps "$work/wrong-price-invoice.json" || true
  echo "ACME answers our 855, 856 and 810 with its 997s:"
  for f in "$SSHD_CHROOT"/acme/outbound/855-*.edi "$SSHD_CHROOT"/acme/outbound/856-*.edi "$SSHD_CHROOT"/acme/outbound/810-*.edi; do
    [ -e "$f" ] || continue
    "$bin" validate --ack "$f" > "$SSHD_CHROOT/acme/inbound/997-for-$(basename "$f")"
    touch "$SSHD_CHROOT/acme/inbound/997-for-$(basename "$f").done"
  done
  "$bin" gateway poll --once --db "$work/gateway.sqlite" --partners "$work/partners" --maps Maps --erp-url "http://127.0.0.1:$port" || true
  "$bin" audit verify --db "$work/gateway.sqlite"
  "$bin" audit list --db "$work/gateway.sqlite" --limit 5
fi

step "9. The gateway as a service: edigate serve for both partners, the ERP posting over HTTP"
svc="$work/service"
mkdir -p "$svc/partners" "$svc/globex/from-globex" "$svc/globex/to-globex"
sed -e "s|root: /var/lib/edigate/partners/globex-stores|root: $svc/globex|" Partners/globex-stores.yaml > "$svc/partners/globex-stores.yaml"
if [ -n "$sshd_dir" ]; then
  # ACME over the throw-away sshd again, in folders of its own.
  install -d -m 0755 "$SSHD_CHROOT/acme-svc"
  for folder in inbound outbound archive; do
    # Writable by the SFTP user as the sshd's own partner folders are.
    mkdir -p "$SSHD_CHROOT/acme-svc/$folder"
    chown --reference="$SSHD_CHROOT/acme/$folder" "$SSHD_CHROOT/acme-svc/$folder"
    chmod --reference="$SSHD_CHROOT/acme/$folder" "$SSHD_CHROOT/acme-svc/$folder"
  done
  sed -e "s|/acme/|/acme-svc/|g" "$work/partners/acme-retail.yaml" > "$svc/partners/acme-retail.yaml"
  acme_in="$SSHD_CHROOT/acme-svc/inbound"; acme_out="$SSHD_CHROOT/acme-svc/outbound"
  echo "ACME: SFTP on 127.0.0.1:$SSHD_PORT; Globex: local folder $svc/globex"
else
  python3 scripts/lib/local-partner.py "$svc/partners" "$svc/acme" --done-marker .done
  acme_in="$svc/acme/inbound"; acme_out="$svc/acme/outbound"
  echo "ACME and Globex: local folders under $svc (no sshd without root)"
fi
svc_port=$(free_port)
cat > "$svc/gateway.yaml" <<YAML
store: gateway.sqlite
partners: partners
maps: $PWD/Maps
erp:
  baseURL: http://127.0.0.1:$port
http:
  host: 127.0.0.1
  port: $svc_port
tokens:
  - name: demo-erp
    role: erp
    token: env:EDIGATE_DEMO_API_TOKEN
  - name: demo-ops
    role: ops
    token: env:EDIGATE_DEMO_OPS_TOKEN
poll:
  intervalSeconds: 1
alerts:
  checkIntervalSeconds: 5
YAML
export EDIGATE_DEMO_API_TOKEN="demo-token-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
export EDIGATE_DEMO_OPS_TOKEN="demo-ops-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
"$bin" serve --config "$svc/gateway.yaml" --log-level warning >"$svc/serve.log" 2>&1 &
serve_pid=$!
api() { python3 - "$@" <<'PY'
import json, os, sys, urllib.request, urllib.error
method, url = sys.argv[1], sys.argv[2]
data = open(sys.argv[3], "rb").read() if len(sys.argv) > 3 else None
request = urllib.request.Request(url, data=data, method=method)
request.add_header("Authorization", "Bearer " + os.environ[os.environ.get("DEMO_TOKEN", "EDIGATE_DEMO_API_TOKEN")])
if data: request.add_header("Content-Type", "application/json"); request.add_header("Idempotency-Key", os.path.basename(sys.argv[3]))
# The console's decisions carry its marker header, as its page does.
if os.environ.get("DEMO_CONSOLE"): request.add_header("X-EDIGate-Console", "demo")
try:
    with urllib.request.urlopen(request, timeout=10) as answer: print(answer.status, answer.read().decode())
except urllib.error.HTTPError as error: print(error.code, error.read().decode())
PY
}
for _ in $(seq 1 100); do api GET "http://127.0.0.1:$svc_port/health" >/dev/null 2>&1 && break; sleep 0.2; done
echo "edigate serve is up on 127.0.0.1:$svc_port: $(api GET "http://127.0.0.1:$svc_port/ready")"
cp demo/acme-retail-850.edi "$acme_in/PO-88231.edi"; touch "$acme_in/PO-88231.edi.done"
cp demo/globex-stores-850.edi "$svc/globex/from-globex/GX-20461.edi"
echo "ACME dropped PO-88231, Globex dropped GX-20461; waiting for the answers…"
for _ in $(seq 1 150); do
  if ls "$acme_out"/855-*.edi "$svc/globex/to-globex"/855-*.edi >/dev/null 2>&1; then break; fi
  sleep 0.2
done
echo "Globex changes its order (860: more of line 2, line 3 cancelled); the gateway checks it with the ERP and answers with an 865:"
cp demo/globex-stores-860.edi "$svc/globex/from-globex/GX-20461-change-1.edi"
for _ in $(seq 1 150); do ls "$svc/globex/to-globex"/865-*.edi >/dev/null 2>&1 && break; sleep 0.2; done
ls "$svc/globex/to-globex"/865-*.edi >/dev/null 2>&1 || echo "(no 865 yet: see $svc/serve.log)"
echo "The ERP posts the shipment and the invoice (Idempotency-Key: the file name):"
api POST "http://127.0.0.1:$svc_port/v1/shipments?partner=acme-retail" demo/acme-retail-shipment.json
api POST "http://127.0.0.1:$svc_port/v1/invoices?partner=acme-retail" demo/acme-retail-invoice.json
echo "…and posts the invoice again (a retry): the first answer, no second 810:"
api POST "http://127.0.0.1:$svc_port/v1/invoices?partner=acme-retail" demo/acme-retail-invoice.json
echo "Stock moved in the ERP: it posts an inventory event; ACME (inventory: in its profile) gets an 846 of what changed:"
api POST "http://127.0.0.1:$svc_port/v1/inventory-events" demo/inventory-event.json
echo "…and a price event: ACME (catalog: in its profile) is published an 832 of the prices the ERP would honour today:"
api POST "http://127.0.0.1:$svc_port/v1/price-events" demo/inventory-event.json
echo "ACME sends its store list (816): stores we do not know become ship-to changes that wait for a person;"
echo "ops approves the new store 0077 and the service applies it to the ERP's ship-to master:"
cp demo/acme-retail-816.edi "$acme_in/LOC-2026-11.edi"; touch "$acme_in/LOC-2026-11.edi.done"
change=""
for _ in $(seq 1 150); do
  change=$(DEMO_TOKEN=EDIGATE_DEMO_OPS_TOKEN api GET "http://127.0.0.1:$svc_port/api/ship-to-changes?status=pending" \
    | python3 -c 'import json, sys; text = sys.stdin.read().split(" ", 1)[1]; print(next((str(c["id"]) for c in json.loads(text) if c["locationCode"] == "0077"), ""))' 2>/dev/null || true)
  [ -n "$change" ] && break; sleep 0.2
done
if [ -n "$change" ]; then
  DEMO_TOKEN=EDIGATE_DEMO_OPS_TOKEN DEMO_CONSOLE=1 api POST "http://127.0.0.1:$svc_port/api/ship-to-changes/$change/approve" | cut -c1-160
  for _ in $(seq 1 100); do
    DEMO_TOKEN=EDIGATE_DEMO_OPS_TOKEN api GET "http://127.0.0.1:$svc_port/api/ship-to-changes?status=applied" | grep -q ST-ACME-0077 && break; sleep 0.2
  done
  "$bin" gateway ship-tos --db "$svc/gateway.sqlite" --partner acme-retail | python3 -c '
import json, sys
for line in sys.stdin:
    c = json.loads(line)
    print("  shipto-change/%-3s %-5s %-8s %-9s %-12s %s" % (c["id"], c["locationCode"], c["kind"], c["status"], c.get("decidedBy") or "", c.get("erpShipToID") or ""))'
else
  echo "(no ship-to changes proposed: see $svc/serve.log)"
fi
for f in "$acme_out"/* "$svc/globex/to-globex"/*; do
  [ -e "$f" ] || continue
  echo "--- $(basename "$(dirname "$f")")/$(basename "$f")"; head -c 400 "$f"; echo
done
echo "edigate status:"
"$bin" status --config "$svc/gateway.yaml" || true
echo "A scrape of /metrics (edigate_ lines):"
DEMO_TOKEN=EDIGATE_DEMO_OPS_TOKEN api GET "http://127.0.0.1:$svc_port/metrics" | grep -E '^(200 )?edigate_(inbound_files_total|documents_sent_total|drop_to_855_seconds_count|erp_call_seconds_count|outbox_pending)' | head -20
kill -TERM "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
echo "edigate serve stopped (SIGTERM: files under way finished first)."
"$bin" audit verify --db "$svc/gateway.sqlite"

step "10. Beyond the order: ACME's store list (816) read, and a price catalog (832) written by hand from JSON"
"$bin" translate demo/acme-retail-816.edi --compact 2>/dev/null > "$work/816.json"
python3 - "$work/816.json" <<'PY'
import json, sys
for doc in json.load(open(sys.argv[1])):
    for top in doc["locations"]:
        for loc in [top] + top["locations"]:
            print("  %-3s %-6s %-22s %s" % (loc.get("type", ""), loc.get("id", ""), loc.get("name", ""), loc.get("action") or "listed"))
PY
"$bin" generate 832 --partner acme-retail demo/acme-retail-catalog.json | sed -n '3,16p'

step "Done: one order from 850 to invoice, by hand, unattended over SFTP and as a service; every document validated before release; the audit trail verifies."
