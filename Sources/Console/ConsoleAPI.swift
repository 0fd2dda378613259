import Foundation
import Store
import X12

/// What each endpoint answers, read from (and, for retry, written to) the gateway's store.
/// Kept apart from the routing so that the rules (limits, overdue, which states exist) read
/// in one place.
struct ConsoleAPI: Sendable {
    /// Lists are cut here unless `limit` says otherwise: the page and a curl at a busy
    /// gateway should not pull every `done` file ever received.
    static let defaultLimit = 100
    /// The largest inbound file the console sends (masked, whole, in memory); a bigger one is
    /// named with where its bytes are kept instead.
    static let largestShownContent: Int64 = 64 << 20

    let store: GatewayStore
    let acknowledgmentWindowSeconds: Int64
    let now: @Sendable () -> Date
    /// When each partner's folder was last listed without error, as the running service knows
    /// it (empty for `edigate console`, which polls nothing).
    var lastSuccessfulPolls: @Sendable () -> [String: Date] = { [:] }
    /// Called after a person approved a ship-to change (the service starts applying it).
    var shipToApproved: (@Sendable () async -> Void)?

    func inboundFiles(_ query: ConsoleQuery) async throws -> [InboundFileResource] {
        let state = try query.choice("state", among: InboundState.Kind.allCases)
        let partner = query.text("partner")
        let limit = try query.limit(default: Self.defaultLimit)
        let states = state.map { [$0] } ?? InboundState.Kind.allCases
        var files: [InboundFile] = []
        for kind in states {
            files += try await store.inboundFiles(in: kind, partner: partner, limit: limit)
        }
        // Oldest first across states too, as the store orders one state.
        files.sort { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }
        return files.prefix(limit).map(InboundFileResource.init)
    }

    func inboundFile(id: Int64) async throws -> InboundFileDetailResource {
        let file = try await store.inboundFile(id: id)
        let entries = try await store.audit.entries(document: file.documentReference)
        let orders = try await store.orders(ofInbound: id)
        return InboundFileDetailResource(file: InboundFileResource(file), audit: entries.map(AuditEntryResource.init), orders: orders.map(InboundFileDetailResource.Order.init))
    }

    func inboundContents(id: Int64) async throws -> Data {
        if case .folder(let path, let sha256, let size) = try await store.content(ofInbound: id), size > Self.largestShownContent {
            throw ConsoleProblem(title: "Too large for the console", status: 422,
                                 detail: "inbound/\(id) is \(size >> 20) MB; the console shows files up to \(Self.largestShownContent >> 20) MB. "
                                     + "Its bytes are kept at \(path) (SHA-256 \(sha256)) on the gateway's host")
        }
        return try await store.contents(ofInbound: id)
    }

    /// The store refuses anything but `failed`, `held`, `quarantined` and `deadLetter` (`invalidTransition`, answered 409).
    func retry(id: Int64) async throws -> InboundFileResource {
        InboundFileResource(try await store.retry(id, at: now()))
    }

    func outboundDocuments(_ query: ConsoleQuery) async throws -> [OutboundDocumentResource] {
        let documents = try await store.outboundDocuments(partner: query.text("partner"), limit: try query.limit(default: Self.defaultLimit))
        return documents.map(OutboundDocumentResource.init)
    }

    /// Replay: the sent interchange back in the outbox, the same bytes under the same name (a
    /// pending one is refused, answered 409).
    func replay(id: Int64) async throws -> OutboundDocumentResource {
        OutboundDocumentResource(try await store.replayOutbound(id, at: now()))
    }

    func outboundContents(id: Int64) async throws -> Data {
        try await store.contents(ofOutbound: id)
    }

    func acknowledgments(_ query: ConsoleQuery) async throws -> [SentGroupResource] {
        let outcome = try query.choice("outcome", among: [AcknowledgmentReconciler.Outcome.awaiting, .accepted, .acceptedWithErrors, .rejected])
        let groups = try await store.sentGroups(partner: query.text("partner"), outcome: outcome)
        let now = now()
        return groups.map { SentGroupResource($0, acknowledgmentWindowSeconds: acknowledgmentWindowSeconds, now: now) }
    }

    /// The latest entries (oldest first), like `edigate audit list --limit`.
    func auditEntries(_ query: ConsoleQuery) async throws -> [AuditEntryResource] {
        let entries = try await store.audit.entries(partner: query.text("partner"), document: query.text("document"),
                                                    latest: try query.limit(default: Self.defaultLimit))
        return entries.map(AuditEntryResource.init)
    }

    func verifyAudit() async throws -> AuditVerificationResource {
        AuditVerificationResource(try await store.audit.verify())
    }

    /// Counts for the page's header. The store has no count query, so this lists each state
    /// without its bytes; fine at console scale, a `COUNT(*)` in the store once it is not.
    func summary() async throws -> InboundSummaryResource {
        var inbound: [String: Int] = [:]
        for kind in InboundState.Kind.allCases {
            inbound[kind.rawValue] = try await store.inboundFiles(in: kind).count
        }
        let awaiting = try await store.sentGroups(outcome: .awaiting)
        let now = now()
        let overdue = awaiting.filter { SentGroupResource.isOverdue($0, windowSeconds: acknowledgmentWindowSeconds, now: now) }
        return InboundSummaryResource(inbound: inbound, awaitingAcknowledgments: awaiting.count, overdueAcknowledgments: overdue.count)
    }

    /// Ops's dashboard: per partner, files in and out today (UTC), what waits for ops, the
    /// outbox, acknowledgments overdue, and when a file last came in and went out.
    func partners() async throws -> [PartnerDashboardResource] {
        let now = now()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let activity = try await store.partnerActivity(since: calendar.startOfDay(for: now))
        let awaiting = try await store.sentGroups(outcome: .awaiting)
        let polls = lastSuccessfulPolls()
        return activity.map { item in
            let overdue = awaiting.filter { $0.partner == item.partner && SentGroupResource.isOverdue($0, windowSeconds: acknowledgmentWindowSeconds, now: now) }
            return PartnerDashboardResource(activity: item, overdueAcknowledgments: overdue.count,
                                            lastSuccessfulPollAt: polls[item.partner].map(GatewayTimestamp.text))
        }
    }

    /// Finance's invoice audit (`edigate audit invoices`): `from`/`to` (YYYY-MM-DD, default
    /// invoices dated within 31 days of today either way: ERPs date invoices ahead too),
    /// `partner`, `status`.
    func invoices(_ query: ConsoleQuery) async throws -> InvoiceReport {
        let status = try query.choice("status", among: InvoiceReview.Status.allCases)
        let monthAgo = GatewayTimestamp.text(now().addingTimeInterval(-31 * 86_400)).prefix(10)
        let monthAhead = GatewayTimestamp.text(now().addingTimeInterval(31 * 86_400)).prefix(10)
        let from = query.text("from") ?? String(monthAgo)
        let to = query.text("to") ?? String(monthAhead)
        for (name, value) in [("from", from), ("to", to)] where value.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil {
            throw ConsoleProblem.badRequest("\(name) must be YYYY-MM-DD (got '\(value)')")
        }
        let rows = try await store.invoiceReport(from: from, to: to, partner: query.text("partner"), status: status)
        return InvoiceReport(rows: rows, verification: try await store.audit.verify())
    }

    /// Proposed ship-to changes from partners' location lists (816), newest first: `status`
    /// (default: all), `partner`, `limit`.
    func shipToChanges(_ query: ConsoleQuery) async throws -> [ShipToChangeRecord] {
        let status = try query.choice("status", among: ShipToChangeRecord.Status.allCases)
        return try await store.shipToChanges(partner: query.text("partner"), status: status, limit: try query.limit(default: Self.defaultLimit))
    }

    /// A person approves or rejects a proposed change; who is the caller's token name (the
    /// standalone console, which has no log-in, records `console`). A decided change is
    /// refused (409). Approval hands the change to the service, which applies it to the ERP.
    func decideShipToChange(id: Int64, approve: Bool, note: String?) async throws -> ShipToChangeRecord {
        let person = AuditCaller.name ?? "console"
        let decided = try await store.decideShipToChange(id, approve: approve, by: person, note: note, at: now())
        if approve, let shipToApproved { await shipToApproved() }
        return decided
    }

    /// An order's life (`edigate trace`).
    func trace(poNumber: String, partner: String?) async throws -> [TraceEvent] {
        let events = try await store.trace(poNumber: poNumber, partner: partner)
        guard !events.isEmpty else { throw ConsoleProblem.notFound("no order with PO number \(poNumber)") }
        return events
    }
}
