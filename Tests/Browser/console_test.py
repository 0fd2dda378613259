"""The ops console in a real headless Chromium (run by scripts/browser-tests.sh, which sets up
`edigate serve` with a token per role, the demo order answered, a price variance sent as a
correction and a dead letter). Exits 1 with every failed check listed."""
import json, os, sys
from playwright.sync_api import sync_playwright

PORT = int(os.environ["EDIGATE_PORT"])
BASE = f"http://127.0.0.1:{PORT}"
TOKENS = {role: os.environ[f"EDIGATE_T_{role.upper()}"] for role in ("erp", "ops", "finance", "admin")}
failures = []

def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)

# Every role against every endpoint, from the browser's own fetch (401 without a token, 403
# with the wrong one).
MATRIX = [
    ("GET", "/api/summary", {"ops", "finance", "admin"}),
    ("GET", "/api/inbound", {"ops", "finance", "admin"}),
    ("GET", "/api/outbound", {"ops", "finance", "admin"}),
    ("GET", "/api/acknowledgments", {"ops", "finance", "admin"}),
    ("GET", "/api/audit/verify", {"ops", "finance", "admin"}),
    ("GET", "/api/trace/PO-88231", {"ops", "finance", "admin"}),
    ("GET", "/api/invoices", {"finance", "admin"}),
    ("GET", "/metrics", {"ops", "admin"}),
    ("POST", "/api/inbound/999/retry", {"ops", "admin"}),
    ("POST", "/api/outbound/999/replay", {"ops", "admin"}),
    ("POST", "/v1/shipments?partner=acme-retail", {"erp", "admin"}),
    ("GET", "/api/ship-to-changes", {"ops", "finance", "admin"}),
    ("POST", "/api/ship-to-changes/999/approve", {"ops", "finance", "admin"}),
    ("POST", "/api/ship-to-changes/999/reject", {"ops", "finance", "admin"}),
]

def fetch(page, method, path, token=None, csrf=None):
    return page.evaluate("""async ([method, path, token, csrf]) => {
        const headers = {"X-EDIGate-Console": "browser-test", "Content-Type": "application/json"};
        if (token) headers["Authorization"] = "Bearer " + token;
        if (csrf) headers["X-CSRF-Token"] = csrf;
        const response = await fetch(path, {method, headers, body: method === "POST" ? "{}" : undefined});
        return {status: response.status, text: await response.text()};
    }""", [method, path, token, csrf])

def log_in(context, role):
    page = context.new_page()
    page.goto(BASE + "/login")
    page.fill("input[name=token]", TOKENS[role])
    page.click("button[type=submit]")
    page.wait_for_url(BASE + "/")
    page.wait_for_selector("#counts span")
    return page

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--no-sandbox", "--host-resolver-rules=MAP evil.example 127.0.0.1"])

    # 1. The role matrix.
    page = browser.new_context().new_page()
    page.goto(BASE + "/health")
    for method, path, allowed in MATRIX:
        for role in [None, "erp", "ops", "finance", "admin"]:
            status = fetch(page, method, path, TOKENS.get(role))["status"]
            if role in allowed:
                check(status not in (401, 403), f"matrix: {role} {method} {path} allowed ({status})")
            else:
                check(status == (401 if role is None else 403), f"matrix: {role or 'nobody'} {method} {path} refused ({status})")

    # 2. Ops releases the dead letter and replays a sent 855, in the page.
    ops = log_in(browser.new_context(), "ops")
    ops.wait_for_selector("#partners tr td")
    check("acme-retail" in ops.locator("#partners").inner_text(), "ops's dashboard lists the partner")
    check(ops.locator("#partners td.bad").count() >= 1, "the dead letter stands out on the dashboard")
    dashboard = json.loads(fetch(ops, "GET", "/api/partners")["text"])
    check(bool(dashboard and dashboard[0].get("lastSuccessfulPollAt")), "the dashboard knows the partner's last successful poll")
    ops.wait_for_selector("#deadLetter button")
    check(ops.locator("#deadLetter tr").count() == 1, "ops sees one dead letter")
    ops.click("#deadLetter button")
    ops.wait_for_function("() => document.querySelectorAll('#deadLetter button').length === 0", timeout=15000)
    admin = browser.new_context().new_page()
    admin.goto(BASE + "/health")
    def admin_json(path):
        return json.loads(fetch(admin, "GET", path, TOKENS["admin"])["text"])
    for _ in range(100):
        if any(f["state"] == "done" and f["name"] == "PO-99001.edi" for f in admin_json("/api/inbound?limit=50")):
            break
        admin.wait_for_timeout(200)
    check(any(f["state"] == "done" and f["name"] == "PO-99001.edi" for f in admin_json("/api/inbound?limit=50")),
          "the released dead letter is answered once the ERP is back")
    sent855 = [d for d in admin_json("/api/outbound?limit=50") if d["type"] == "855" and d["state"] == "sent"]
    check(len(sent855) == 2, f"two 855s sent, one per PO ({len(sent855)})")
    # The document page: timeline, raw X12 and canonical JSON side by side.
    released = next(f for f in admin_json("/api/inbound?limit=50") if f["name"] == "PO-99001.edi")
    doc = ops.context.new_page()
    doc.goto(f"{BASE}/document?inbound={released['id']}")
    doc.wait_for_function("() => document.getElementById('canonical').textContent.length > 0", timeout=15000)
    timeline = doc.locator("#timeline").inner_text()
    check("inbound.deadLetter" in timeline and "inbound.retried" in timeline and "order.decided" in timeline,
          "the document page's timeline shows the dead letter, the release and the decision")
    check("BEG*00*SA*PO-99001" in doc.text_content("#raw"), "the document page shows the raw X12 as received")
    canonical = json.loads(doc.text_content("#canonical"))
    check(canonical[0]["purchaseOrder"]["poNumber"] == "PO-99001" and canonical[0]["acknowledgment"]["status"] == "acceptedWithChanges",
          "the document page shows the canonical PurchaseOrder and our acknowledgment")
    check("MASKED" in doc.text_content("#canonical") and "13.99" not in doc.text_content("#canonical"), "prices are masked there for ops")
    ops.reload()
    ops.wait_for_selector("#outbound button")
    first = sent855[0]
    ops.locator("#outbound tr", has_text=first["file"]).locator("button").click()
    for _ in range(50):
        if any(e["event"] == "outbound.replayed" for e in admin_json("/api/audit?limit=200")):
            break
        admin.wait_for_timeout(200)
    replays = [e for e in admin_json("/api/audit?limit=200") if e["event"] == "outbound.replayed"]
    check(len(replays) == 1 and "ops-lead" in json.dumps(replays[0]), "the Replay button queued the 855 again, audited with ops-lead")
    price_cells = fetch(ops, "GET", f"/api/outbound/{first['id']}/content")["text"]
    check("MASKED" in price_cells and "14.25" not in price_cells, "ops sees the 855 with prices masked")

    # 3. Finance: the invoice audit with the variance highlighted, its CSV, and no Replay.
    finance = log_in(browser.new_context(accept_downloads=True), "finance")
    finance.wait_for_selector("#invoices tr td")
    row = finance.locator("#invoices tr").first
    check("variance" in row.inner_text(), f"finance sees the invoice as a variance ({row.inner_text()!r})")
    check(row.locator("td.bad").count() >= 1, "the variance is highlighted")
    # Filters: a status with no such invoice empties the table; back to variance, it is there.
    finance.select_option("select[name=status]", "refused")
    finance.click("#invoiceFilter button")
    finance.wait_for_function("() => document.getElementById('invoices').innerText.includes('none')")
    check("INV-300981" not in finance.locator("#invoices").inner_text(), "the refused filter shows no invoice")
    finance.select_option("select[name=status]", "variance")
    finance.click("#invoiceFilter button")
    finance.wait_for_function("() => document.getElementById('invoices').innerText.includes('INV-300981')")
    check("status=variance" in finance.get_attribute("#invoiceCSV", "href"), "the CSV link follows the filters")
    with finance.expect_download() as download:
        finance.click("text=CSV")
    csv_text = open(download.value.path()).read()
    check("INV" in csv_text and "variance" in csv_text, "finance downloads the invoice audit as CSV")
    finance.wait_for_selector("#outbound tr td")
    check(finance.locator("#outbound button").count() == 0, "finance's page has no Replay button")
    csrf = finance.evaluate("async () => (await (await fetch('/api/session')).json()).csrf")
    status = fetch(finance, "POST", f"/api/outbound/{first['id']}/replay", csrf=csrf)["status"]
    check(status == 403, f"finance cannot replay through the API ({status})")

    # Finance approves ACME's new store 77 with the page's button; the service applies it to the
    # ERP, and the change shows as applied, with who approved it.
    finance.wait_for_selector("#shipTos button")
    store77 = finance.locator("#shipTos tr", has_text="0077")
    check("pending" in store77.inner_text(), f"finance sees store 77 pending ({store77.inner_text()!r})")
    store77.locator("button", has_text="Approve").click()
    applied = []
    for _ in range(100):
        applied = [c for c in admin_json("/api/ship-to-changes?status=applied") if c["locationCode"] == "0077"]
        if applied:
            break
        admin.wait_for_timeout(200)
    check(len(applied) == 1 and applied[0]["decidedBy"] == "finance-team" and applied[0]["erpShipToID"] == "ST-ACME-0077",
          f"the Approve button approved store 77 as finance-team and the ERP took it ({applied})")
    finance.reload()
    finance.wait_for_selector("#shipTos tr td")
    check("applied" in finance.locator("#shipTos tr", has_text="0077").inner_text(), "the page shows store 77 applied")
    ops.reload()
    ops.wait_for_selector("#shipTos button")
    ops.locator("#shipTos tr", has_text="DC01").locator("button", has_text="Reject").click()
    ops.wait_for_function("() => [...document.querySelectorAll('#shipTos tr')].some(r => r.innerText.includes('DC01') && r.innerText.includes('rejected'))", timeout=15000)
    rejected = [c for c in admin_json("/api/ship-to-changes?status=rejected") if c["locationCode"] == "DC01"]
    check(len(rejected) == 1 and rejected[0]["decidedBy"] == "ops-lead", f"ops rejects the DC with the page's button ({rejected})")

    # 4. A page under a foreign name (DNS rebinding) gets nothing.
    foreign = browser.new_context().new_page()
    response = foreign.goto(f"http://evil.example:{PORT}/login")
    check(response.status == 403, f"a foreign Host is refused ({response.status})")
    browser.close()

print(f"browser tests: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
