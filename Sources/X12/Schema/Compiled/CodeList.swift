/// A closed code list in the form the validator looks values up in: codes of up to eight
/// bytes packed into integers (almost all of them), longer codes as strings.
struct CodeList: Sendable {
    var packed: Set<UInt64> = []
    var long: Set<String> = []

    init(_ codes: Set<String>) {
        for code in codes {
            if let key = Self.pack(code.utf8) { packed.insert(key) } else { long.insert(code) }
        }
    }

    /// The bytes of a code of one to eight bytes in one integer; `nil` for longer codes.
    /// A NUL byte would be ambiguous, but a value holding one is already a control-character
    /// error before the code list is consulted.
    static func pack<C: Collection>(_ bytes: C) -> UInt64? where C.Element == UInt8 {
        guard bytes.count <= 8 else { return nil }
        var key: UInt64 = 0
        for b in bytes { key = key << 8 | UInt64(b) }
        return key
    }

    @inline(__always)
    func contains(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
        if end - start <= 8 {
            var key: UInt64 = 0
            for i in start..<end { key = key << 8 | UInt64(p[i]) }
            return packed.contains(key)
        }
        return long.contains(String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self))
    }
}
