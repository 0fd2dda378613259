/// The separators of one interchange, as read from its ISA or chosen for an outbound one.
///
/// The terminator is a byte sequence because real partner files end segments with a
/// multi-byte UTF-8 character (for example "…"); every other separator is one byte.
public struct Delimiters: Sendable, Hashable {
    public var element: UInt8
    public var component: UInt8
    /// ISA11 from version 00403 on; `nil` where ISA11 is the standards identifier `U`.
    public var repetition: UInt8?
    public var segment: [UInt8]
    /// Bytes written after every terminator (line break style); not part of the data.
    public var lineBreak: [UInt8]

    public init(element: UInt8, component: UInt8, repetition: UInt8? = nil, segment: [UInt8], lineBreak: [UInt8] = []) {
        self.element = element
        self.component = component
        self.repetition = repetition
        self.segment = segment
        self.lineBreak = lineBreak
    }

    public init(element: UInt8, component: UInt8, repetition: UInt8? = nil, segment: UInt8, lineBreak: [UInt8] = []) {
        self.init(element: element, component: component, repetition: repetition, segment: [segment], lineBreak: lineBreak)
    }

    /// `*`, `>`, `^`, `~` followed by a line feed: the most common choice in the field.
    public static let standard = Delimiters(element: UInt8(ascii: "*"), component: UInt8(ascii: ">"), repetition: UInt8(ascii: "^"), segment: UInt8(ascii: "~"), lineBreak: [0x0A])

    /// Every byte that may not appear inside data written with these delimiters.
    public var reservedBytes: Set<UInt8> {
        var bytes: Set<UInt8> = [element, component]
        if let repetition { bytes.insert(repetition) }
        bytes.formUnion(segment)
        return bytes
    }

    /// The problem with this combination, if any: separators must differ, and none may be a
    /// letter or digit (those occur in every envelope field).
    public var conflict: String? {
        var all: [UInt8] = [element, component]
        if let repetition { all.append(repetition) }
        if segment.count == 1 { all.append(segment[0]) }
        if Set(all).count != all.count { return "delimiters must all differ" }
        for byte in all + segment where Delimiters.isAlphanumeric(byte) {
            return "delimiter \(Delimiters.describe([byte])) is a letter or digit"
        }
        return nil
    }

    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    /// A readable form of separator bytes: printable ASCII as is, others as `\uXXXX`-style escapes.
    public static func describe(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self), bytes.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) {
            return text
        }
        return bytes.map { b -> String in
            switch b {
            case 0x0A: return "\\n"
            case 0x0D: return "\\r"
            case 0x09: return "\\t"
            default:
                let hex = String(b, radix: 16, uppercase: true)
                return "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
        }.joined()
    }
}

extension Int {
    /// Two-digit element reference form (`3` → `03`), without Foundation's `String(format:)`.
    var twoDigits: String { self < 10 && self >= 0 ? "0\(self)" : "\(self)" }
}
