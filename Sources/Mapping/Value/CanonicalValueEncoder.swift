import Foundation

/// Encodes a canonical document straight into the engine's tree: the tree that `JSONEncoder`'s
/// text would parse to (a Decimal as its own digits, an absent optional left out), without
/// writing the text and reading it back. Every outbound document passes here once.
///
/// It is a fast path, not a second definition of the format: whatever it is not sure to encode
/// exactly as `JSONEncoder` would (floating point, dates, data, URLs, a top-level value that
/// encodes nothing) throws `CanonicalTreeUnsupported`, and the caller takes the JSON text path.
enum CanonicalValueEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> CanonicalValue {
        let encoder = CanonicalTreeEncoder(node: CanonicalTreeNode(), codingPath: [])
        try encoder.encodeValue(value)
        // JSONEncoder refuses a top-level value that encodes nothing; so does the text path.
        guard !encoder.node.isEmpty else { throw CanonicalTreeUnsupported() }
        return encoder.node.value
    }
}

/// Raised by the tree encoder and decoder where only the JSON text path is sure of the answer.
struct CanonicalTreeUnsupported: Error {
    /// Types `JSONEncoder` and `JSONDecoder` write and read their own way (per strategy), not as
    /// their `Codable` conformance says: left to them, both ways. (Floating point is refused by
    /// the primitive `encode`/`decode` overloads; Decimal is handled where each side boxes.)
    static func isLeftToJSON<T>(_ type: T.Type) -> Bool {
        T.self == Date.self || T.self == Data.self || T.self == URL.self
    }
}

/// One value being built. A reference, because containers handed out keep writing into it
/// after the call that made them returns.
final class CanonicalTreeNode {
    enum Kind { case empty, scalar, object, array }
    var kind = Kind.empty
    var scalar = CanonicalValue.null
    var members: [String: CanonicalTreeNode] = [:]
    var items: [CanonicalTreeNode] = []

    init() {}

    init(_ scalar: CanonicalValue) {
        kind = .scalar
        self.scalar = scalar
    }

    var isEmpty: Bool { kind == .empty }

    /// A nested value that encoded nothing is an empty object, as `JSONEncoder` writes it.
    var value: CanonicalValue {
        switch kind {
        case .empty: return .emptyObject
        case .scalar: return scalar
        case .object: return .object(members.mapValues(\.value))
        case .array: return .array(items.map(\.value))
        }
    }

    func becomeObject() {
        if kind != .object { kind = .object; members = [:] }
    }

    func becomeArray() {
        if kind != .array { kind = .array; items = [] }
    }

    /// The node for `value` on its own, with `JSONEncoder`'s special cases.
    static func boxing<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> CanonicalTreeNode {
        let encoder = CanonicalTreeEncoder(node: CanonicalTreeNode(), codingPath: codingPath)
        try encoder.encodeValue(value)
        return encoder.node
    }
}

final class CanonicalTreeEncoder: Encoder, SingleValueEncodingContainer {
    let node: CanonicalTreeNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: CanonicalTreeNode, codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
    }

    func encodeValue<T: Encodable>(_ value: T) throws {
        if T.self == Decimal.self {
            // JSONEncoder writes a Decimal's description as the number.
            let decimal = value as! Decimal
            guard decimal.isFinite else { throw CanonicalTreeUnsupported() }
            set(.number(decimal.description))
        } else if CanonicalTreeUnsupported.isLeftToJSON(T.self) {
            throw CanonicalTreeUnsupported()
        } else {
            try value.encode(to: self)
        }
    }

    private func set(_ scalar: CanonicalValue) {
        node.kind = .scalar
        node.scalar = scalar
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(CanonicalTreeKeyedEncoding<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return CanonicalTreeUnkeyedEncoding(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { set(.null) }
    func encode(_ value: Bool) throws { set(.bool(value)) }
    func encode(_ value: String) throws { set(.string(value)) }
    func encode(_ value: Double) throws { throw CanonicalTreeUnsupported() }
    func encode(_ value: Float) throws { throw CanonicalTreeUnsupported() }
    func encode(_ value: Int) throws { set(.number(String(value))) }
    func encode(_ value: Int8) throws { set(.number(String(value))) }
    func encode(_ value: Int16) throws { set(.number(String(value))) }
    func encode(_ value: Int32) throws { set(.number(String(value))) }
    func encode(_ value: Int64) throws { set(.number(String(value))) }
    func encode(_ value: UInt) throws { set(.number(String(value))) }
    func encode(_ value: UInt8) throws { set(.number(String(value))) }
    func encode(_ value: UInt16) throws { set(.number(String(value))) }
    func encode(_ value: UInt32) throws { set(.number(String(value))) }
    func encode(_ value: UInt64) throws { set(.number(String(value))) }
    func encode<T: Encodable>(_ value: T) throws { try encodeValue(value) }
}

struct CanonicalTreeKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: CanonicalTreeNode
    let codingPath: [any CodingKey]

    private func put(_ child: CanonicalTreeNode, _ key: Key) { node.members[key.stringValue] = child }

    mutating func encodeNil(forKey key: Key) throws { put(CanonicalTreeNode(.null), key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(CanonicalTreeNode(.bool(value)), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(CanonicalTreeNode(.string(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(CanonicalTreeNode(.number(String(value))), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        put(try CanonicalTreeNode.boxing(value, codingPath: codingPath + [key]), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = node.members[key.stringValue] ?? CanonicalTreeNode()
        child.becomeObject()
        put(child, key)
        return KeyedEncodingContainer(CanonicalTreeKeyedEncoding<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.members[key.stringValue] ?? CanonicalTreeNode()
        child.becomeArray()
        put(child, key)
        return CanonicalTreeUnkeyedEncoding(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let child = CanonicalTreeNode()
        node.members[name] = child
        return CanonicalTreeEncoder(node: child, codingPath: codingPath + [CanonicalTreeKey(name)])
    }
}

struct CanonicalTreeUnkeyedEncoding: UnkeyedEncodingContainer {
    let node: CanonicalTreeNode
    let codingPath: [any CodingKey]
    var count: Int { node.items.count }

    private var nextKey: CanonicalTreeKey { CanonicalTreeKey(index: node.items.count) }

    mutating func encodeNil() throws { node.items.append(CanonicalTreeNode(.null)) }
    mutating func encode(_ value: Bool) throws { node.items.append(CanonicalTreeNode(.bool(value))) }
    mutating func encode(_ value: String) throws { node.items.append(CanonicalTreeNode(.string(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        node.items.append(try CanonicalTreeNode.boxing(value, codingPath: codingPath + [nextKey]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = CanonicalTreeNode()
        child.becomeObject()
        let path = codingPath + [nextKey]
        node.items.append(child)
        return KeyedEncodingContainer(CanonicalTreeKeyedEncoding<NestedKey>(node: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = CanonicalTreeNode()
        child.becomeArray()
        let path = codingPath + [nextKey]
        node.items.append(child)
        return CanonicalTreeUnkeyedEncoding(node: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let child = CanonicalTreeNode()
        let path = codingPath + [nextKey]
        node.items.append(child)
        return CanonicalTreeEncoder(node: child, codingPath: path)
    }
}

/// A coding key for array positions and `super`, in coding paths only.
struct CanonicalTreeKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(_ name: String) { stringValue = name; intValue = nil }
    init(index: Int) { stringValue = "Index \(index)"; intValue = index }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
}
