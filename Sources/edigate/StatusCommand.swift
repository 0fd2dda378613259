import ArgumentParser
import Foundation
import Gateway
import Partners
import PostgresStore
import Service
import Store

/// `edigate status`: the picture `/metrics` gives a machine, for a person.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where each partner stands: files by state, outbox, acknowledgments awaited and overdue, alerts.",
        discussion: """
        Reads the store (opened as a service would, so a store of an older version is upgraded);
        --config takes the store and the partners (for their acknowledgment windows) from the
        service configuration. The text form ends with the free space on the store's disk.
        Exit status: 0; 1 when anything needs a person (failed, held for a person, dead
        letters, quarantined, overdue or owed acknowledgments, undelivered alerts, ship-to
        changes (816) to approve or refused by the ERP, the store's disk below the reserve,
        poll.minimumFreeMB or 64 MB); 2 when the store cannot be read.
        """
    )

    @Option(help: "The service configuration (takes the store and partners from it).")
    var config: String?

    @Option(help: "The gateway's SQLite file.")
    var db: String?

    @Option(help: "Folder of partner profiles (for their acknowledgment windows).")
    var partners: String?

    @Option(help: "text or json.")
    var format: String = "text"

    func validate() throws {
        guard (config == nil) != (db == nil) else { throw ValidationError("give exactly one of --config or --db") }
        guard ["text", "json"].contains(format) else { throw ValidationError("--format is text or json") }
    }

    func run() async throws {
        var storePath = db ?? ""
        var partnersPath = partners
        var reserveMB = Double(GatewayPipeline.defaultMinimumFreeBytes >> 20)
        if let config {
            let settings = try CommandSupport.serviceConfiguration(config, command: "status")
            storePath = settings.store
            partnersPath = partnersPath ?? settings.partners
            reserveMB = settings.poll.minimumFreeMB
        }
        guard GatewayStore.exists(location: storePath) else {
            StandardStreams.writeErr("edigate status: no database \(storePath)")
            throw ExitCode(2)
        }
        var windows: [String: AcknowledgmentWindows] = [:]
        if let partnersPath, let directory = try? PartnerDirectory(directory: partnersPath) {
            for (id, profile) in directory.profiles {
                windows[id] = AcknowledgmentWindows(expectWithinMinutes: profile.acknowledgments.expectWithinMinutes, sendWithinMinutes: profile.acknowledgments.sendWithinMinutes)
            }
        }
        let status: [PartnerStatus]
        do { status = try await GatewayStore.open(location: storePath).partnerStatus(windows: windows) } catch {
            StandardStreams.writeErr("edigate status: \(error)")
            throw ExitCode(2)
        }
        // The gateway stops taking files below the reserve (poll.minimumFreeMB): a person must act.
        // A PostgreSQL store's disk is the database server's, not this host's.
        let freeBytes = PostgresStoreLocation.isPostgres(storePath) ? nil : DiskSpace.available(at: storePath)
        let diskShort = freeBytes.map { reserveMB > 0 && $0 < Int64(reserveMB * 1_048_576) } ?? false
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            StandardStreams.writeOut(Array(try encoder.encode(status)) + [0x0A])
        } else {
            var lines = ["partner               received  done  failed  held (person)  dead  quar.  outbox  acks awaited/overdue/owed  alerts  last file"]
            for p in status {
                func n(_ state: String) -> String { String(p.inbound[state] ?? 0) }
                lines.append([p.partner.padding(toLength: 20, withPad: " ", startingAt: 0), n("received").leftPad(9), n("done").leftPad(5), n("failed").leftPad(7),
                              "\(n("held")) (\(p.heldForPerson))".leftPad(13), n("deadLetter").leftPad(5), n("quarantined").leftPad(6), String(p.outboxPending).leftPad(7),
                              "\(p.awaitingAcknowledgments)/\(p.overdueAcknowledgments)/\(p.owedAcknowledgments)".leftPad(26),
                              String(p.undeliveredAlerts).leftPad(7), "  " + (p.lastReceivedAt ?? "never")].joined(separator: " "))
            }
            let locations = status.filter { $0.shipToChangesAwaiting > 0 }
            if !locations.isEmpty {
                lines.append("")
                lines.append("ship-to changes (816) awaiting a person: " + locations.map { "\($0.partner) \($0.shipToChangesAwaiting)" }.joined(separator: ", ")
                             + " (edigate gateway ship-tos, or the console)")
            }
            if let free = freeBytes {
                lines.append("")
                lines.append("store \(storePath): \(free >> 20) MB free on its disk" + (diskShort ? ", below the reserve of \(Int(reserveMB)) MB: no new file is taken" : ""))
            }
            StandardStreams.writeOut(Array((lines.joined(separator: "\n") + "\n").utf8))
        }
        let needsAPerson = diskShort || status.contains { p in
            (p.inbound["failed"] ?? 0) + (p.inbound["deadLetter"] ?? 0) + (p.inbound["quarantined"] ?? 0) + p.heldForPerson > 0
                || p.overdueAcknowledgments + p.owedAcknowledgments + p.undeliveredAlerts + p.shipToChangesAwaiting > 0
        }
        if needsAPerson { throw ExitCode(1) }
    }
}

private extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
