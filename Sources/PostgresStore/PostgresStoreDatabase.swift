import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import PostgresNIO
import Store

/// The store on PostgreSQL, for several gateway instances sharing one store (docs/scaling.md).
///
/// The store's statements are synchronous code between BEGIN and COMMIT (`StoreConnection`);
/// here each transaction runs on a thread of a small pool with a connection of its own, so
/// waiting on the server never blocks Swift's cooperative threads or an event loop. A write
/// transaction takes the store's advisory write lock first (the chain is one line across
/// instances, and one lock order leaves nothing to deadlock on), then runs at READ COMMITTED
/// with the row locks the store asks for (`FOR UPDATE` on rows about to change, `SKIP LOCKED`
/// on claims); reads run on a snapshot, concurrently with everything. A transaction PostgreSQL
/// rolled back to resolve a conflict (deadlock, serialization failure, two inserts of one key)
/// is run again. Commits are durable before `write` returns (`synchronous_commit`, on by default).
public struct PostgresStoreDatabase: StoreDatabase {
    public let location: String
    public var engine: String { "postgresql" }
    private let pool: PostgresConnectionPool

    /// How many times a transaction rolled back by a conflict is run before the error is thrown.
    static let maxAttempts = 12
    /// The advisory lock every write transaction holds from BEGIN to its end.
    static let writeLock = "audit-trail"

    public init(_ location: PostgresStoreLocation, logger: Logger = Logger(label: "edigate.store.postgres")) throws {
        self.location = location.description
        let password: String?
        do { password = try location.password?.resolve() } catch {
            throw PostgresStoreError.cannotConnect(location: location.description, reason: "\(error)")
        }
        var configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.username,
                                                             password: password, database: location.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        pool = PostgresConnectionPool(configuration: configuration, size: location.connections, location: location.description, logger: logger)
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T {
        // The body runs on a pool thread, where the caller's task-local values are not: who
        // asked (`AuditCaller`, written into audit entries) goes along explicitly.
        let caller = AuditCaller.name
        return try await pool.run { connection in
            try AuditCaller.$name.withValue(caller) { try Self.transaction(on: connection, readOnly: false, body) }
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T {
        try await pool.run { connection in try Self.transaction(on: connection, readOnly: true, body) }
    }

    public func migrate() throws {
        try pool.runBlocking { connection in
            try Self.transaction(on: connection, readOnly: false) { db in try PostgresSchema.migrate(db) }
        }
    }

    public func missingMigrations() throws -> [String] {
        try pool.runBlocking { connection in
            try Self.transaction(on: connection, readOnly: true) { db in try PostgresSchema.missing(db) }
        }
    }

    public func close() async throws {
        try await pool.close()
    }

    private static func transaction<T>(on connection: PostgresStoreConnection, readOnly: Bool,
                                       _ body: (any StoreConnection) throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                // A read sees one snapshot across its statements, as a SQLite read does.
                try connection.execute(sql: readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
                // Writers take the store's write lock first, as SQLite's writers do: the audit
                // chain stays one line and control numbers are drawn once. Taken at the first
                // append instead, after row locks, it made instances deadlock (PostgreSQL breaks
                // each after deadlock_timeout, a second: 13 times slower than SQLite). The writes
                // are short, and everything between them runs in parallel.
                if !readOnly { try connection.lock(Self.writeLock) }
                let value = try body(connection)
                try connection.execute(sql: "COMMIT")
                return value
            } catch {
                if !connection.broken { try? connection.execute(sql: "ROLLBACK") }
                guard let failure = error as? PostgresStoreError, failure.isRetryable, !connection.broken, attempt < maxAttempts else { throw error }
                // Back off a little, more each time, so the conflicting transactions do not meet again.
                usleep(UInt32.random(in: 0...UInt32(1_000 * attempt * attempt)))
            }
        }
    }
}

/// Connections and the threads that drive them: one connection per thread at most, opened
/// on first need, a failed one closed and replaced by the next transaction.
final class PostgresConnectionPool: Sendable {
    private let configuration: PostgresConnection.Configuration
    private let location: String
    private let logger: Logger
    private let threads: NIOThreadPool
    private let state = NIOLockedValueBox(State())
    private let nextID = ConnectionNumbers()

    private struct State {
        var idle: [PostgresConnection] = []
        var closed = false
    }

    init(configuration: PostgresConnection.Configuration, size: Int, location: String, logger: Logger) {
        self.configuration = configuration
        self.location = location
        self.logger = logger
        threads = NIOThreadPool(numberOfThreads: size)
        threads.start()
    }

    deinit {
        let idle = state.withLockedValue { state in
            defer { state.idle = [] }
            return state.idle
        }
        for connection in idle { Self.closeInBackground(connection) }
        threads.shutdownGracefully { _ in }
    }

    func run<T: Sendable>(_ work: @escaping @Sendable (PostgresStoreConnection) throws -> T) async throws -> T {
        try await threads.runIfActive { try self.withConnection(work) }
    }

    /// For the synchronous entry points (migrations at open): blocks the caller.
    func runBlocking<T>(_ work: (PostgresStoreConnection) throws -> T) throws -> T {
        try withConnection(work)
    }

    func close() async throws {
        let idle = state.withLockedValue { state in
            state.closed = true
            defer { state.idle = [] }
            return state.idle
        }
        for connection in idle { try? await connection.close() }
        try await threads.shutdownGracefully()
    }

    private func withConnection<T>(_ work: (PostgresStoreConnection) throws -> T) throws -> T {
        let connection = PostgresStoreConnection(try take(), logger: logger)
        defer { give(connection.connection, broken: connection.broken) }
        return try work(connection)
    }

    private func take() throws -> PostgresConnection {
        let reused: PostgresConnection?? = state.withLockedValue { state in state.closed ? .none : .some(state.idle.popLast()) }
        guard let reused else { throw PostgresStoreError.closed(location: location) }
        if let reused { return reused }
        do {
            return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                                                  id: nextID.next(), logger: logger).wait()
        } catch let error as PSQLError {
            throw PostgresStoreError.cannotConnect(location: location, reason: error.serverInfo?[.message] ?? String(reflecting: error))
        } catch {
            throw PostgresStoreError.cannotConnect(location: location, reason: "\(error)")
        }
    }

    private func give(_ connection: PostgresConnection, broken: Bool) {
        let keep = !broken && state.withLockedValue { state in
            guard !state.closed else { return false }
            state.idle.append(connection)
            return true
        }
        if !keep { Self.closeInBackground(connection) }
    }

    /// The driver insists a connection is closed before it goes: it is kept until the close is done.
    private static func closeInBackground(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }
}

/// Connection ids for the driver's logs, one number per connection opened.
final class ConnectionNumbers: Sendable {
    private let value = NIOLockedValueBox(0)
    func next() -> Int { value.withLockedValue { $0 += 1; return $0 } }
}
