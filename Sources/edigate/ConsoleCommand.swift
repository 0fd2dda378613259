import ArgumentParser
import Console
import Foundation
import Gateway
import PostgresStore
import Store

struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Serve the ops console: a JSON API over the gateway's store and one HTML page.",
        discussion: """
        Lists inbound files by state (with Retry for failed and held ones), outbound documents,
        acknowledgments awaited or overdue, and the audit trail and its verification.
        It has no log-in: keep it on 127.0.0.1 (the default) or behind a tunnel. See docs/console.md.
        """
    )

    @Option(help: "The gateway's SQLite file.")
    var db: String

    @Option(help: "Port to listen on (0 picks a free one and prints it).")
    var port: Int = 8086

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "Minutes after sending before a group still awaiting its 997/999 is overdue.")
    var ackWindowMinutes: Int = 1440

    func validate() throws {
        guard ackWindowMinutes > 0 else { throw ValidationError("--ack-window-minutes must be more than zero") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
    }

    func run() async throws {
        // The console retries files, so it opens the store for writing; a path that does not
        // exist is a typo, not a request for a new empty gateway.
        guard GatewayStore.exists(location: db) else {
            throw ValidationError("\(db) does not exist (the gateway creates it on its first poll)")
        }
        let store = try GatewayStore.open(location: db)
        let server = ConsoleServer(store: store, configuration: .init(host: host, port: port, acknowledgmentWindowMinutes: ackWindowMinutes, logLevel: .info))
        try await server.run { port in
            StandardStreams.writeErr("edigate console: serving \(db) on http://\(host):\(port)")
        }
    }
}
