import Foundation

/// JSON columns (lists of control numbers, set outcomes): sorted keys so that equal values are
/// equal text, and read back with the row named when they do not decode.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Lists of control numbers are read on every outbox step: plain ones (no escapes) are
    /// split directly, anything else goes through `JSONDecoder`.
    static func decode(_ type: [String].Type, _ text: String, table: String, key: String) throws -> [String] {
        let bytes = Array(text.utf8)
        plain: if bytes.count >= 2, bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") {
            var values: [String] = []
            var index = 1
            let end = bytes.count - 1
            while index < end {
                guard bytes[index] == UInt8(ascii: "\"") else { break plain }
                var close = index + 1
                while close < end, bytes[close] != UInt8(ascii: "\"") {
                    guard bytes[close] != UInt8(ascii: "\\"), bytes[close] >= 0x20 else { break plain }
                    close += 1
                }
                guard close < end else { break plain }
                values.append(String(decoding: bytes[(index + 1)..<close], as: UTF8.self))
                index = close + 1
                if index < end {
                    guard bytes[index] == UInt8(ascii: ","), index + 1 < end else { break plain }
                    index += 1
                }
            }
            return values
        }
        return try decode(type, text, table: table, key: key, using: JSONDecoder())
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, table: String, key: String) throws -> T {
        try decode(type, text, table: table, key: key, using: JSONDecoder())
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String, table: String, key: String, using decoder: JSONDecoder) throws -> T {
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw GatewayStoreError.corruptRow(table: table, key: key, detail: "JSON \(text.prefix(80)) does not decode: \(error)")
        }
    }
}
