import ArgumentParser
import Foundation
import Gateway
import PostgresStore
import Store

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
        if let config { path = try CommandSupport.serviceConfiguration(config, command: "audit invoices").store }
        let store: GatewayStore
        let rows: [InvoiceReportRow]
        let verification: AuditVerification
        do {
            store = try GatewayStore.openExisting(location: path)
            rows = try await store.invoiceReport(from: from, to: to, partner: partner, status: status.flatMap(InvoiceReview.Status.init(rawValue:)))
            verification = try await store.audit.verify()
        } catch {
            StandardStreams.writeErr("edigate audit invoices: \(error)")
            throw ExitCode(2)
        }
        let report = InvoiceReport(rows: rows, verification: verification)
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            StandardStreams.writeOut(Array(try encoder.encode(report)) + [0x0A])
        } else {
            StandardStreams.writeOut(Array(report.csv().utf8))
        }
        if !verification.isIntact { throw ExitCode(1) }
    }

}
