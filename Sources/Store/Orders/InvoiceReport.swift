import Foundation

/// Finance's invoice audit as one value: the rows, the totals per partner and currency, and the
/// state of the audit chain beside them; written as CSV or JSON the same way by
/// `edigate audit invoices` and the console.
public struct InvoiceReport: Sendable, Encodable {
    public struct Total: Sendable, Encodable, Hashable {
        public let partner: String
        public let currency: String
        public let invoices: Int
        public let amount: String
        public let total: String
        public let varianceAmount: String
    }

    public let invoices: [InvoiceReportRow]
    public let totals: [Total]
    public let auditChain: String
    public let auditChainIntact: Bool

    public init(rows: [InvoiceReportRow], verification: AuditVerification) {
        invoices = rows
        totals = Self.totals(rows)
        switch verification {
        case .intact(let entries, let head):
            auditChain = "ok: \(entries) entries, head \(entries):\(head)"
            auditChainIntact = true
        case .broken(let sequence, let problem):
            auditChain = "broken at sequence \(sequence): \(problem)"
            auditChainIntact = false
        }
    }

    /// Per partner and currency, over the invoices that went out (refused ones bill nothing).
    static func totals(_ rows: [InvoiceReportRow]) -> [Total] {
        var sums: [String: (partner: String, currency: String, count: Int, amount: Decimal, total: Decimal, variance: Decimal)] = [:]
        for row in rows where row.match != InvoiceReview.Status.refused.rawValue {
            let key = "\(row.partner)\u{0}\(row.currency)"
            var sum = sums[key] ?? (row.partner, row.currency, 0, 0, 0, 0)
            sum.count += 1
            sum.amount += Decimal(string: row.amount) ?? 0
            sum.total += Decimal(string: row.total) ?? 0
            sum.variance += Decimal(string: row.varianceAmount) ?? 0
            sums[key] = sum
        }
        return sums.values.sorted { ($0.partner, $0.currency) < ($1.partner, $1.currency) }.map {
            Total(partner: $0.partner, currency: $0.currency, invoices: $0.count, amount: GatewayStore.money($0.amount),
                  total: GatewayStore.money($0.total), varianceAmount: GatewayStore.money($0.variance))
        }
    }

    /// RFC 4180 CSV: a header, one row per invoice, a `TOTAL` row per partner and currency, and
    /// a `# audit chain:` line.
    public func csv() -> String {
        var lines = ["partner,invoiceNumber,invoiceDate,poNumber,erpOrderNumber,currency,lines,amount,total,match,correction,varianceAmount,variances,interchange,sentAt,acknowledgment,acknowledgedAt,auditSequence,auditHash,publishedPrices"]
        for row in invoices {
            let variances = row.variances.map { "line \($0.line) \($0.kind.rawValue) expected \($0.expected) actual \($0.actual) \($0.amount)" }.joined(separator: "; ")
            lines.append([row.partner, row.invoiceNumber, row.invoiceDate, row.poNumber, row.erpOrderNumber ?? "", row.currency, "\(row.lines)",
                          row.amount, row.total, row.match, row.correction ? "yes" : "no", row.varianceAmount, variances, row.interchange ?? "",
                          row.sentAt ?? "", row.acknowledgment ?? "", row.acknowledgedAt ?? "", "\(row.auditSequence)", row.auditHash,
                          row.publishedPrices.joined(separator: "; ")].map(Self.cell).joined(separator: ","))
        }
        for total in totals {
            lines.append([total.partner, "", "", "", "", total.currency, "\(total.invoices)", total.amount, total.total, "TOTAL", "", total.varianceAmount,
                          "", "", "", "", "", "", "", ""].map(Self.cell).joined(separator: ","))
        }
        lines.append("# audit chain: \(auditChain)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Quoted when needed, and a leading quote mark for text a spreadsheet would run as a formula.
    static func cell(_ value: String) -> String {
        var cell = value
        if let first = cell.first, "=+-@".contains(first), Decimal(string: cell) == nil { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
