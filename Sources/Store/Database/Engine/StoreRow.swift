/// One result row, by column name. Reading a column that is absent or of another type is a
/// programming error (the store's own SQL names its columns) and stops the process with the
/// column's name, as GRDB's rows do; values that can be damaged on disk are checked by the
/// record types that read them (`GatewayStoreError.corruptRow`).
public struct StoreRow: Sendable {
    public let columns: [String]
    public let values: [StoreValue]

    public init(columns: [String], values: [StoreValue]) {
        precondition(columns.count == values.count, "a row needs one value per column")
        self.columns = columns
        self.values = values
    }

    /// The raw value of a column, nil when the row has no such column.
    public func value(_ column: String) -> StoreValue? {
        columns.firstIndex(of: column).map { values[$0] }
    }

    public subscript<Value: StoreValueConvertible>(_ column: String) -> Value {
        guard let value = value(column) else { preconditionFailure("the row has no column '\(column)' (columns: \(columns))") }
        guard let decoded = Value.fromStoreValue(value) else {
            preconditionFailure("column '\(column)' holds \(value), not a \(Value.self)")
        }
        return decoded
    }

    public subscript<Value: StoreValueConvertible>(_ column: String) -> Value? {
        guard let value = value(column) else { preconditionFailure("the row has no column '\(column)' (columns: \(columns))") }
        if value == .null { return nil }
        guard let decoded = Value.fromStoreValue(value) else {
            preconditionFailure("column '\(column)' holds \(value), not a \(Value.self)")
        }
        return decoded
    }

    /// The first column: for `SELECT COUNT(*)`, `SELECT id` and the like.
    public func first<Value: StoreValueConvertible>(as type: Value.Type = Value.self) -> Value? {
        values.first.flatMap { $0 == .null ? nil : Value.fromStoreValue($0) }
    }
}
