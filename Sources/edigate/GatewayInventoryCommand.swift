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
        try await GatewayItemDocumentSetup.run("inventory", db: db, partner: partner, profiles: profiles, erp: erp) { sender in
            try await sender.adviseInventory(full: full, reason: full ? "on demand (full)" : "on demand")
        }
    }
}
