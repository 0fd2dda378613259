/// The seam between the gateway's store and a database engine: transactions in, rows out.
///
/// `GatewayStore` holds all the store's logic (what is recorded, when, with which audit entry)
/// once, over this protocol; an engine supplies transactions and the few things that differ
/// (`StoreConnection.lock`, row locks, its migrations). Two implementations: SQLite through
/// GRDB (`SQLiteStoreDatabase`, the default, embedded) and PostgreSQL through postgres-nio
/// (module `PostgresStore`, for several instances sharing one store; docs/scaling.md).
public protocol StoreDatabase: Sendable {
    /// "sqlite" or "postgresql": shown by `edigate status` and in errors.
    var engine: String { get }
    /// Where the store is, for people: a file path, or a URL without its password.
    var location: String { get }

    /// Runs `body` in one write transaction, committed (durably) before this returns; rolled
    /// back when `body` throws. Write transactions of one store run one at a time, across
    /// processes and instances (SQLite's writer lock; on PostgreSQL an advisory lock taken at
    /// BEGIN): a read followed by a write in `body` is never stale, the audit chain stays one
    /// line, and a control number is drawn once. An engine may run `body` again after a conflict it resolved by
    /// rolling back (PostgreSQL: deadlock, serialization failure), so `body` must do nothing
    /// but database work.
    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T
    /// Runs `body` on one consistent snapshot, without writing.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T

    /// Brings the schema up to date (idempotent).
    func migrate() throws
    /// The schema's migrations not applied to this database: empty for a usable store.
    func missingMigrations() throws -> [String]
    /// Releases connections; further calls fail.
    func close() async throws
}

/// The schema's migrations, in order. Both engines carry the same identifiers: a store of
/// either engine at the same version holds the same tables and columns.
public enum StoreMigrations {
    public static let identifiers = ["v1", "v2-state-outbox-leases", "v3-service", "v4-invoice-matches", "v5-content-folder", "v6-partner-polls", "v7-changes-inventory", "v8-ship-to-changes"]
}
