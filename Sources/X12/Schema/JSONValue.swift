/// A parsed JSON value. The X12 module reads its schema files with this instead of
/// Foundation's `JSONDecoder`, so that the module stays free of Foundation; the mapping
/// engine reads canonical documents with it because numbers keep their exact text.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number's literal text, so that a decimal such as `19.99` survives exactly
    /// (money in canonical documents) and integers of any size are not rounded.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var int: Int? {
        guard case .number(let text) = self else { return nil }
        if let value = Int(text) { return value }
        guard let n = Double(text), n == n.rounded(), abs(n) < 1e15 else { return nil }
        return Int(n)
    }

    public var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var object: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
