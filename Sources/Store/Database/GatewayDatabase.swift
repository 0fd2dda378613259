import Foundation
import GRDB

/// Opens the gateway's SQLite file. Every commit is fsynced before it returns (WAL with
/// `synchronous = FULL`): the store's promise "recorded before acted on" is only as good as that.
public enum GatewayDatabase {
    /// Opens (creating if needed) and migrates the database at `path` for reading and writing.
    /// Several pools (processes) may share one file: writers wait for each other up to `busyTimeout`.
    public static func open(path: String, busyTimeout: TimeInterval = 30) throws -> DatabasePool {
        // A database URL would otherwise become a SQLite file named after it; URLs are for
        // GatewayStore.open(location:), which knows both engines.
        if let separator = path.range(of: "://"), !path[..<separator.lowerBound].contains("/") {
            throw GatewayStoreError.cannotOpen(path: path, reason: "a URL, not a SQLite file path (a postgres:// store opens through GatewayStore.open(location:); docs/scaling.md)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // WAL's default NORMAL may lose the last commits on power loss; a recorded file must not be.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try GatewaySchema.migrator.migrate(pool)
            return pool
        } catch {
            throw GatewayStoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Opens an existing database without creating or migrating anything: for `edigate audit`,
    /// which must be able to check a copy that finance was handed, and must not alter it.
    public static func openReadOnly(path: String) throws -> DatabaseQueue {
        guard FileManager.default.fileExists(atPath: path) else {
            throw GatewayStoreError.cannotOpen(path: path, reason: "no such file")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        let queue: DatabaseQueue
        let applied: Set<String>
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            applied = try queue.read { db in try GatewaySchema.migrator.appliedIdentifiers(db) }
        } catch {
            throw GatewayStoreError.cannotOpen(path: path, reason: "\(error)")
        }
        let missing = GatewaySchema.migrator.migrations.filter { !applied.contains($0) }
        guard missing.isEmpty else { throw GatewayStoreError.notAGatewayDatabase(path: path, missingMigrations: missing) }
        return queue
    }
}
