import ArgumentParser
import ERP
import Foundation
import Gateway
import Partners
import PostgresStore
import Store
import Transport

/// `edigate gateway catalog`: one 832 price catalog to one partner, now.
struct GatewayCatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Publish a partner an 832 price catalog of the prices the ERP would honour today.",
        discussion: """
        Asks the ERP's prices (never cached) for the items of the partner's profile (catalog:
        items) and publishes what changed since the last catalog (all of it with --full, or when
        the profile says deltas: false) as one 832 through the outbox: each price effective
        today, ending when the ERP says it ends. Every published price is recorded with the 832
        that carried it. Prints one JSON line: partner, outcome (sent, pending, unchanged, held),
        items, interchange, file, unpriced, reason. Exit status: 0 sent, pending or unchanged;
        1 held (the ERP could not answer: nothing was published); 2 the database, profile or
        transport failed.
        """
    )

    @Option(help: "The gateway's database (SQLite file or postgres:// URL).")
    var db: String

    @Option(help: "Partner ID (<partners>/<id>.yaml).")
    var partner: String

    @Flag(help: "Every item, not only what changed since the last catalog.")
    var full = false

    @OptionGroup var profiles: ProfileOptions
    @OptionGroup var erp: ERPOptions

    func run() async throws {
        try await GatewayItemDocumentSetup.run("catalog", db: db, partner: partner, profiles: profiles, erp: erp) { sender in
            try await sender.publishCatalog(full: full, reason: full ? "on demand (full)" : "on demand")
        }
    }
}

/// What `gateway inventory` and `gateway catalog` share: the partner's profile and transport,
/// the store and an ERP client opened, one report printed as a JSON line, the exit status
/// (0 sent, pending or unchanged; 1 held; 2 something could not be opened or failed).
enum GatewayItemDocumentSetup {
    static func run(_ command: String, db: String, partner: String, profiles: ProfileOptions, erp: ERPOptions,
                    _ body: (ItemDocumentSender) async throws -> any ItemDocumentReport) async throws {
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
            StandardStreams.writeErr("edigate gateway \(command): \(error)")
            throw ExitCode(2)
        }
        let sender = ItemDocumentSender(store: store, profile: profile, transport: transport, library: try CommandSupport.schemaLibrary(),
                                        maps: try profiles.catalog(), client: client)
        var exitCode: Int32 = 0
        do {
            let report = try await body(sender)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            StandardStreams.writeOut(Array(try encoder.encode(report)) + [0x0A])
            if report.outcome == .held { exitCode = 1 }
        } catch {
            StandardStreams.writeErr("edigate gateway \(command): \(error)")
            exitCode = 2
        }
        await transport.close()
        try? await client.shutdown()
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
