import ArgumentParser
import Foundation
import Logging
import Service

/// `edigate serve`: wiring only; the service lives in the Service module.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway as one service: pollers, outbox, holds, acknowledgment monitor, HTTP API and console.",
        discussion: """
        CONFIG is the service's YAML file (README, gateway.example.yaml): store, partners, maps,
        erp (the block docs/erp.md documents), http, tokens, poll, alerts, drop. Everything is
        loaded and checked first; a file that does not check out exits 2 with FILE:LINE: field.
        SIGTERM/SIGINT stop taking work, let files under way finish and exit 0; SIGHUP reloads
        profiles and maps (a broken configuration is refused and the running one stays; both
        are audited with the file's SHA-256). Logs go to stderr, one line per event with its fields
        (partner, file, inbound, outcome); never documents' content, tokens or secrets.
        """
    )

    @Option(help: "The service configuration (YAML).")
    var config: String

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() async throws {
        let settings = try CommandSupport.serviceConfiguration(config, command: "serve")
        var logger = Logger(label: "edigate")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let service: GatewayService
        do {
            service = try GatewayService(configuration: settings, library: try CommandSupport.schemaLibrary(), logger: logger)
        } catch {
            StandardStreams.writeErr("edigate serve: \(error)")
            throw ExitCode(2)
        }
        let running = logger
        try await service.run { port in
            running.notice("edigate serve: listening", metadata: ["address": "\(settings.http.host):\(port)", "store": "\(settings.store)"])
        }
    }
}
