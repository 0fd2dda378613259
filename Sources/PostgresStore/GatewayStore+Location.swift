import Foundation
import Store

extension GatewayStore {
    /// Opens the store at `location`: a SQLite file path (the default engine), or a
    /// `postgres://USER@HOST:PORT/DATABASE?password=env:NAME` URL. The one place that knows
    /// both engines: the service, the console and every command open their store here.
    public static func open(location: String, inlineContentLimit: Int = GatewayStore.largestInlineContent,
                            contentFolder: InboundContentFolder? = nil) throws -> GatewayStore {
        guard PostgresStoreLocation.isPostgres(location) else {
            return try GatewayStore(path: location, inlineContentLimit: inlineContentLimit)
        }
        let database = try PostgresStoreDatabase(try PostgresStoreLocation(parsing: location))
        return try GatewayStore(database: database, contentFolder: contentFolder, inlineContentLimit: inlineContentLimit)
    }
}

extension GatewayStore {
    /// An existing store, for readers (audit, trace, reports): nothing is created or migrated.
    /// A SQLite file is opened read-only; a PostgreSQL store must be at this version's schema.
    public static func openExisting(location: String) throws -> GatewayStore {
        guard PostgresStoreLocation.isPostgres(location) else { return try GatewayStore.openReadOnly(path: location) }
        let database = try PostgresStoreDatabase(try PostgresStoreLocation(parsing: location))
        let missing = try database.missingMigrations()
        guard missing.isEmpty else { throw GatewayStoreError.notAGatewayDatabase(path: database.location, missingMigrations: missing) }
        return try GatewayStore(database: database, migrate: false)
    }

    /// Whether there is a store at `location` to act on: a SQLite file must exist (a command
    /// that changes one never creates it by mistake); a server is asked when the store is opened.
    public static func exists(location: String) -> Bool {
        PostgresStoreLocation.isPostgres(location) || FileManager.default.fileExists(atPath: location)
    }
}
