import Foundation
import PostgresNIO
import Store

/// One PostgreSQL connection inside one transaction, synchronous: it runs on a thread of
/// `PostgresStoreDatabase`'s pool (never an event loop), where waiting on a reply is allowed.
final class PostgresStoreConnection: StoreConnection {
    let connection: PostgresConnection
    let logger: Logger
    /// Set when the connection itself failed (not a statement): it is closed, never reused.
    private(set) var broken = false

    init(_ connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    var lockingRead: String { " FOR UPDATE" }
    var skipLocked: String { " FOR UPDATE SKIP LOCKED" }

    /// A transaction-scoped advisory lock on the name's 64-bit hash: released by COMMIT or
    /// ROLLBACK, so a crashed instance never leaves one behind.
    func lock(_ name: String) throws {
        _ = try run("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", [name])
    }

    func execute(sql: String, arguments: StoreArguments) throws {
        _ = try run(sql, arguments)
    }

    func fetchAll(sql: String, arguments: StoreArguments) throws -> [StoreRow] {
        let result = try run(sql, arguments)
        var rows: [StoreRow] = []
        rows.reserveCapacity(result.rows.count)
        for row in result.rows {
            var columns: [String] = []
            var values: [StoreValue] = []
            for cell in row {
                columns.append(cell.columnName)
                values.append(try Self.value(cell))
            }
            rows.append(StoreRow(columns: columns, values: values))
        }
        return rows
    }

    private func run(_ sql: String, _ arguments: StoreArguments) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            switch value {
            // Untyped: the server takes the type from where the parameter stands.
            case .null: binds.appendNull()
            case .integer(let integer): binds.append(integer)
            case .real(let real): binds.append(real)
            case .text(let text): binds.append(text)
            case .blob(let data): binds.append(ByteBuffer(bytes: data))
            }
        }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: PostgresPlaceholders.numbered(sql), binds: binds), logger: logger).wait()
        } catch let error as PSQLError {
            guard let server = error.serverInfo else {
                broken = true
                throw PostgresStoreError.statementFailed(sqlState: nil, message: "connection failed: \(String(reflecting: error))", statement: Self.firstLine(sql))
            }
            throw PostgresStoreError.statementFailed(sqlState: server[.sqlState], message: server[.message] ?? String(reflecting: error),
                                                     statement: Self.firstLine(sql))
        } catch {
            broken = true
            throw PostgresStoreError.statementFailed(sqlState: nil, message: "connection failed: \(error)", statement: Self.firstLine(sql))
        }
    }

    static func firstLine(_ sql: String) -> String {
        let line = sql.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// A cell as one of the store's value kinds. The schema uses BIGINT, TEXT and BYTEA;
    /// aggregates may come back as other integer types or NUMERIC (SUM of BIGINT).
    static func value(_ cell: PostgresCell) throws -> StoreValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return .blob(Data(buffer.readBytes(length: buffer.readableBytes) ?? []))
        case .numeric:
            let decimal = try cell.decode(Decimal.self)
            if let integer = Int64(exactly: NSDecimalNumber(decimal: decimal).doubleValue), Decimal(integer) == decimal { return .integer(integer) }
            return .real(NSDecimalNumber(decimal: decimal).doubleValue)
        case .void: return .null
        default: return .text(try cell.decode(String.self))
        }
    }
}
