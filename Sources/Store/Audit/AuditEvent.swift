import Foundation

/// An entry to append, before the trail gives it a sequence, a time and its hashes.
public struct AuditEvent: Sendable, Hashable {
    /// Partner profile ID; nil for gateway-wide events.
    public var partner: String?
    /// What the event is about, e.g. `inbound/42`, `outbound/7`, `invoice/INV-1001`.
    public var document: String?
    public var kind: AuditEventKind
    /// Compact JSON with sorted keys; stored and hashed exactly as given here.
    public var details: String

    public init(partner: String?, document: String?, kind: AuditEventKind, details: [String: AuditValue] = [:]) {
        self.partner = partner
        self.document = document
        self.kind = kind
        self.details = Self.json(details)
    }

    /// Details as JSON text the caller produced (must be a JSON object; it is stored verbatim).
    public init(partner: String?, document: String?, kind: AuditEventKind, detailsJSON: String) {
        self.partner = partner
        self.document = document
        self.kind = kind
        self.details = detailsJSON
    }

    /// Compact JSON with keys in UTF-8 order, written directly: every state change appends an
    /// entry, and `JSONEncoder` cost more than the rest of the append. The text is what
    /// `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` writes (tested).
    static func json(_ details: [String: AuditValue]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(64 * details.count + 2)
        for (index, key) in details.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            switch details[key]! {
            case .text(let value): writeString(value, into: &out)
            case .integer(let value): out += String(value).utf8
            case .flag(let value): out += (value ? "true" : "false").utf8
            case .list(let values):
                out.append(UInt8(ascii: "["))
                for (position, value) in values.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    writeString(value, into: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
