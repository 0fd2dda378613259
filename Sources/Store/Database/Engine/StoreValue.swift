import Foundation

/// One value as the store's SQL sees it, whichever engine runs it: the four storage kinds
/// both SQLite and PostgreSQL columns of the gateway's schema hold, and NULL.
///
/// The schema keeps to these on purpose (timestamps as ISO text, decimals as text, flags as
/// integers), so that one statement means the same on both engines.
public enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift type the store binds into statements and reads back from rows.
public protocol StoreValueConvertible: Sendable {
    var storeValue: StoreValue { get }
    /// nil when the value is not one of this type (NULL included).
    static func fromStoreValue(_ value: StoreValue) -> Self?
}

extension Int64: StoreValueConvertible {
    public var storeValue: StoreValue { .integer(self) }
    public static func fromStoreValue(_ value: StoreValue) -> Int64? {
        switch value {
        case .integer(let integer): integer
        case .real(let real): Int64(exactly: real)
        default: nil
        }
    }
}

extension Int: StoreValueConvertible {
    public var storeValue: StoreValue { .integer(Int64(self)) }
    public static func fromStoreValue(_ value: StoreValue) -> Int? { Int64.fromStoreValue(value).flatMap { Int(exactly: $0) } }
}

extension Double: StoreValueConvertible {
    public var storeValue: StoreValue { .real(self) }
    public static func fromStoreValue(_ value: StoreValue) -> Double? {
        switch value {
        case .real(let real): real
        case .integer(let integer): Double(integer)
        default: nil
        }
    }
}

/// Flags are stored as 0 or 1 (an INTEGER on SQLite, a BIGINT on PostgreSQL); a statement
/// tests them as `column = 1`, never as a bare boolean, so that it reads the same on both.
extension Bool: StoreValueConvertible {
    public var storeValue: StoreValue { .integer(self ? 1 : 0) }
    public static func fromStoreValue(_ value: StoreValue) -> Bool? { Int64.fromStoreValue(value).map { $0 != 0 } }
}

extension String: StoreValueConvertible {
    public var storeValue: StoreValue { .text(self) }
    public static func fromStoreValue(_ value: StoreValue) -> String? {
        if case .text(let text) = value { return text }
        return nil
    }
}

extension Data: StoreValueConvertible {
    public var storeValue: StoreValue { .blob(self) }
    public static func fromStoreValue(_ value: StoreValue) -> Data? {
        switch value {
        case .blob(let data): data
        case .text(let text): Data(text.utf8)
        default: nil
        }
    }
}
