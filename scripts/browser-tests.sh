#!/usr/bin/env bash
# `make browser-test` (part of `make test`): the console in a real headless Chromium (Debian's
# package), driven by Playwright (PyPI) from Tests/Browser/console_test.py against `edigate serve`
# with tokens for every role, the reference ERP (with fault injection) and one partner on a local
# folder. Set-up here: the demo order answered, its shipment sent, an invoice sent as a correction
# with a price variance, and a second order turned into a dead letter while the ERP answers 500s.
# Installs Chromium and the Playwright virtualenv (.venv-browser) when missing; stops everything
# it started.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
ensure_chromium
if [ ! -x .venv-browser/bin/python ] || ! .venv-browser/bin/python -c 'import playwright' 2>/dev/null; then
  echo "browser-tests: creating .venv-browser (playwright)" >&2
  python3 -m venv .venv-browser
  .venv-browser/bin/pip install -q playwright
fi
swift build --product edigate >/dev/null
bin=$(swift build --show-bin-path)/edigate
work=$(mktemp -d)
erp_pid=""; serve_pid=""
cleanup() {
  for pid in $serve_pid $erp_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

start_reference_erp "$bin" "$work" --fault-injection
python3 scripts/lib/local-partner.py "$work/partners" "$work/acme" >/dev/null
# An ERP that cannot answer makes a dead letter at once: no scheduled retries.
printf 'processing:\n  heldRetryDelaysSeconds: []\n' >> "$work/partners/acme-retail.yaml"
port=$(free_port)
export EDIGATE_T_ERP=erp-token-0123456789-abcdef EDIGATE_T_OPS=ops-token-0123456789-abcdef
export EDIGATE_T_FINANCE=finance-token-0123456789-ab EDIGATE_T_ADMIN=admin-token-0123456789-abcd
cat > "$work/gateway.yaml" <<YAML
store: gateway.sqlite
partners: partners
maps: $PWD/Maps
erp:
  baseURL: http://127.0.0.1:$erp_port
http:
  port: $port
  allowedHosts: [127.0.0.1, localhost]
tokens:
  - { name: erp-system, role: erp, token: env:EDIGATE_T_ERP }
  - { name: ops-lead, role: ops, token: env:EDIGATE_T_OPS }
  - { name: finance-team, role: finance, token: env:EDIGATE_T_FINANCE }
  - { name: admin, role: admin, token: env:EDIGATE_T_ADMIN }
poll:
  intervalSeconds: 0.3
YAML
"$bin" serve --config "$work/gateway.yaml" --log-level error >"$work/serve.log" 2>&1 &
serve_pid=$!
wait_for_http "http://127.0.0.1:$port/health" 0.2

cp demo/acme-retail-850.edi "$work/acme/inbound/PO-88231.edi"
for _ in $(seq 1 150); do ls "$work/acme/outbound"/855-*.edi >/dev/null 2>&1 && break; sleep 0.2; done
ls "$work/acme/outbound"/855-*.edi >/dev/null || { cat "$work/serve.log"; echo "browser-tests: no 855" >&2; exit 1; }
post() { python3 - "$1" "$2" "$3" <<'PY'
import sys, urllib.request
url, token, path = sys.argv[1:]
request = urllib.request.Request(url, data=open(path, "rb").read(), method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
print(url, urllib.request.urlopen(request, timeout=10).status)
PY
}
post "http://127.0.0.1:$port/v1/shipments?partner=acme-retail" "$EDIGATE_T_ERP" demo/acme-retail-shipment.json
# Line 2 invoiced at 14.99 where our 855 acknowledged 14.25; the total follows the lines.
python3 - demo/acme-retail-invoice.json "$work/variance.json" <<'PY'
import json, sys
invoice = json.load(open(sys.argv[1]))
invoice["lines"][1]["unitPrice"] = 14.99
invoice.pop("total", None)
json.dump(invoice, open(sys.argv[2], "w"))
PY
post "http://127.0.0.1:$port/v1/invoices?partner=acme-retail&correction=true" "$EDIGATE_T_ERP" "$work/variance.json"

# The dead letter: a second order while the ERP answers 500.
fault() { python3 -c "import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=sys.argv[2].encode() or None, method=sys.argv[3], headers={'Content-Type': 'application/json'}), timeout=10)" "$@"; }
fault "http://127.0.0.1:$erp_port/admin/faults" '{"failStatus": 500, "failCount": 100000}' POST
sed -e 's/PO-88231/PO-99001/' -e 's/000004711/000004712/g' demo/acme-retail-850.edi > "$work/acme/inbound/PO-99001.edi"
for _ in $(seq 1 150); do
  python3 -c "import json, sys, urllib.request; r = urllib.request.urlopen(urllib.request.Request(sys.argv[1], headers={'Authorization': 'Bearer ' + sys.argv[2]})); sys.exit(0 if json.load(r) else 1)" \
    "http://127.0.0.1:$port/api/inbound?state=deadLetter" "$EDIGATE_T_ADMIN" 2>/dev/null && break
  sleep 0.2
done
fault "http://127.0.0.1:$erp_port/admin/faults" '' DELETE
# ACME's store list (816): three ship-to changes for a person to decide in the page.
cp demo/acme-retail-816.edi "$work/acme/inbound/LOC-2026-11.edi"
for _ in $(seq 1 150); do
  python3 -c "import json, sys, urllib.request; r = urllib.request.urlopen(urllib.request.Request(sys.argv[1], headers={'Authorization': 'Bearer ' + sys.argv[2]})); sys.exit(0 if len(json.load(r)) == 3 else 1)" \
    "http://127.0.0.1:$port/api/ship-to-changes?status=pending" "$EDIGATE_T_ADMIN" 2>/dev/null && break
  sleep 0.2
done

EDIGATE_PORT=$port EDIGATE_OUTBOUND="$work/acme/outbound" .venv-browser/bin/python Tests/Browser/console_test.py
