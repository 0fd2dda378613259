import ArgumentParser
import Foundation
import Gateway
import PostgresStore
import Store

/// `edigate gateway release`: ops send a failed, held, quarantined or dead-letter file back in
/// line (what the console's Retry button does).
struct GatewayReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Send an inbound file that waits for ops back in line.",
        discussion: """
        INBOUND is the file's id (inbound/<id> in the audit trail, `inbound` in the poll's JSON
        lines). A failed, held (for a person or on a schedule), quarantined or dead-letter file
        goes back to received and is processed by the next poll, continuing from the steps
        already done: nothing it already answered is sent again. Audited as inbound.retried.
        Prints the file as JSON. Exit status: 0 released; 1 the file is in another state;
        2 the database cannot be opened or has no such file.
        """
    )

    @Argument(help: "The inbound file's id.")
    var inbound: Int64

    @Option(help: "The gateway's SQLite file.")
    var db: String

    func run() async throws {
        guard GatewayStore.exists(location: db) else {
            StandardStreams.writeErr("edigate gateway release: no database \(db)")
            throw ExitCode(2)
        }
        let released: InboundFile
        do {
            released = try await GatewayStore.open(location: db).retry(inbound)
        } catch let error as GatewayStoreError {
            StandardStreams.writeErr("edigate gateway release: \(error)")
            if case .invalidTransition = error { throw ExitCode(1) }
            throw ExitCode(2)
        }
        let line: [String: String] = ["inbound": "\(released.id)", "partner": released.partner, "name": released.name, "state": released.state.kind.rawValue]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        StandardStreams.writeOut(Array(try encoder.encode(line)) + [UInt8(ascii: "\n")])
    }
}
