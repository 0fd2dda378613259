import X12

/// Reads and writes `CanonicalValue` as JSON text, keeping numbers as text both ways
/// (Foundation's `JSONSerialization` would turn them into `Double`). Reading uses the X12
/// module's byte-level `JSONParser`, which keeps each number's literal text.
public enum CanonicalJSON {
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public let offset: Int
        public let message: String
        public var description: String { "JSON byte \(offset): \(message)" }
    }

    public static func parse(_ text: String) throws(ParseError) -> CanonicalValue {
        try parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> CanonicalValue {
        do throws(JSONParser.ParseError) {
            return CanonicalValue(try JSONParser.parse(bytes))
        } catch {
            throw ParseError(offset: error.offset, message: error.message)
        }
    }

    /// Compact JSON with object keys sorted, so equal values give equal text.
    public static func write(_ value: CanonicalValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    private static func write(_ value: CanonicalValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                write(members[key]!, into: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
