import Foundation

/// Decodes a canonical document straight from the engine's tree, without writing it as JSON
/// text for `JSONDecoder`. Every inbound document passes here once.
///
/// Sound, not complete: where it succeeds the result is what `JSONDecoder` makes of the tree's
/// text; wherever it is not sure (a number in exponent form, floating point, dates, data, any
/// type mismatch or missing key) it throws, and the caller takes the JSON text path, which
/// decides, and words the error a person reads.
enum CanonicalValueDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from value: CanonicalValue) throws -> T {
        try CanonicalTreeDecoder(value: value, codingPath: []).decodeValue(type)
    }

    /// Numbers are JSON's: a point, whatever the machine's locale.
    static let posix = Locale(identifier: "en_US_POSIX")

    /// A JSON number in plain form (`-12.340`, no exponent, no leading zeros), at most 38 digits:
    /// where `Decimal(string:)` and `JSONDecoder` agree digit for digit.
    static func isPlainNumber(_ text: String) -> Bool {
        var digits = 0, position = 0, afterPoint = false, sawDigitAfterPoint = false, leadingZero = false
        for byte in text.utf8 {
            defer { position += 1 }
            switch byte {
            case UInt8(ascii: "-") where position == 0:
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                // "0" may lead only on its own or before the point: "012" is not JSON.
                if !afterPoint {
                    if leadingZero { return false }
                    if digits == 0, byte == UInt8(ascii: "0") { leadingZero = true }
                } else {
                    sawDigitAfterPoint = true
                }
                digits += 1
            case UInt8(ascii: ".") where !afterPoint && digits > 0:
                afterPoint = true
                leadingZero = false
            default:
                return false
            }
        }
        return digits > 0 && digits <= 38 && (!afterPoint || sawDigitAfterPoint)
    }

    /// A JSON integer (`-42`, no point, no leading zeros).
    static func isPlainInteger(_ text: String) -> Bool {
        isPlainNumber(text) && !text.utf8.contains(UInt8(ascii: "."))
    }
}

struct CanonicalTreeDecoder: Decoder, SingleValueDecodingContainer {
    let value: CanonicalValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == Decimal.self {
            guard case .number(let text) = value, CanonicalValueDecoder.isPlainNumber(text),
                  let decimal = Decimal(string: text, locale: CanonicalValueDecoder.posix) else { throw CanonicalTreeUnsupported() }
            return decimal as! T
        }
        if CanonicalTreeUnsupported.isLeftToJSON(T.self) {
            throw CanonicalTreeUnsupported()
        }
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw CanonicalTreeUnsupported() }
        return KeyedDecodingContainer(CanonicalTreeKeyedDecoding<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw CanonicalTreeUnsupported() }
        return CanonicalTreeUnkeyedDecoding(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let flag) = value else { throw CanonicalTreeUnsupported() }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = value else { throw CanonicalTreeUnsupported() }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double { throw CanonicalTreeUnsupported() }
    func decode(_ type: Float.Type) throws -> Float { throw CanonicalTreeUnsupported() }
    func decode(_ type: Int.Type) throws -> Int { try integer() }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    private func integer<T: FixedWidthInteger>() throws -> T {
        guard case .number(let text) = value, CanonicalValueDecoder.isPlainInteger(text), let number = T(text) else { throw CanonicalTreeUnsupported() }
        return number
    }
}

struct CanonicalTreeKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: CanonicalValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> CanonicalTreeDecoder {
        guard let value = members[key.stringValue] else { throw CanonicalTreeUnsupported() }
        return CanonicalTreeDecoder(value: value, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key).decodeNil() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try member(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try member(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try member(key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(key).decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try member(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try member(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { throw CanonicalTreeUnsupported() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw CanonicalTreeUnsupported() }
}

struct CanonicalTreeUnkeyedDecoding: UnkeyedDecodingContainer {
    let items: [CanonicalValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    /// The next item's decoder; the index moves on only once the item decoded.
    private func next() throws -> CanonicalTreeDecoder {
        guard !isAtEnd else { throw CanonicalTreeUnsupported() }
        return CanonicalTreeDecoder(value: items[currentIndex], codingPath: codingPath + [CanonicalTreeKey(index: currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard try next().decodeNil() else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { let v = try next().decode(type); currentIndex += 1; return v }
    mutating func decode(_ type: String.Type) throws -> String { let v = try next().decode(type); currentIndex += 1; return v }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { let v = try next().decodeValue(type); currentIndex += 1; return v }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try next().container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try next().unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder { throw CanonicalTreeUnsupported() }
}
