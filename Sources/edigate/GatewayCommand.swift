import ArgumentParser
import ERP
import Foundation
import Gateway
import Partners
import Transport

struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "Run the gateway pipeline: pickup, acknowledgments, ERP, 855.",
        subcommands: [Poll.self, GatewaySendCommand.self, GatewayReleaseCommand.self]
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
            """
        )

        @Option(help: "The gateway's SQLite file (created when missing).")
        var db: String

        @Option(help: "Folder of partner profiles.")
        var partners = "Partners"

        @Option(help: "Folder of maps.")
        var maps = "Maps"

        @Option(help: "ERP base URL, e.g. http://127.0.0.1:8085.")
        var erpUrl: String

        @Flag(help: "One poll, then exit.")
        var once = false

        @Option(help: "Seconds between polls without --once (default: the smallest pollIntervalSeconds of the profiles).")
        var interval: Int?

        @Option(help: "Private folder for downloads in progress (created owner-only; default: <db>.staging beside the database).")
        var staging: String?

        @Option(help: "Seconds a claimed file stays leased to this process without renewal; another process takes it over only after that (or at once when this process is gone).")
        var leaseSeconds: Double = 60

        func run() async throws {
            let directory: PartnerDirectory
            do { directory = try PartnerDirectory(directory: partners) } catch {
                StandardStreams.writeErr("\(error)")
                throw ExitCode(2)
            }
            let store: GatewayStore
            do { store = try GatewayStore(path: db) } catch {
                StandardStreams.writeErr("edigate gateway poll: \(error)")
                throw ExitCode(2)
            }
            let client = try HTTPERPClient(connection: ERPConnection(baseURL: erpUrl))
            // Beside the database, not in a shared /tmp: nobody else may plant files or links there.
            let stagingURL = URL(fileURLWithPath: staging ?? db + ".staging")
            do { try StagingDirectory.prepare(stagingURL) } catch {
                StandardStreams.writeErr("edigate gateway poll: \(error)")
                throw ExitCode(2)
            }
            // A one-shot run has no next poll to complete the two-listings readiness check.
            let pipeline = GatewayPipeline(store: store, partners: directory, mapsDirectory: maps, library: try CommandSupport.schemaLibrary(),
                                           orders: OrderValidator(client: client), stagingDirectory: stagingURL,
                                           relistDelay: once ? .seconds(2) : nil, leaseSeconds: max(1, leaseSeconds))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var allSettled = true
            do {
                for file in try await pipeline.recoverInterrupted() {
                    StandardStreams.writeErr("requeued inbound/\(file.id) (\(file.partner) \(file.name)), left in processing by an earlier run")
                }
                let seconds = interval ?? directory.profiles.values.map(\.transport.pollIntervalSeconds).min() ?? 60
                repeat {
                    for report in await pipeline.poll() {
                        if report.outcome != .done, report.outcome != .duplicate { allSettled = false }
                        StandardStreams.writeOut(Array(try encoder.encode(report)) + [UInt8(ascii: "\n")])
                    }
                    if !once { try await Task.sleep(for: .seconds(max(1, seconds))) }
                } while !once
            } catch {
                try? await client.shutdown()
                StandardStreams.writeErr("edigate gateway poll: \(error)")
                throw ExitCode(2)
            }
            try await client.shutdown()
            if !allSettled { throw ExitCode(2) }
        }
    }
}
