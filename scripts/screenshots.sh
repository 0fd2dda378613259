#!/usr/bin/env bash
# `make screenshots`: the console's pages as a person sees them, saved as PNGs in screenshots/.
# Runs `edigate serve` on a throw-away store with the reference ERP, puts an order through it
# (850 → 997 + 855, then the ERP's shipment and invoice, and one invoice refused), and takes a
# headless Chromium screenshot of the console and of the log-in page. Installs Chromium from
# Debian's packages when it is missing. Stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
out=${OUT:-screenshots}
mkdir -p "$out"
ensure_chromium
swift build --product edigate >/dev/null
bin=$(swift build --show-bin-path)/edigate
work=$(mktemp -d)
erp_pid=""; serve_pid=""
cleanup() {
  for pid in $serve_pid $erp_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

start_reference_erp "$bin" "$work"
python3 scripts/lib/local-partner.py "$work/partners" "$work/acme"
port=$(free_port)
cat > "$work/gateway.yaml" <<YAML
store: gateway.sqlite
partners: partners
maps: $PWD/Maps
erp:
  baseURL: http://127.0.0.1:$erp_port
http:
  port: $port
poll:
  intervalSeconds: 0.5
YAML
"$bin" serve --config "$work/gateway.yaml" --log-level error >"$work/serve.log" 2>&1 &
serve_pid=$!
wait_for_http "http://127.0.0.1:$port/health" 0.2
cp demo/acme-retail-850.edi "$work/acme/inbound/PO-88231.edi"
for _ in $(seq 1 100); do ls "$work/acme/outbound"/855-*.edi >/dev/null 2>&1 && break; sleep 0.2; done
post() { curl -fs -X POST -H 'Content-Type: application/json' --data-binary @"$2" "http://127.0.0.1:$port$1" >/dev/null || true; }
post "/v1/shipments?partner=acme-retail" demo/acme-retail-shipment.json
sed -e 's/"unitPrice": 14.25/"unitPrice": 13.99/' -e 's/"invoiceNumber": "\([^"]*\)"/"invoiceNumber": "\1-B"/' demo/acme-retail-invoice.json > "$work/wrong-price.json"
post "/v1/invoices?partner=acme-retail" "$work/wrong-price.json"
post "/v1/invoices?partner=acme-retail" demo/acme-retail-invoice.json
sleep 1
shot() {
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1400 --virtual-time-budget=3000 \
    --screenshot="$out/$1.png" "http://127.0.0.1:$port$2" >/dev/null 2>&1
  echo "$out/$1.png"
}
shot console /
shot login /login
