/// The document page (`/document?inbound=ID`): one received file's timeline — every audit entry
/// of the file and of each order it carried — beside the raw X12 as received and the canonical
/// JSON read from it (and our acknowledgment). Plain HTML, its script served apart for the
/// Content-Security-Policy; partner text only ever set as `textContent`.
enum DocumentPage {
    static let html = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>EDIGate: document</title>
    <style>
      body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
      h1 { font-size: 1.3em; margin: 0 0 .6em; }
      h2 { font-size: 1.1em; margin: 1.2em 0 .4em; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: .25em .6em; border-bottom: 1px solid #ddd; vertical-align: top; }
      .panes { display: flex; gap: 1em; }
      .panes > div { flex: 1; min-width: 0; }
      pre { background: #f6f6f6; padding: .6em; overflow: auto; max-height: 40em; font-size: 12px; white-space: pre-wrap; word-break: break-all; }
      #error { color: #b00020; }
    </style>
    </head>
    <body>
    <p><a href="/">← console</a></p>
    <h1 id="title">Document</h1>
    <p id="error"></p>
    <p id="state"></p>
    <h2>Timeline</h2>
    <table><thead><tr><th>#</th><th>when</th><th>event</th><th>document</th><th>details</th></tr></thead><tbody id="timeline"></tbody></table>
    <div class="panes">
      <div><h2>Raw X12 as received</h2><pre id="raw"></pre></div>
      <div><h2>Canonical JSON</h2><pre id="canonical"></pre></div>
    </div>
    <script src="/document.js"></script>
    </body>
    </html>
    """#

    static let script = #"""
    "use strict";
    async function load() {
      const id = new URLSearchParams(location.search).get("inbound");
      try {
        if (!id) throw new Error("no ?inbound=ID");
        const response = await fetch("/api/inbound/" + encodeURIComponent(id), { headers: { "Accept": "application/json" } });
        const detail = await response.json();
        if (!response.ok) throw new Error(detail.detail || detail.title || response.status);
        document.getElementById("title").textContent = "inbound/" + detail.file.id + ": " + detail.file.name + " from " + detail.file.partner;
        document.getElementById("state").textContent = "state " + detail.file.state + (detail.file.reason ? " — " + detail.file.reason : "");
        // The file's own entries and every order's, one timeline in audit order.
        let entries = detail.audit.map(e => ({ sequence: e.sequence, recordedAt: e.recordedAt, event: e.event, document: e.document, details: e.details }));
        for (const order of detail.orders) {
          const trace = await fetch("/api/trace/" + encodeURIComponent(order.poNumber) + "?partner=" + encodeURIComponent(detail.file.partner));
          if (trace.ok) entries = entries.concat(await trace.json());
        }
        const seen = new Set();
        entries = entries.filter(e => !seen.has(e.sequence) && seen.add(e.sequence)).sort((a, b) => a.sequence - b.sequence);
        const tbody = document.getElementById("timeline");
        for (const entry of entries) {
          const row = tbody.insertRow();
          for (const value of [entry.sequence, entry.recordedAt, entry.event, entry.document || ""]) row.insertCell().textContent = value;
          row.insertCell().textContent = typeof entry.details === "string" ? entry.details : JSON.stringify(entry.details);
        }
        const raw = await fetch("/api/inbound/" + encodeURIComponent(id) + "/content");
        document.getElementById("raw").textContent = raw.ok ? await raw.text() : "(not available: " + raw.status + ")";
        document.getElementById("canonical").textContent = detail.orders.length === 0
          ? "(no order was read from this file)"
          : JSON.stringify(detail.orders.map(o => ({ purchaseOrder: o.purchaseOrder, acknowledgment: o.acknowledgment, erpOrderNumber: o.erpOrderNumber, status: o.status })), null, 2);
      } catch (error) {
        document.getElementById("error").textContent = "Cannot load: " + error.message;
      }
    }
    load();
    """#
}
