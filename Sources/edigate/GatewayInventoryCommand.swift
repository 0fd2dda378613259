import ArgumentParser
import ERP
import Foundation
import Gateway
import Partners
import PostgresStore
import Store
import Transport

/// `edigate gateway inventory`: one 846 inventory advice to one partner, now.
struct GatewayInventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Send a partner an 846 inventory advice from the ERP's available-to-promise.",
        discussion: """
        Asks the ERP's availability for the items of the partner's profile (inventory: items) at
        its warehouses, and sends what changed since the last advice (all of it with --full, or
        when the profile says deltas: false) as one 846 through the outbox, recorded with what
        it told. Prints one JSON line: partner, outcome (sent, pending, unchanged, held), items,
        interchange, file, unknown (items the ERP does not know), reason. Exit status: 0 sent,
        pending or unchanged; 1 held (the ERP could not answer: nothing was told); 2 the
        database, profile or transport failed.
        """
    )

    @Option(help: "The gateway's database (SQLite file or postgres:// URL).")
    var db: String

    @Option(help: "Partner ID (<partners>/<id>.yaml).")
    var partner: String

    @Flag(help: "Every item and warehouse, not only what changed since the last advice.")
    var full = false

    @OptionGroup var profiles: ProfileOptions
    @OptionGroup var erp: ERPOptions

    func run() async throws {
        let profile: PartnerProfile
        let store: GatewayStore
        let client: HTTPERPClient
        let transport: any Transport
        do {
            profile = try profiles.profile(partner)
            guard let connection = try erp.connection() else { throw CommandFailure("--erp-url or --erp-config is required") }
            client = try HTTPERPClient(connection: connection)
            store = try GatewayStore.open(location: db)
            transport = try profile.transport.makeTransport()
        } catch {
            StandardStreams.writeErr("edigate gateway inventory: \(error)")
            throw ExitCode(2)
        }
        let adviser = InventoryAdviser(store: store, profile: profile, transport: transport, library: try CommandSupport.schemaLibrary(),
                                       maps: try profiles.catalog(), client: client)
        var exitCode: Int32 = 0
        do {
            let report = try await adviser.advise(full: full, reason: full ? "on demand (full)" : "on demand")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            StandardStreams.writeOut(Array(try encoder.encode(report)) + [0x0A])
            if report.outcome == .held { exitCode = 1 }
        } catch {
            StandardStreams.writeErr("edigate gateway inventory: \(error)")
            exitCode = 2
        }
        await transport.close()
        try? await client.shutdown()
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
