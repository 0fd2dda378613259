import Foundation
import GRDB

/// The store on SQLite, through GRDB: the default, embedded, nothing to install.
///
/// SQLite runs one write transaction at a time (across processes too, through its file lock),
/// so `lock` has nothing to add and a read that precedes a write in one transaction is never
/// stale. Every commit is fsynced before `write` returns (`GatewayDatabase.open`).
public struct SQLiteStoreDatabase: StoreDatabase {
    public let writer: any DatabaseWriter
    public let location: String
    public var engine: String { "sqlite" }

    public init(_ writer: any DatabaseWriter, location: String? = nil) {
        self.writer = writer
        self.location = location ?? (writer.path.isEmpty ? ":memory:" : writer.path)
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T {
        try await writer.write { db in try body(SQLiteStoreConnection(db)) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T {
        try await writer.read { db in try body(SQLiteStoreConnection(db)) }
    }

    public func migrate() throws {
        try GatewaySchema.migrator.migrate(writer)
    }

    public func missingMigrations() throws -> [String] {
        let applied = try writer.read { db in try GatewaySchema.migrator.appliedIdentifiers(db) }
        return GatewaySchema.migrator.migrations.filter { !applied.contains($0) }
    }

    public func close() async throws {
        try writer.close()
    }
}
