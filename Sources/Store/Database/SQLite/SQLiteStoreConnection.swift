import Foundation
import GRDB

/// A GRDB `Database` inside one transaction, seen through `StoreConnection`.
final class SQLiteStoreConnection: StoreConnection {
    let db: Database

    init(_ db: Database) {
        self.db = db
    }

    var lockingRead: String { "" }
    var skipLocked: String { "" }

    // Cached statements: the store runs the same few statements for every file, and parsing
    // them (and GRDB's authorizer pass) each time was a visible share of the gateway's CPU.
    func execute(sql: String, arguments: StoreArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
    }

    func fetchAll(sql: String, arguments: StoreArguments) throws -> [StoreRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        return try Row.fetchAll(statement, arguments: Self.arguments(arguments)).map { row in
            StoreRow(columns: columns, values: (0..<columns.count).map { Self.value(row[$0] as DatabaseValue) })
        }
    }

    static func arguments(_ arguments: StoreArguments) -> StatementArguments {
        StatementArguments(arguments.values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: nil
            case .integer(let integer): integer
            case .real(let real): real
            case .text(let text): text
            case .blob(let data): data
            }
        })
    }

    static func value(_ value: DatabaseValue) -> StoreValue {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let real): .real(real)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }
}
