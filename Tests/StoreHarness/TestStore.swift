import Foundation
import GRDB
import PostgresStore
import Store

/// The store the behavioural tests run against: SQLite by default, PostgreSQL when
/// `EDIGATE_TEST_STORE=postgres` (`make test` runs the store's behavioural tests both ways).
///
/// A test names its store by a SQLite path; on PostgreSQL each distinct path is a database of
/// its own on the test server, so a test that reopens "the same file" reopens the same store.
public enum TestStore {
    public static var isPostgres: Bool { ProcessInfo.processInfo.environment["EDIGATE_TEST_STORE"] == "postgres" }

    public static func open(path: String, inlineContentLimit: Int = GatewayStore.largestInlineContent) throws -> GatewayStore {
        guard isPostgres else { return try GatewayStore(path: path, inlineContentLimit: inlineContentLimit) }
        // The content folder stays beside the named path, as it does for a SQLite store.
        return try GatewayStore.open(location: try location(for: path), inlineContentLimit: inlineContentLimit,
                                     contentFolder: InboundContentFolder(besideStore: path))
    }

    /// The location `open(path:)` uses: the path itself, or its PostgreSQL database.
    public static func location(for path: String) throws -> String {
        guard isPostgres else { return path }
        return try PostgresTestServer.shared.location(database: databaseName(for: path))
    }

    static func databaseName(for path: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "t_" + String(hash, radix: 16)
    }
}

extension TestStore {
    /// Plain SQL on a connection of its own, as someone with sqlite3 or psql would run it.
    public static func execute(path: String, _ sql: String) throws {
        guard isPostgres else {
            try DatabaseQueue(path: path).inDatabase { try $0.execute(sql: sql) }
            return
        }
        try PostgresTestServer.shared.psql(sql, database: databaseName(for: path))
    }

    /// Tampering with the audit trail: its append-only triggers removed first (what a person
    /// with write access to the database can do), then `sql`.
    public static func tamper(path: String, _ sql: String) throws {
        guard isPostgres else {
            try DatabaseQueue(path: path).inDatabase { db in
                try db.execute(sql: "DROP TRIGGER audit_log_refuses_update; DROP TRIGGER audit_log_refuses_delete;")
                try db.execute(sql: sql)
            }
            return
        }
        try PostgresTestServer.shared.psql("ALTER TABLE audit_log DISABLE TRIGGER USER", database: databaseName(for: path))
        try PostgresTestServer.shared.psql(sql, database: databaseName(for: path))
    }
}
