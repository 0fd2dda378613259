import ArgumentParser
import Foundation
import Gateway
import PostgresStore
import Store

/// `edigate gateway replay`: ops send a sent interchange to the partner again (what the
/// console's Replay button does) — the same bytes, file name and control numbers.
struct GatewayReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Upload a sent interchange to the partner again, unchanged.",
        discussion: """
        OUTBOUND is the interchange's id (outbound/<id> in the audit trail). The interchange goes
        back in the outbox and the next poll (or the running service) uploads the stored bytes
        under the same name: never a new answer with new control numbers. Its groups keep their
        acknowledgment state. Audited as outbound.replayed with --reason. Prints the document as
        JSON. Exit status: 0 queued again; 1 it is not sent yet (still pending); 2 the database
        cannot be opened or has no such interchange.
        """
    )

    @Argument(help: "The outbound interchange's id.")
    var outbound: Int64

    @Option(help: "The gateway's SQLite file.")
    var db: String

    @Option(help: "Why, for the audit trail (e.g. the partner's ticket).")
    var reason: String?

    func run() async throws {
        guard GatewayStore.exists(location: db) else {
            StandardStreams.writeErr("edigate gateway replay: no database \(db)")
            throw ExitCode(2)
        }
        let replayed: OutboundDocument
        do {
            replayed = try await GatewayStore.open(location: db).replayOutbound(outbound, reason: reason)
        } catch let error as GatewayStoreError {
            StandardStreams.writeErr("edigate gateway replay: \(error)")
            if case .notReplayable = error { throw ExitCode(1) }
            throw ExitCode(2)
        }
        let line: [String: String] = ["outbound": "\(replayed.id)", "partner": replayed.partner, "file": replayed.fileName,
                                      "interchange": replayed.interchangeControl, "state": replayed.state.rawValue]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        StandardStreams.writeOut(Array(try encoder.encode(line)) + [UInt8(ascii: "\n")])
    }
}
