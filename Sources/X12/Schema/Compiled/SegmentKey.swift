/// A segment identifier packed into an integer, so that finding a segment's place compares
/// integers instead of building a `String` per segment.
///
/// Layout: length in the top byte, then up to three identifier bytes. X12 identifiers have
/// two or three characters; a longer or empty identifier in data packs to `unknown`, which
/// no schema entry uses, and a longer one in a schema packs to `unmatchable`.
enum SegmentKey {
    static let unknown: UInt32 = 0
    static let unmatchable: UInt32 = 0xFFFF_FFFF

    static func pack(_ id: String) -> UInt32 {
        let bytes = Array(id.utf8)
        guard !bytes.isEmpty, bytes.count <= 3 else { return unmatchable }
        var key = UInt32(bytes.count) << 24
        for (i, b) in bytes.enumerated() { key |= UInt32(b) << (16 - 8 * i) }
        return key
    }

    /// The key of the identifier at `start` (the bytes before `separator` or `end`), and
    /// the index where the identifier ends.
    @inline(__always)
    static func read(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, separator: UInt8) -> (key: UInt32, idEnd: Int) {
        var i = start
        var key: UInt32 = 0
        while i < end, p[i] != separator {
            if i - start < 3 { key |= UInt32(p[i]) << (16 - 8 * (i - start)) }
            i += 1
        }
        let length = i - start
        guard length >= 1, length <= 3 else { return (unknown, i) }
        return (key | UInt32(length) << 24, i)
    }
}
