import ArgumentParser
import Foundation
import Gateway
import PostgresStore
import Store

/// `edigate trace PO`: an order's whole life, for ops.
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "An order's life in order: 850 received, TA1/997 sent, ERP decision, 855, 856s, 810s, the partner's acknowledgments, holds, retries.",
        discussion: """
        Read from the audit trail (for a person; the gateway itself decides from its tables),
        with each entry's sequence, time, event, document (inbound/<id>, outbound/<id>) and
        details. The database is opened read-only. Exit status: 0; 1 when no order has that PO
        number; 2 when the database cannot be read.
        """
    )

    @Argument(help: "The PO number (BEG03).")
    var poNumber: String

    @Option(help: "The gateway's SQLite file.")
    var db: String

    @Option(help: "Only this partner's order with that number.")
    var partner: String?

    @Option(help: "text or json.")
    var format: String = "text"

    func run() async throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format is text or json") }
        let events: [TraceEvent]
        do { events = try await GatewayStore.openExisting(location: db).trace(poNumber: poNumber, partner: partner) } catch {
            StandardStreams.writeErr("edigate trace: \(error)")
            throw ExitCode(2)
        }
        guard !events.isEmpty else {
            StandardStreams.writeErr("edigate trace: no order with PO number \(poNumber)\(partner.map { " from \($0)" } ?? "")")
            throw ExitCode(1)
        }
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            StandardStreams.writeOut(Array(try encoder.encode(events)) + [0x0A])
            return
        }
        var lines: [String] = []
        for event in events {
            lines.append("\(event.recordedAt)  #\(event.sequence)  \(event.event.padding(toLength: 22, withPad: " ", startingAt: 0))  \(event.document.padding(toLength: 12, withPad: " ", startingAt: 0))  \(Self.summary(event.details))")
        }
        StandardStreams.writeOut(Array((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// The details as key=value, the long ones cut.
    static func summary(_ details: String) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(details.utf8))) as? [String: Any] else { return details }
        return object.keys.sorted().compactMap { key -> String? in
            let value = object[key]!
            let text: String
            if let list = value as? [Any] { text = "[" + list.map { "\($0)" }.joined(separator: "; ") + "]" } else { text = "\(value)" }
            guard !text.isEmpty, text != "[]" else { return nil }
            return "\(key)=\(text.count > 120 ? String(text.prefix(117)) + "…" : text)"
        }.joined(separator: " ")
    }
}
