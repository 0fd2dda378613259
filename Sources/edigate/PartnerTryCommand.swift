import ArgumentParser
import Documents
import ERP
import Foundation
import Mapping
import Partners
import X12

struct PartnerTryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "try",
        abstract: "Dry-run a partner's files: everything the gateway would do, nothing recorded or sent.",
        discussion: """
        For each FILE: the reading warnings, the envelope and syntax errors, the TA1/997/999 the
        gateway would send, each 850 as canonical JSON with any data no map takes, the ERP's
        decision (read-only calls: prices, stock, ship-to, credit; nothing is entered) and the 855
        it would send. Control numbers are 1; nothing is recorded, numbered or uploaded. The ERP
        is --erp-url URL or --erp-config FILE (as for gateway poll), or --no-erp to skip it.
        Exits 0 when the partner is ready (no problem in any file), 1 when it is not, 2 when the
        profile, maps or ERP connection cannot be used.
        """
    )

    @Argument(help: "The partner ID (<partners>/<id>.yaml).")
    var partner: String

    @Argument(help: "The partner's sample files.")
    var files: [String]

    @OptionGroup var profiles: ProfileOptions

    @OptionGroup var erp: ERPOptions

    @Flag(help: "Do not ask the ERP: no decision and no 855.")
    var noErp = false

    @Option(help: "text (default) or json (one object per file, one per line).")
    var format: String = "text"

    func validate() throws {
        guard [erp.erpUrl != nil, erp.erpConfig != nil, noErp].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --erp-url URL, --erp-config FILE or --no-erp")
        }
        guard ["text", "json"].contains(format) else { throw ValidationError("--format is text or json") }
        guard !files.isEmpty else { throw ValidationError("name at least one file") }
    }

    func run() async throws {
        let profile: PartnerProfile
        let catalog: MapCatalog
        let library: SchemaLibrary
        var client: HTTPERPClient?
        do {
            profile = try profiles.profile(partner)
            catalog = try profiles.catalog()
            let errors = catalog.checkAll(partner: profile.id)
            guard errors.isEmpty else { throw CommandFailure("maps for \(profile.id):\n" + errors.map(\.description).joined(separator: "\n")) }
            library = try CommandSupport.schemaLibrary()
            if let connection = try erp.connection() { client = try HTTPERPClient(connection: connection) }
        } catch {
            StandardStreams.writeErr("edigate partner try: \(error)")
            throw ExitCode(2)
        }
        let trial = PartnerTrial(profile: profile, maps: catalog, library: library, orders: client.map { OrderValidator(client: $0) })
        var ready = true
        for file in files {
            let report: PartnerTrialReport
            if let data = FileManager.default.contents(atPath: file) {
                report = await trial.run(bytes: Array(data), file: file)
            } else {
                var unreadable = PartnerTrialReport(partner: profile.id, file: file)
                unreadable.problems.append("cannot read \(file)")
                report = unreadable
            }
            ready = ready && report.ready
            if format == "json" {
                StandardStreams.writeOut(Array((try Self.json(report) + "\n").utf8))
            } else {
                StandardStreams.writeOut(Array(Self.text(report).utf8))
            }
        }
        try? await client?.shutdown()
        if format == "text" {
            StandardStreams.writeOut(Array((ready ? "partner \(profile.id): ready\n" : "partner \(profile.id): not ready\n").utf8))
        }
        if !ready { throw ExitCode(1) }
    }

    static func errorLines(_ report: PartnerTrialReport) -> [String] {
        report.interchanges.flatMap { ValidateCommand.lines(file: report.file, $0.result) }
    }

    static func text(_ report: PartnerTrialReport) -> String {
        var out = "== \(report.file)\n"
        for interchange in report.interchanges {
            let groups = interchange.result.groups.map { "\($0.functionalID) \($0.control) \($0.acknowledgmentCode)" }.joined(separator: ", ")
            out += "interchange \(interchange.control) from \(interchange.sender) to \(interchange.receiver), \(interchange.version): TA1 \(interchange.result.acknowledgmentCode)"
                + (groups.isEmpty ? "" : "; groups \(groups)") + "\n"
        }
        for line in errorLines(report) { out += "error: \(line)\n" }
        for warning in report.warnings { out += "warning: \(warning)\n" }
        if let ack = report.acknowledgmentX12 { out += "-- acknowledgment it would send:\n\(ack.hasSuffix("\n") ? ack : ack + "\n")" }
        for order in report.orders {
            out += "-- \(order.set)" + (order.poNumber.map { " PO \($0)" } ?? "") + "\n"
            if let po = order.order, let json = try? CanonicalDocument.jsonArray([.purchaseOrder(po)], pretty: true) { out += "canonical: \(json)\n" }
            if let decision = order.decision { out += "ERP decision: \(decision)\n" }
            for reason in order.reasons { out += "  reason: \(reason)\n" }
            if let x12 = order.orderAcknowledgmentX12 { out += "-- 855 it would send:\n\(x12.hasSuffix("\n") ? x12 : x12 + "\n")" }
        }
        for problem in report.problems { out += "problem: \(problem)\n" }
        out += report.ready ? "result: ready\n" : "result: not ready (\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"))\n"
        return out
    }

    static func json(_ report: PartnerTrialReport) throws -> String {
        var object: [String: Any] = [
            "partner": report.partner, "file": report.file, "ready": report.ready,
            "problems": report.problems, "warnings": report.warnings, "errors": errorLines(report),
            "interchanges": report.interchanges.map { interchange in
                ["control": interchange.control, "sender": interchange.sender, "receiver": interchange.receiver, "version": interchange.version,
                 "ta1": interchange.result.acknowledgmentCode,
                 "groups": interchange.result.groups.map { ["functionalId": $0.functionalID, "control": $0.control, "code": $0.acknowledgmentCode] }] as [String: Any]
            },
        ]
        if let ack = report.acknowledgmentX12 { object["acknowledgment"] = ack }
        object["orders"] = try report.orders.map { order -> [String: Any] in
            var item: [String: Any] = ["set": order.set]
            if let po = order.poNumber { item["poNumber"] = po }
            if let decision = order.decision { item["decision"] = decision }
            item["reasons"] = order.reasons
            if let po = order.order {
                item["canonical"] = try JSONSerialization.jsonObject(with: Data(try CanonicalDocument.jsonArray([.purchaseOrder(po)], pretty: false).utf8)) as? [Any] ?? []
            }
            if let x12 = order.orderAcknowledgmentX12 { item["orderAcknowledgment"] = x12 }
            return item
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
