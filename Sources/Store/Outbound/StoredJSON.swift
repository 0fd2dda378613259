import Foundation

/// JSON columns (lists of control numbers, set outcomes): sorted keys so that equal values are
/// equal text, and read back with the row named when they do not decode.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, table: String, key: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw GatewayStoreError.corruptRow(table: table, key: key, detail: "JSON \(text.prefix(80)) does not decode: \(error)")
        }
    }
}
