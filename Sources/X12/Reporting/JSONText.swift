/// Minimal JSON text building on bytes, so that reports stream without Foundation.
struct JSONText {
    var bytes: [UInt8] = []

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func string(_ text: String) { string(Array(text.utf8)[...]) }

    mutating func string(_ text: ByteText) { string(text.bytes) }

    /// A JSON string literal of UTF-8 bytes; invalid UTF-8 becomes U+FFFD.
    mutating func string(_ slice: ArraySlice<UInt8>) {
        bytes.append(0x22)
        var needsRepair = false
        for b in slice where b >= 0x80 { needsRepair = true; break }
        if needsRepair, String(validating: slice, as: UTF8.self) == nil {
            for b in String(decoding: slice, as: UTF8.self).utf8 { escape(b) }
        } else {
            for b in slice { escape(b) }
        }
        bytes.append(0x22)
    }

    private mutating func escape(_ b: UInt8) {
        switch b {
        case 0x22: raw("\\\"")
        case 0x5C: raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        case 0x00..<0x20, 0x7F:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            raw("\\u00")
            bytes.append(hex[Int(b >> 4)])
            bytes.append(hex[Int(b & 0xF)])
        default: bytes.append(b)
        }
    }

    mutating func number(_ value: Int) { raw(String(value)) }

    mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { raw("null") }
    }
}
