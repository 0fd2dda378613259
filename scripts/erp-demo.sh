#!/usr/bin/env bash
# ERP validation demo: seed the reference ERP, serve it on loopback with OAuth2 on, validate
# the sample orders in Tests/Fixtures/erp over HTTP, stop the ERP and show an order held.
set -euo pipefail
cd "$(dirname "$0")/.."
EDIGATE=${EDIGATE:-.build/debug/edigate}
PORT=${ERP_PORT:-18085}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

"$EDIGATE" erp seed --demo "$work/erp.sqlite"
export ERP_DEMO_SECRET=demo-secret
"$EDIGATE" erp serve --data "$work/erp.sqlite" --port "$PORT" --client-id edigate --client-secret env:ERP_DEMO_SECRET 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done

auth=(--url "http://127.0.0.1:$PORT" --token-url "http://127.0.0.1:$PORT/oauth/token" --client-id edigate --client-secret env:ERP_DEMO_SECRET)
echo "== XYZ RETAIL (C1001): contract prices, then an order with changes"
"$EDIGATE" erp validate "${auth[@]}" --customer C1001 --partner XYZRETAIL --enter \
    Tests/Fixtures/erp/xyz-retail-contract-prices.json Tests/Fixtures/erp/xyz-retail-with-changes.json
echo "== Blue Ridge (C1003): account on credit hold"
"$EDIGATE" erp validate "${auth[@]}" --customer C1003 --partner BLUERIDGE Tests/Fixtures/erp/blue-ridge-credit-hold.json || echo "(exit $?: held)"
echo "== The ERP goes down: the order is held, not guessed"
kill "$server"; wait "$server" 2>/dev/null || true
"$EDIGATE" erp validate "${auth[@]}" --customer C1001 --partner XYZRETAIL Tests/Fixtures/erp/xyz-retail-contract-prices.json || echo "(exit $?: held)"
