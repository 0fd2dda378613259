/// The console's one page: plain HTML and CSS, and its script served beside it; no external assets, so
/// it works on a gateway host without internet access. Everything it shows it fetches from
/// the JSON API; text from partners' files is only ever set as `textContent`, never as HTML.
enum ConsolePage {
    static let html = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>EDIGate console</title>
    <style>
      body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
      h1 { font-size: 1.4em; margin: 0 0 .6em; }
      h2 { font-size: 1.1em; margin: 1.4em 0 .4em; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: .25em .6em; border-bottom: 1px solid #ddd; vertical-align: top; }
      .counts span { display: inline-block; margin-right: 1.2em; }
      .counts b { font-size: 1.2em; }
      .bad { color: #b00020; font-weight: bold; }
      .good { color: #1b5e20; font-weight: bold; }
      .muted { color: #777; }
      #error { color: #b00020; }
      button { cursor: pointer; }
    </style>
    </head>
    <body>
    <h1>EDIGate console</h1>
    <p id="error"></p>
    <p class="counts" id="counts"></p>
    <h2>Partners today</h2>
    <table><thead><tr><th>partner</th><th>in</th><th>out</th><th>failed</th><th>held</th><th>dead letters</th><th>quarantined</th><th>outbox</th><th>overdue acks</th><th>last poll</th><th>last in</th><th>last out</th></tr></thead><tbody id="partners"></tbody></table>
    <h2>Audit trail</h2>
    <p id="audit"></p>
    <h2>Failed files</h2>
    <table><thead><tr><th>id</th><th>partner</th><th>name</th><th>received</th><th>reason</th><th></th></tr></thead><tbody id="failed"></tbody></table>
    <h2>Held files</h2>
    <table><thead><tr><th>id</th><th>partner</th><th>name</th><th>received</th><th>reason</th><th>retry at</th><th></th></tr></thead><tbody id="held"></tbody></table>
    <h2>Dead letters</h2>
    <table><thead><tr><th>id</th><th>partner</th><th>name</th><th>received</th><th>reason</th><th></th></tr></thead><tbody id="deadLetter"></tbody></table>
    <h2>Quarantined files</h2>
    <table><thead><tr><th>id</th><th>partner</th><th>name</th><th>received</th><th>reason</th><th></th></tr></thead><tbody id="quarantined"></tbody></table>
    <h2>Ship-to changes <span class="muted">(partners' location lists, 816: approved changes go to the ERP's ship-to master)</span></h2>
    <table><thead><tr><th>change</th><th>partner</th><th>location</th><th>kind</th><th>name and address</th><th>from</th><th>status</th><th>by</th><th></th></tr></thead><tbody id="shipTos"></tbody></table>
    <h2>Invoice audit <a id="invoiceCSV" href="/api/invoices?format=csv">CSV</a></h2>
    <form id="invoiceFilter">
      <label>from <input type="date" name="from"></label>
      <label>to <input type="date" name="to"></label>
      <label>partner <input type="text" name="partner" size="12"></label>
      <label>match <select name="status"><option value="">any</option><option>matched</option><option>variance</option><option>refused</option></select></label>
      <button type="submit">Show</button> <span class="muted">(without dates: invoices dated within 31 days of today)</span>
    </form>
    <table><thead><tr><th>partner</th><th>invoice</th><th>date</th><th>PO</th><th>total</th><th>match</th><th>variance</th><th>997</th></tr></thead><tbody id="invoices"></tbody></table>
    <h2>Interchanges sent (latest 20)</h2>
    <table><thead><tr><th>id</th><th>partner</th><th>type</th><th>interchange</th><th>file</th><th>state</th><th></th></tr></thead><tbody id="outbound"></tbody></table>
    <h2>Acknowledgments awaited</h2>
    <table><thead><tr><th>partner</th><th>interchange</th><th>group</th><th>type</th><th>sent</th><th></th></tr></thead><tbody id="acks"></tbody></table>
    <script src="/console.js"></script>
    </body>
    </html>
    """#

    /// The page's script, served apart (`/console.js`) so that the Content-Security-Policy can
    /// refuse every inline script.
    static let script = #"""
    "use strict";
    // Behind a log-in (edigate serve with tokens) every change carries the session's CSRF token.
    let csrf = "";
    // Replay is for ops and admin; finance's page shows no such button.
    let role = "admin";
    const sessionLoaded = fetch("/api/session").then(r => r.ok ? r.json() : null).then(session => { if (session) { csrf = session.csrf; role = session.role; } }).catch(() => {});
    async function getJSON(path) {
      const response = await fetch(path, { headers: { "Accept": "application/json" } });
      const body = await response.json();
      if (!response.ok) throw new Error(body.detail || body.title || response.status);
      return body;
    }
    function cell(row, text, className) {
      const td = row.insertCell();
      td.textContent = text == null ? "" : String(text);
      if (className) td.className = className;
      return td;
    }
    function empty(tbody, columns, text) {
      const row = tbody.insertRow();
      const td = cell(row, text, "muted");
      td.colSpan = columns;
    }
    function fileRows(tbody, files, withRetryAt) {
      tbody.replaceChildren();
      if (files.length === 0) { empty(tbody, withRetryAt ? 7 : 6, "none"); return; }
      for (const file of files) {
        const row = tbody.insertRow();
        const idCell = row.insertCell();
        const link = document.createElement("a");
        link.href = "/document?inbound=" + file.id;
        link.textContent = file.id;
        idCell.appendChild(link);
        cell(row, file.partner);
        cell(row, file.name);
        cell(row, file.receivedAt);
        cell(row, file.reason);
        // A hold without a retry time waits for a person: only Retry releases it.
        if (withRetryAt) cell(row, file.retryAt == null ? "waits for a person" : file.retryAt);
        const button = document.createElement("button");
        button.textContent = "Retry";
        button.onclick = () => retry(file.id, button);
        row.insertCell().appendChild(button);
      }
    }
    // Retry and Replay: one POST with the console's marker header and the session's CSRF token;
    // a refusal is shown after the refresh (which clears the line when the lists load).
    async function act(path, marker, label, button) {
      button.disabled = true;
      let failure = "";
      try {
        const response = await fetch(path, { method: "POST", headers: { "X-EDIGate-Console": marker, "X-CSRF-Token": csrf } });
        if (!response.ok) {
          const problem = await response.json();
          failure = problem.detail || problem.title;
        }
      } catch (error) {
        failure = error.message;
      }
      await refresh();
      if (failure) document.getElementById("error").textContent = label + ": " + failure;
    }
    const retry = (id, button) => act("/api/inbound/" + id + "/retry", "retry", "Retry of " + id, button);
    const replay = (id, button) => act("/api/outbound/" + id + "/replay", "replay", "Replay of " + id, button);
    const decide = (id, action, button) => act("/api/ship-to-changes/" + id + "/" + action, action, "Ship-to change " + id, button);
    // Open changes first (they hold orders to their locations), then the latest decided ones.
    function shipToRows(tbody, changes) {
      tbody.replaceChildren();
      if (changes.length === 0) { empty(tbody, 9, "none"); return; }
      const open = ["pending", "failed", "approved"];
      const ordered = changes.filter(c => open.includes(c.status)).concat(changes.filter(c => !open.includes(c.status)).slice(0, 20));
      for (const change of ordered) {
        const row = tbody.insertRow();
        row.dataset.change = change.id;
        cell(row, "shipto-change/" + change.id);
        cell(row, change.partner);
        cell(row, change.locationCode);
        cell(row, change.kind);
        const place = change.location;
        cell(row, [place.name, (place.address || []).join(", "), [place.city, place.state, place.postalCode].filter(Boolean).join(" "), place.country].filter(Boolean).join(" · "));
        cell(row, "inbound/" + change.inboundID);
        cell(row, change.status + (change.error ? " (" + change.error + ")" : "") + (change.erpShipToID ? " → " + change.erpShipToID : ""),
             change.status === "pending" || change.status === "failed" ? "bad" : (change.status === "applied" ? "good" : ""));
        cell(row, change.decidedBy || "");
        const actions = row.insertCell();
        const choices = change.status === "pending" || change.status === "failed" ? [["approve", "Approve"], ["reject", "Reject"]]
          : change.status === "approved" ? [["reject", "Reject"]] : [];
        for (const [action, label] of choices) {
          const button = document.createElement("button");
          button.textContent = label;
          button.onclick = () => decide(change.id, action, button);
          actions.appendChild(button);
        }
      }
    }
    function outboundRows(tbody, documents) {
      tbody.replaceChildren();
      if (documents.length === 0) { empty(tbody, 7, "none"); return; }
      for (const sent of documents) {
        const row = tbody.insertRow();
        cell(row, sent.id);
        cell(row, sent.partner);
        cell(row, sent.type);
        cell(row, sent.interchangeControl);
        cell(row, sent.file);
        cell(row, sent.state);
        const actions = row.insertCell();
        // The same bytes again under the same name: for a partner that lost the file.
        if (sent.state === "sent" && role !== "finance") {
          const button = document.createElement("button");
          button.textContent = "Replay";
          button.onclick = () => replay(sent.id, button);
          actions.appendChild(button);
        }
      }
    }
    // Finance's filters: the same query for the table and the CSV download.
    function invoiceQuery(format) {
      const parameters = new URLSearchParams({ format });
      for (const [name, value] of new FormData(document.getElementById("invoiceFilter"))) {
        if (value) parameters.set(name, value);
      }
      return "?" + parameters.toString();
    }
    document.getElementById("invoiceFilter").addEventListener("submit", event => {
      event.preventDefault();
      document.getElementById("invoiceCSV").href = "/api/invoices" + invoiceQuery("csv");
      refresh();
    });
    async function refresh() {
      await sessionLoaded;
      try {
        const [summary, failed, held, deadLetters, quarantined, acks, audit, invoiceAudit, sent, partners, shipTos] = await Promise.all([
          getJSON("/api/summary"),
          getJSON("/api/inbound?state=failed"),
          getJSON("/api/inbound?state=held"),
          getJSON("/api/inbound?state=deadLetter"),
          getJSON("/api/inbound?state=quarantined"),
          getJSON("/api/acknowledgments?outcome=awaiting"),
          getJSON("/api/audit/verify"),
          // Finance's report: other roles get a 403 and see a note instead.
          getJSON("/api/invoices" + invoiceQuery("json")).catch(() => null),
          getJSON("/api/outbound?limit=20"),
          getJSON("/api/partners"),
          getJSON("/api/ship-to-changes?limit=200"),
        ]);
        shipToRows(document.getElementById("shipTos"), shipTos);
        const partnerRows = document.getElementById("partners");
        partnerRows.replaceChildren();
        if (partners.length === 0) empty(partnerRows, 12, "none yet");
        for (const partner of partners) {
          const row = partnerRows.insertRow();
          cell(row, partner.partner);
          cell(row, partner.receivedToday);
          cell(row, partner.sentToday);
          // What waits for a person stands out.
          for (const count of [partner.failed, partner.held, partner.deadLetters, partner.quarantined, partner.pendingOutbound, partner.overdueAcknowledgments]) {
            cell(row, count, count > 0 ? "bad" : "");
          }
          cell(row, partner.lastSuccessfulPollAt || "");
          cell(row, partner.lastReceivedAt || "");
          cell(row, partner.lastSentAt || "");
        }
        outboundRows(document.getElementById("outbound"), sent);
        const counts = document.getElementById("counts");
        counts.replaceChildren();
        const shown = Object.entries(summary.inbound).concat([
          ["awaiting acks", summary.awaitingAcknowledgments], ["overdue acks", summary.overdueAcknowledgments]]);
        for (const [label, count] of shown) {
          const span = document.createElement("span");
          const number = document.createElement("b");
          number.textContent = count;
          if (count > 0 && ["failed", "deadLetter", "quarantined", "overdue acks"].includes(label)) number.className = "bad";
          span.append(number, " " + label);
          counts.appendChild(span);
        }
        const auditLine = document.getElementById("audit");
        auditLine.className = audit.intact ? "good" : "bad";
        auditLine.textContent = audit.intact
          ? "intact: " + audit.entries + " entries, head " + audit.entries + ":" + audit.head
          : "BROKEN at sequence " + audit.brokenAt + ": " + audit.reason;
        fileRows(document.getElementById("failed"), failed, false);
        fileRows(document.getElementById("held"), held, true);
        fileRows(document.getElementById("deadLetter"), deadLetters, false);
        fileRows(document.getElementById("quarantined"), quarantined, false);
        const invoiceRows = document.getElementById("invoices");
        invoiceRows.replaceChildren();
        if (invoiceAudit === null) empty(invoiceRows, 8, "for finance and admin");
        else if (invoiceAudit.invoices.length === 0) empty(invoiceRows, 8, "none");
        for (const invoice of (invoiceAudit ? invoiceAudit.invoices : [])) {
          const row = invoiceRows.insertRow();
          cell(row, invoice.partner);
          cell(row, invoice.invoiceNumber);
          cell(row, invoice.invoiceDate);
          cell(row, invoice.poNumber);
          cell(row, invoice.total + " " + invoice.currency);
          // Variances (sent as corrections) and refusals stand out for finance.
          cell(row, invoice.match + (invoice.correction ? " (correction)" : ""), invoice.match === "matched" ? "good" : "bad");
          const variance = cell(row, invoice.varianceAmount, invoice.varianceAmount === "0.00" ? "" : "bad");
          // Lines ordered at a price we published (832): the variance is against a price we promised.
          if ((invoice.publishedPrices || []).length > 0) {
            const note = document.createElement("div");
            note.className = "muted";
            note.textContent = invoice.publishedPrices.join("; ");
            variance.appendChild(note);
          }
          cell(row, invoice.acknowledgment || "");
        }
        const tbody = document.getElementById("acks");
        tbody.replaceChildren();
        if (acks.length === 0) empty(tbody, 6, "none");
        for (const group of acks) {
          const row = tbody.insertRow();
          cell(row, group.partner);
          cell(row, group.interchangeControl);
          cell(row, group.groupControl);
          cell(row, group.functionalId);
          cell(row, group.sentAt);
          cell(row, group.overdue ? "overdue" : "", group.overdue ? "bad" : "");
        }
        document.getElementById("error").textContent = "";
      } catch (error) {
        document.getElementById("error").textContent = "Cannot load: " + error.message;
      }
    }
    refresh();
    setInterval(refresh, 30000);
    """#
}
