import ArgumentParser
import Foundation
import Gateway
import Service

/// `edigate audit invoices`: finance's report, one row per invoice with its three-way match.
struct AuditInvoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoices",
        abstract: "Finance's invoice audit: every invoice sent or refused, its match, its 997, and the audit entry proving it.",
        discussion: """
        One row per invoice dated --from … --to (YYYY-MM-DD, inclusive): partner, invoice number and
        date, PO number, ERP order number, lines, amount (Σ quantity × price) and total (2 places,
        the invoice's currency), match (matched, variance = sent as a correction, refused),
        correction, variance amount and variances, when it was sent (ISA13), the partner's
        997/999 verdict and when, and the audit sequence and hash of the match. Totals per
        partner and currency follow (CSV: rows whose match is TOTAL; JSON: "totals"), and the
        audit chain's verification ("auditChain"). The database is opened read-only.
        Exit status: 0; 1 when the audit chain does not verify; 2 when the database cannot be read.
        """
    )

    @Option(help: "The gateway's SQLite file.")
    var db: String?

    @Option(help: "The service configuration (takes the store from it), instead of --db.")
    var config: String?

    @Option(help: "First invoice date, YYYY-MM-DD.")
    var from: String

    @Option(help: "Last invoice date, YYYY-MM-DD.")
    var to: String

    @Option(help: "Only this partner.")
    var partner: String?

    @Option(help: "Only matched, variance or refused invoices.")
    var status: String?

    @Option(help: "csv or json.")
    var format: String = "csv"

    func validate() throws {
        guard (db == nil) != (config == nil) else { throw ValidationError("give exactly one of --db or --config") }
        let date = /^\d{4}-\d{2}-\d{2}$/
        guard from.wholeMatch(of: date) != nil, to.wholeMatch(of: date) != nil else { throw ValidationError("--from and --to take YYYY-MM-DD") }
        guard ["csv", "json"].contains(format) else { throw ValidationError("--format is csv or json") }
        if let status, InvoiceReview.Status(rawValue: status) == nil { throw ValidationError("--status is matched, variance or refused") }
    }

    func run() async throws {
        var path = db ?? ""
        if let config {
            do { path = try ServiceConfiguration.load(path: config).store } catch {
                StandardStreams.writeErr("edigate audit invoices: \(error)")
                throw ExitCode(2)
            }
        }
        let store: GatewayStore
        let rows: [InvoiceReportRow]
        let verification: AuditVerification
        do {
            store = try GatewayStore.openReadOnly(path: path)
            rows = try await store.invoiceReport(from: from, to: to, partner: partner, status: status.flatMap(InvoiceReview.Status.init(rawValue:)))
            verification = try await store.audit.verify()
        } catch {
            StandardStreams.writeErr("edigate audit invoices: \(error)")
            throw ExitCode(2)
        }
        let totals = Self.totals(rows)
        let chain: String
        switch verification {
        case .intact(let entries, let head): chain = "ok: \(entries) entries, head \(entries):\(head)"
        case .broken(let sequence, let problem): chain = "broken at sequence \(sequence): \(problem)"
        }
        if format == "json" {
            struct Report: Encodable { let invoices: [InvoiceReportRow]; let totals: [Total]; let auditChain: String }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            StandardStreams.writeOut(Array(try encoder.encode(Report(invoices: rows, totals: totals, auditChain: chain))) + [0x0A])
        } else {
            var lines = ["partner,invoiceNumber,invoiceDate,poNumber,erpOrderNumber,currency,lines,amount,total,match,correction,varianceAmount,variances,interchange,sentAt,acknowledgment,acknowledgedAt,auditSequence,auditHash"]
            for row in rows {
                let variances = row.variances.map { "line \($0.line) \($0.kind.rawValue) expected \($0.expected) actual \($0.actual) \($0.amount)" }.joined(separator: "; ")
                lines.append([row.partner, row.invoiceNumber, row.invoiceDate, row.poNumber, row.erpOrderNumber ?? "", row.currency, "\(row.lines)",
                              row.amount, row.total, row.match, row.correction ? "yes" : "no", row.varianceAmount, variances, row.interchange ?? "",
                              row.sentAt ?? "", row.acknowledgment ?? "", row.acknowledgedAt ?? "", "\(row.auditSequence)", row.auditHash].map(Self.csv).joined(separator: ","))
            }
            for total in totals {
                lines.append([total.partner, "", "", "", "", total.currency, "\(total.invoices)", total.amount, total.total, "TOTAL", "", total.varianceAmount,
                              "", "", "", "", "", "", ""].map(Self.csv).joined(separator: ","))
            }
            lines.append("# audit chain: \(chain)")
            StandardStreams.writeOut(Array((lines.joined(separator: "\n") + "\n").utf8))
        }
        if !verification.isIntact { throw ExitCode(1) }
    }

    struct Total: Encodable {
        let partner: String
        let currency: String
        let invoices: Int
        let amount: String
        let total: String
        let varianceAmount: String
    }

    /// Per partner and currency, over the invoices that went out (refused ones bill nothing).
    static func totals(_ rows: [InvoiceReportRow]) -> [Total] {
        var sums: [String: (partner: String, currency: String, count: Int, amount: Decimal, total: Decimal, variance: Decimal)] = [:]
        for row in rows where row.match != "refused" {
            let key = "\(row.partner)\u{0}\(row.currency)"
            var sum = sums[key] ?? (row.partner, row.currency, 0, 0, 0, 0)
            sum.count += 1
            sum.amount += Decimal(string: row.amount) ?? 0
            sum.total += Decimal(string: row.total) ?? 0
            sum.variance += Decimal(string: row.varianceAmount) ?? 0
            sums[key] = sum
        }
        return sums.values.sorted { ($0.partner, $0.currency) < ($1.partner, $1.currency) }.map {
            Total(partner: $0.partner, currency: $0.currency, invoices: $0.count, amount: money($0.amount), total: money($0.total), varianceAmount: money($0.variance))
        }
    }

    static func money(_ value: Decimal) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.minimumFractionDigits = 2
        formatter.maximumFractionDigits = 2
        formatter.usesGroupingSeparator = false
        return formatter.string(from: value as NSDecimalNumber) ?? "\(value)"
    }

    /// RFC 4180 quoting, and a leading quote mark for cells a spreadsheet would run as a formula.
    static func csv(_ value: String) -> String {
        var cell = value
        if let first = cell.first, "=+-@".contains(first), Decimal(string: cell) == nil { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
