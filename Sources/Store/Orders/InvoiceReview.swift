import Documents
import Foundation

/// An invoice's three-way match as recorded with it: what finance reviews.
public struct InvoiceReview: Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        /// Invoiced ≤ shipped ≤ acknowledged on every line, at the acknowledged prices.
        case matched
        /// Sent although it does not match: the ERP marked it a deliberate correction.
        case variance
        /// Not sent: it does not match (or was refused for another reason, in `reason`).
        case refused
    }

    public var status: Status
    public var correction: Bool
    public var variances: [InvoiceVariance]
    public var invoice: Invoice

    package init(status: Status, correction: Bool, variances: [InvoiceVariance], invoice: Invoice) {
        self.status = status
        self.correction = correction
        self.variances = variances
        self.invoice = invoice
    }

    public var varianceAmount: Decimal { variances.reduce(0) { $0 + $1.amount } }
}

/// One row of `edigate audit invoices`: an invoice, its match, when it went out and what the
/// partner's 997 said, with the audit entry that proves the match.
public struct InvoiceReportRow: Sendable, Hashable, Encodable {
    public var partner: String
    public var invoiceNumber: String
    public var invoiceDate: String
    public var poNumber: String
    public var erpOrderNumber: String?
    public var currency: String
    public var lines: Int
    /// Σ quantity × unit price (2 places), and the invoice total (charges and tax included).
    public var amount: String
    public var total: String
    public var match: String
    public var correction: Bool
    public var varianceAmount: String
    public var variances: [InvoiceVariance]
    public var reason: String?
    public var interchange: String?
    public var sentAt: String?
    /// The partner's 997/999 verdict on the invoice's group (`awaiting` until it comes) and when.
    public var acknowledgment: String?
    public var acknowledgedAt: String?
    public var auditSequence: Int64
    public var auditHash: String
    /// The order's lines at a price we published to the partner (832), e.g.
    /// `line 1 at 10.50 as published in 832 outbound/7 of 2026-12-01`: a variance on such a
    /// line is against a price we promised.
    public var publishedPrices: [String] = []
}

extension AuditEventKind {
    /// An invoice was recorded for sending with its three-way match.
    public static let invoiceMatched = AuditEventKind("invoice.matched")
    /// An invoice was refused; the variances or the reason say why.
    public static let invoiceRefused = AuditEventKind("invoice.refused")
}

extension GatewayStore {
    /// Inside the invoice's recording transaction.
    static func insertInvoiceReview(_ review: InvoiceReview, partner: String, outbound: OutboundDocument?, reason: String?, at date: Date, in db: any StoreConnection) throws {
        let invoice = review.invoice
        let amount = invoice.lines.reduce(Decimal(0)) { $0 + ($1.quantity * $1.unitPrice).rounded(2) }
        let total = invoice.total ?? amount
        let entry = try AuditTrail.append(AuditEvent(partner: partner, document: outbound?.documentReference, kind: review.status == .refused ? .invoiceRefused : .invoiceMatched, details: [
            "invoiceNumber": .text(invoice.invoiceNumber), "poNumber": .text(invoice.poNumber), "status": .text(review.status.rawValue),
            "correction": .flag(review.correction), "varianceAmount": .text(Self.money(review.varianceAmount)),
            "variances": .list(review.variances.map { "line \($0.line) \($0.kind.rawValue): expected \($0.expected), actual \($0.actual), \(Self.money($0.amount))" }),
            "reason": .text(reason ?? ""),
        ]), at: date, in: db)
        try db.execute(sql: """
            INSERT INTO invoice_matches (partner, invoice_number, invoice_date, po_number, currency, lines, amount, total, status, correction,
                                         variances, variance_amount, reason, outbound_id, audit_sequence, audit_hash, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (partner, invoice_number) DO UPDATE SET
                invoice_date = excluded.invoice_date, po_number = excluded.po_number, currency = excluded.currency, lines = excluded.lines,
                amount = excluded.amount, total = excluded.total, status = excluded.status, correction = excluded.correction,
                variances = excluded.variances, variance_amount = excluded.variance_amount, reason = excluded.reason,
                outbound_id = excluded.outbound_id, audit_sequence = excluded.audit_sequence, audit_hash = excluded.audit_hash,
                recorded_at = excluded.recorded_at
            WHERE invoice_matches.status = 'refused'
            """, arguments: [partner, invoice.invoiceNumber, invoice.invoiceDate, invoice.poNumber, invoice.currency ?? "USD", invoice.lines.count,
                             Self.money(amount), Self.money(total), review.status.rawValue, review.correction, try StoredJSON.encode(review.variances),
                             Self.money(review.varianceAmount), reason, outbound?.id, entry.sequence, entry.hash, GatewayTimestamp.text(date)])
    }

    /// A refused invoice, kept for finance's review (a later, matching invoice under the same
    /// number replaces it; a sent one is never replaced).
    public func recordInvoiceRefused(_ review: InvoiceReview, partner: String, reason: String, at date: Date = Date()) async throws {
        try await database.write { db in
            let sent = try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM invoice_matches WHERE partner = ? AND invoice_number = ? AND status != 'refused'",
                                        arguments: [partner, review.invoice.invoiceNumber]) ?? 0
            guard sent == 0 else { return }
            try Self.insertInvoiceReview(review, partner: partner, outbound: nil, reason: reason, at: date, in: db)
        }
    }

    /// Invoices dated `from`...`to` (YYYY-MM-DD, inclusive), oldest first.
    public func invoiceReport(from: String, to: String, partner: String? = nil, status: InvoiceReview.Status? = nil) async throws -> [InvoiceReportRow] {
        try await database.read { db in
            var sql = """
                SELECT m.*, o.erp_order_number, d.interchange_control, d.uploaded_at, g.outcome AS ack_outcome, g.decided_by, g.acknowledged_at
                FROM invoice_matches m
                LEFT JOIN orders o ON o.partner = m.partner AND o.po_number = m.po_number
                LEFT JOIN outbound_documents d ON d.id = m.outbound_id
                LEFT JOIN sent_groups g ON g.outbound_id = m.outbound_id
                WHERE m.invoice_date >= ? AND m.invoice_date <= ?
                """
            var arguments: StoreArguments = [from, to]
            if let partner { sql += " AND m.partner = ?"; arguments += [partner] }
            if let status { sql += " AND m.status = ?"; arguments += [status.rawValue] }
            sql += " ORDER BY m.invoice_date, m.partner, m.invoice_number"
            return try db.fetchAll(sql: sql, arguments: arguments).map { row in
                let key = "\(row["partner"] as String)/\(row["invoice_number"] as String)"
                let outcome: String? = row["ack_outcome"]
                let decidedBy: String? = row["decided_by"]
                let published = try db.fetchAll(sql: """
                    SELECT l.line_number, l.acknowledged_price, l.published_catalog FROM order_lines l JOIN orders o ON o.id = l.order_id
                    WHERE o.partner = ? AND o.po_number = ? AND l.published_catalog IS NOT NULL ORDER BY l.position
                    """, arguments: [row["partner"] as String, row["po_number"] as String]).map { line -> String in
                    let price: String? = line["acknowledged_price"]
                    let shown = price.flatMap { Decimal(string: $0) }.map(Self.money) ?? price ?? "?"
                    return "line \(line["line_number"] as String) at \(shown) as published in \(line["published_catalog"] as String)"
                }
                var report = InvoiceReportRow(
                    partner: row["partner"], invoiceNumber: row["invoice_number"], invoiceDate: row["invoice_date"], poNumber: row["po_number"],
                    erpOrderNumber: row["erp_order_number"], currency: row["currency"], lines: row["lines"], amount: row["amount"], total: row["total"],
                    match: row["status"], correction: row["correction"], varianceAmount: row["variance_amount"],
                    variances: try StoredJSON.decode([InvoiceVariance].self, row["variances"], table: "invoice_matches", key: key), reason: row["reason"],
                    interchange: row["interchange_control"], sentAt: row["uploaded_at"],
                    acknowledgment: outcome.map { verdict in decidedBy.map { "\(verdict) (\($0))" } ?? verdict }, acknowledgedAt: row["acknowledged_at"],
                    auditSequence: row["audit_sequence"], auditHash: row["audit_hash"])
                report.publishedPrices = published
                return report
            }
        }
    }

    static func money(_ value: Decimal) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.minimumFractionDigits = 2
        formatter.maximumFractionDigits = 2
        formatter.usesGroupingSeparator = false
        return formatter.string(from: value.rounded(2) as NSDecimalNumber) ?? "\(value)"
    }
}
