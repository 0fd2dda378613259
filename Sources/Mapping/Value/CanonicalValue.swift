import X12

/// The engine's document tree: what a canonical document looks like as JSON, with numbers
/// kept as their decimal text so that money never passes through `Double`.
public enum CanonicalValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A JSON number exactly as written, e.g. `19.99` or `1234567890.123456789`.
    case number(String)
    case string(String)
    case array([CanonicalValue])
    case object([String: CanonicalValue])

    public static let emptyObject = CanonicalValue.object([:])

    public subscript(key: String) -> CanonicalValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// Text of a scalar (string, number, bool); nil for null, arrays and objects.
    public var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    public var arrayItems: [CanonicalValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// True when there is nothing to write: null, an empty string, array or object.
    public var isEmptyValue: Bool {
        switch self {
        case .null: return true
        case .string(let s): return s.isEmpty
        case .array(let a): return a.isEmpty
        case .object(let o): return o.values.allSatisfy(\.isEmptyValue)
        default: return false
        }
    }
}

extension CanonicalValue {
    /// The same value from the X12 module's JSON reader.
    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let text): self = .number(text)
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map(CanonicalValue.init))
        case .object(let members): self = .object(members.mapValues(CanonicalValue.init))
        }
    }
}
