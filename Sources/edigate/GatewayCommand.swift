import ArgumentParser
import ERP
import Foundation
import Gateway
import Mapping
import Partners
import PostgresStore
import Store
import Transport

struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "Run the gateway pipeline: pickup, acknowledgments, ERP, 855.",
        subcommands: [Poll.self, GatewaySendCommand.self, GatewayInventoryCommand.self, GatewayCatalogCommand.self, GatewayShipTosCommand.self, GatewayReleaseCommand.self, GatewayReplayCommand.self]
    )

    struct Poll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Poll every partner's folder and take each file to its end state.",
            discussion: """
            Per partner: new files are recorded in the database (then archived on the server),
            answered with TA1/997/999 per the profile, and every accepted 850 is checked against
            the ERP and answered with an 855; an ERP that cannot answer holds the file. Prints one
            JSON line per file: partner, name, inbound, outcome (done, failed, held, duplicate,
            notRecorded, deadLetter, quarantined, abandoned, uploadFailed), ack, 855Control, reason.
            Every answer is recorded in the outbox before it is uploaded, so a run that was killed
            sends the same bytes under the same name when it runs again. Several processes may
            share one database: a file is leased to one of them at a time (--lease-seconds). Without --once, polls again every
            --interval seconds until stopped. Exit status with --once: 0 when every file is done
            or a duplicate, 2 when any is failed, held or not recorded.
            The ERP is exactly one of --erp-url URL (no credentials) or --erp-config FILE: the
            connection as YAML (docs/erp.md; the block itself or under erp:) with OAuth2 client
            credentials (the secret as env:NAME or file:PATH), mutual TLS and timeouts. Credentials
            need https unless the ERP is on loopback. A config that cannot be used exits 2.
            """
        )

        @Option(help: "The gateway's SQLite file (created when missing).")
        var db: String

        @OptionGroup var profiles: ProfileOptions

        @OptionGroup var erp: ERPOptions

        @Flag(help: "One poll, then exit.")
        var once = false

        @Option(help: "Seconds between polls of every partner without --once (default: each partner's own pollIntervalSeconds).")
        var interval: Int?

        @Option(help: "Seconds one partner's poll may go on claiming files; the rest wait for its next poll.")
        var pollBudgetSeconds: Double = 300

        @Option(help: "Partners polled at once: a slow partner or ERP holds one slot, never the others.")
        var partnerConcurrency: Int = 4

        @Option(help: "Files of one partner processed at once (files sharing a PO number still go one after another, in order).")
        var fileConcurrency: Int = 4

        @Option(name: .customLong("minimum-free-mb"), help: "Below this many MB free on the store's or the staging folder's disk, no new file is taken or processed (default 64; 0 turns the check off).")
        var minimumFreeMB = Double(GatewayPipeline.defaultMinimumFreeBytes >> 20)

        @Option(help: "Private folder for downloads in progress (created owner-only; default: <db>.staging beside the database).")
        var staging: String?

        @Option(help: "Seconds a claimed file stays leased to this process without renewal; another process takes it over only after that (or at once when this process is gone).")
        var leaseSeconds: Double = 60

        func validate() throws {
            guard (erp.erpUrl == nil) != (erp.erpConfig == nil) else {
                throw ValidationError("give exactly one of --erp-url URL or --erp-config FILE")
            }
        }

        /// The ERP connection from --erp-config or --erp-url, checked before anything is opened.
        func erpConnection() throws(ExitCode) -> ERPConnection {
            do {
                guard let connection = try erp.connection() else { throw ValidationError("give exactly one of --erp-url URL or --erp-config FILE") }
                return connection
            } catch {
                StandardStreams.writeErr("edigate gateway poll: \(erp.erpConfig == nil ? "--erp-url: " : "")\(error)")
                throw ExitCode(2)
            }
        }

        func run() async throws {
            let connection = try erpConnection()
            let directory: PartnerDirectory
            do { directory = try PartnerDirectory(directory: profiles.partners) } catch {
                StandardStreams.writeErr("\(error)")
                throw ExitCode(2)
            }
            let store: GatewayStore
            do { store = try GatewayStore.open(location: db) } catch {
                StandardStreams.writeErr("edigate gateway poll: \(error)")
                throw ExitCode(2)
            }
            let client: HTTPERPClient
            do { client = try HTTPERPClient(connection: connection) } catch {
                StandardStreams.writeErr("edigate gateway poll: \(erp.erpConfig ?? "--erp-url"): \(error)")
                throw ExitCode(2)
            }
            // Beside the database, not in a shared /tmp: nobody else may plant files or links there.
            guard staging != nil || !PostgresStoreLocation.isPostgres(db) else {
                StandardStreams.writeErr("edigate gateway poll: --staging is required with a PostgreSQL store (a private folder for downloads in progress)")
                throw ExitCode(2)
            }
            let stagingURL = URL(fileURLWithPath: staging ?? db + ".staging")
            do { try StagingDirectory.prepare(stagingURL) } catch {
                StandardStreams.writeErr("edigate gateway poll: \(error)")
                throw ExitCode(2)
            }
            // A one-shot run has no next poll to complete the two-listings readiness check.
            // Maps are loaded and checked once, here, for every partner: a broken map stops the
            // run before any file is taken, rather than failing the first document that needs it.
            let catalog: MapCatalog
            do { catalog = try profiles.catalog() } catch {
                StandardStreams.writeErr("edigate gateway poll: \(error)")
                throw ExitCode(2)
            }
            for id in directory.profiles.keys.sorted() {
                let errors = catalog.checkAll(partner: id)
                guard errors.isEmpty else {
                    StandardStreams.writeErr("edigate gateway poll: maps for partner \(id):\n" + errors.map(\.description).joined(separator: "\n"))
                    throw ExitCode(2)
                }
            }
            let pipeline = GatewayPipeline(store: store, partners: directory, maps: catalog, library: try CommandSupport.schemaLibrary(),
                                           orders: OrderValidator(client: client), stagingDirectory: stagingURL,
                                           relistDelay: once ? .seconds(2) : nil, leaseSeconds: max(1, leaseSeconds),
                                           pollBudget: .milliseconds(Int64(max(1, pollBudgetSeconds) * 1000)), partnerConcurrency: partnerConcurrency,
                                           fileConcurrency: fileConcurrency, minimumFreeBytes: Int64(max(0, minimumFreeMB) * 1_048_576))
            // One JSON line per file, written as the file ends (write(2), nothing buffered).
            let settled = SettledFlag()
            await pipeline.setReportSink { report in
                if report.outcome != .done, report.outcome != .duplicate { settled.clear() }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                if let line = try? encoder.encode(report) { StandardStreams.writeOut(Array(line) + [UInt8(ascii: "\n")]) }
            }
            do {
                for file in try await pipeline.recoverInterrupted() {
                    StandardStreams.writeErr("requeued inbound/\(file.id) (\(file.partner) \(file.name)), left in processing by an earlier run")
                }
            } catch {
                try? await client.shutdown()
                StandardStreams.writeErr("edigate gateway poll: \(error)")
                throw ExitCode(2)
            }
            // SIGTERM/SIGINT end the run: files under way finish (their steps are recorded as
            // they go), nothing new is claimed, and the process exits.
            let work = Task {
                if once { _ = await pipeline.poll() } else { await pipeline.run(interval: interval.map { .seconds(max(1, $0)) }) }
            }
            let signals = StopSignals { work.cancel() }
            await work.value
            signals.cancel()
            try await client.shutdown()
            if !settled.value { throw ExitCode(2) }
        }
    }
}

/// Whether every file of a run ended done or duplicate; cleared from the report sink.
final class SettledFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var settled = true
    var value: Bool { lock.withLock { settled } }
    func clear() { lock.withLock { settled = false } }
}
