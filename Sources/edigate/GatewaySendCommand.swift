import ArgumentParser
import Foundation
import Gateway
import Mapping
import Partners
import PostgresStore
import Store
import Transport

/// `edigate gateway send`: one ERP shipment or invoice event to one partner.
struct GatewaySendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send an 856 or 810 from canonical JSON, checked against the partner's order.",
        discussion: """
        FILE holds one canonical ShipNotice (856) or Invoice (810), as an ERP shipment or invoice
        event. It is checked against the purchase order the gateway received from the partner
        (lines on the order, quantities not beyond what was ordered, invoice prices as our 855
        acknowledged them), generated with the partner's maps and durable control numbers,
        recorded in the database and uploaded to the partner's outbound folder as
        <type>-<ISA13>.edi. Prints one JSON line: partner, type, poNumber, interchange, file,
        outbound, outcome (sent, alreadySent, refused, failed), reason. The same shipment id or
        invoice number again with the same content answers alreadySent with the first
        interchange (nothing new is sent); with different content it is refused. Exit status:
        0 sent or alreadySent; 1 refused (nothing recorded or uploaded); 2 the database,
        profile or transport failed (a recorded document stays in the outbox and is uploaded
        unchanged by the next send or poll).
        """
    )

    @Argument(help: "The transaction set to send: 856 or 810.")
    var transactionSet: String

    @Argument(help: "The canonical JSON file (one document).")
    var file: String

    @Option(help: "The gateway's SQLite file (the one `gateway poll` records orders in).")
    var db: String

    @Option(help: "Partner ID (<partners>/<id>.yaml).")
    var partner: String

    @OptionGroup var profiles: ProfileOptions

    @Flag(help: "The ERP marks the document a deliberate correction: an 810 is sent and flagged even when it does not match the order, our 855 and the shipments; an 856 may ship beyond our 855.")
    var correction = false

    func run() async throws {
        guard ["856", "810"].contains(transactionSet), let type = CanonicalDocumentType(transactionSet: transactionSet) else {
            throw ValidationError("the transaction set must be 856 or 810")
        }
        var report = OutboundSendReport(partner: partner, type: transactionSet, poNumber: "", outcome: .refused)
        let document: CanonicalDocument
        do {
            document = try Self.readDocument(file, type: type)
        } catch {
            report.reason = "\(error)"
            try Self.print(report)
            throw ExitCode(1)
        }
        switch document {
        case .shipNotice(let notice): report.poNumber = notice.orders.map(\.poNumber).joined(separator: ",")
        case .invoice(let invoice): report.poNumber = invoice.poNumber
        default: break
        }

        let profile: PartnerProfile
        let store: GatewayStore
        do {
            profile = try profiles.profile(partner)
            // An existing database only: a fresh one has no orders to check against.
            guard GatewayStore.exists(location: db) else { throw CommandFailure("no database \(db)") }
            store = try GatewayStore.open(location: db)
        } catch {
            report.outcome = .failed
            report.reason = "\(error)"
            try Self.print(report)
            throw ExitCode(2)
        }
        let transport: any Transport
        do { transport = try profile.transport.makeTransport() } catch {
            report.outcome = .failed
            report.reason = "no transport: \(error)"
            try Self.print(report)
            throw ExitCode(2)
        }
        let sender = OutboundDocumentSender(store: store, profile: profile, transport: transport,
                                            library: try CommandSupport.schemaLibrary(), maps: try profiles.catalog())
        var exitCode: Int32 = 0
        do {
            report = try await sender.send(document, correction: correction)
        } catch let refusal as OutboundSendRefusal {
            report.outcome = .refused
            report.reason = refusal.description
            exitCode = 1
        } catch {
            report.outcome = .failed
            report.reason = "\(error)"
            exitCode = 2
        }
        await transport.close()
        try Self.print(report)
        if exitCode != 0 { throw ExitCode(exitCode) }
    }

    private static func readDocument(_ file: String, type: CanonicalDocumentType) throws -> CanonicalDocument {
        guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("\(file): cannot read") }
        let value: CanonicalValue
        do { value = try CanonicalJSON.parse(Array(data)) } catch { throw CommandFailure("\(file): \(error)") }
        guard value.arrayItems == nil else { throw CommandFailure("\(file): one document per send, not an array") }
        do { return try CanonicalDocument(type: type, value: value) } catch {
            throw CommandFailure("\(file): not a \(type.rawValue): \(MapReader.describe(error))")
        }
    }

    private static func print(_ report: OutboundSendReport) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        StandardStreams.writeOut(Array(try encoder.encode(report)) + [UInt8(ascii: "\n")])
    }
}
