import ArgumentParser
import ERP
import Foundation
import Gateway
import Partners
import PostgresStore
import Store

/// `edigate gateway ship-tos`: partners' proposed ship-to changes (816), decided and applied
/// from a script or a terminal as the console does it.
struct GatewayShipTosCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ship-tos",
        abstract: "List, approve, reject or apply the ship-to changes partners' location lists (816) proposed.",
        discussion: """
        Without an action, prints one JSON line per change (newest first): id, partner,
        locationCode, kind (new, changed, closed), location, inboundID, status (pending,
        approved, rejected, applied, failed, superseded), decidedBy, erpShipToID, error.
        --approve ID / --reject ID decide one change as --by (recorded in the audit trail);
        --apply takes every approved change to the ERP (--erp-url or --erp-config) and prints
        one JSON line per change: change, partner, location, kind, result (applied, waiting,
        refused, noProfile), shipTo, released (files whose orders waited, back in line), reason.
        Exit status: 0 done; 1 a change was refused or could not be applied; 2 bad arguments or
        the database could not be opened.
        """
    )

    @Option(help: "The gateway's database (SQLite file or postgres:// URL).")
    var db: String

    @Option(help: "Only this partner's changes.")
    var partner: String?

    @Option(help: "Only changes in this status (pending, approved, rejected, applied, failed, superseded).")
    var status: String?

    @Option(help: ArgumentHelp("Approve this change.", valueName: "id"))
    var approve: Int64?

    @Option(help: ArgumentHelp("Reject this change.", valueName: "id"))
    var reject: Int64?

    @Option(help: "Who decides (required with --approve and --reject).")
    var by: String?

    @Option(help: "Why (kept with the decision).")
    var note: String?

    @Flag(help: "Apply every approved change to the ERP's ship-to master.")
    var apply = false

    @OptionGroup var profiles: ProfileOptions
    @OptionGroup var erp: ERPOptions

    func validate() throws {
        if approve != nil, reject != nil { throw ValidationError("--approve and --reject: one change at a time") }
        if approve != nil || reject != nil, (by ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--by NAME: who decides") }
        if let status, ShipToChangeRecord.Status(rawValue: status) == nil { throw ValidationError("--status \(status): one of \(ShipToChangeRecord.Status.allCases.map(\.rawValue).joined(separator: ", "))") }
    }

    func run() async throws {
        let store: GatewayStore
        do { store = try GatewayStore.open(location: db) } catch {
            StandardStreams.writeErr("edigate gateway ship-tos: \(error)")
            throw ExitCode(2)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let id = approve ?? reject {
            do {
                let decided = try await store.decideShipToChange(id, approve: approve != nil, by: by ?? "", note: note)
                StandardStreams.writeOut(Array(try encoder.encode(decided)) + [0x0A])
            } catch {
                StandardStreams.writeErr("edigate gateway ship-tos: \(error)")
                throw ExitCode(1)
            }
            if !apply { return }
        }
        if apply {
            let client: HTTPERPClient
            let directory: PartnerDirectory
            do {
                guard let connection = try erp.connection() else { throw CommandFailure("--apply needs --erp-url or --erp-config") }
                client = try HTTPERPClient(connection: connection)
                directory = try PartnerDirectory(directory: profiles.partners)
            } catch {
                StandardStreams.writeErr("edigate gateway ship-tos: \(error)")
                throw ExitCode(2)
            }
            var failed = false
            do {
                let outcomes = try await ShipToApplier(store: store, client: client, profiles: Array(directory.profiles.values)).applyApproved(partner: partner)
                for outcome in outcomes {
                    StandardStreams.writeOut(Array(try encoder.encode(outcome)) + [0x0A])
                    if outcome.result != .applied { failed = true }
                }
            } catch {
                StandardStreams.writeErr("edigate gateway ship-tos: \(error)")
                failed = true
            }
            try? await client.shutdown()
            if failed { throw ExitCode(1) }
            return
        }
        let changes = try await store.shipToChanges(partner: partner, status: status.flatMap(ShipToChangeRecord.Status.init(rawValue:)))
        for change in changes { StandardStreams.writeOut(Array(try encoder.encode(change)) + [0x0A]) }
    }
}
