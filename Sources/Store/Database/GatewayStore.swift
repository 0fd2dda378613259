import Foundation
import GRDB

/// The gateway's durable memory: inbound files and their bytes, the steps done for each, orders
/// with their lines, shipments and invoices, the outbox of interchanges we send and the
/// acknowledgments that answer them, control numbers and the audit trail.
///
/// Every state change and its audit entry commit in one transaction, and a commit is on disk
/// before the call returns, so whatever the gateway did next (archive on the server, send to
/// the ERP, upload) happened after the record was safe. Several stores, in one process or
/// several, may open the same file: SQLite serialises their writes, and leases keep two
/// workers off one file.
///
/// The logic is written once over `StoreDatabase`; SQLite (`SQLiteStoreDatabase`) and
/// PostgreSQL (module `PostgresStore`) supply the transactions.
public final class GatewayStore: Sendable {
    /// The SQLite file, or nil for a store in memory (tests) or on a database server.
    public let path: String?
    public let database: any StoreDatabase
    public let audit: AuditTrail
    /// The store's notion of now: lease expiry and takeovers are judged by it.
    let clock: @Sendable () -> Date
    /// Where files over `largestInlineContent` are kept; nil keeps every file in the database
    /// (a store in memory), up to `largestRecordedFile`.
    public let contentFolder: InboundContentFolder?
    /// Files up to this size stay in the database (`largestInlineContent` unless a test asks
    /// for less), larger ones go to `contentFolder`.
    public let inlineContentLimit: Int

    public convenience init(path: String, inlineContentLimit: Int = GatewayStore.largestInlineContent) throws {
        try self.init(path: path, database: try GatewayDatabase.open(path: path), inlineContentLimit: inlineContentLimit)
    }

    /// A store over any GRDB writer, migrated; `clock` stands in for the wall clock in tests.
    public convenience init(path: String? = nil, database: any DatabaseWriter, clock: @escaping @Sendable () -> Date = { Date() }, migrate: Bool = true,
                            contentFolder: InboundContentFolder? = nil, inlineContentLimit: Int = GatewayStore.largestInlineContent) throws {
        try self.init(path: path, database: SQLiteStoreDatabase(database, location: path), clock: clock, migrate: migrate,
                      contentFolder: contentFolder, inlineContentLimit: inlineContentLimit)
    }

    /// A store over either engine, migrated unless `migrate` is false; `clock` stands in for
    /// the wall clock in tests. A store without a `path` and without a `contentFolder` keeps
    /// every file in the database.
    public init(path: String? = nil, database: any StoreDatabase, clock: @escaping @Sendable () -> Date = { Date() }, migrate: Bool = true,
                contentFolder: InboundContentFolder? = nil, inlineContentLimit: Int = GatewayStore.largestInlineContent) throws {
        self.path = path
        self.database = database
        self.clock = clock
        self.contentFolder = contentFolder ?? path.map(InboundContentFolder.init(besideStore:))
        self.inlineContentLimit = inlineContentLimit
        // Idempotent: a file opened by GatewayDatabase is migrated already, a new writer is now.
        if migrate { try database.migrate() }
        self.audit = AuditTrail(database: database)
    }

    /// An existing store opened read-only (finance's copy, reports): nothing is created,
    /// migrated or written; a store of another version is refused.
    public static func openReadOnly(path: String) throws -> GatewayStore {
        try GatewayStore(path: path, database: try GatewayDatabase.openReadOnly(path: path), migrate: false)
    }

    /// A fresh store in memory: for tests that need no file and no process boundary.
    public static func inMemory(clock: @escaping @Sendable () -> Date = { Date() }, contentFolder: InboundContentFolder? = nil) throws -> GatewayStore {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        return try GatewayStore(database: try DatabaseQueue(configuration: configuration), clock: clock, contentFolder: contentFolder)
    }

    /// Control numbers from this store's file.
    public func controlNumbers(ranges: ControlNumberRanges = ControlNumberRanges()) -> DurableControlNumberSource {
        DurableControlNumberSource(database: database, ranges: ranges)
    }
}
