/// A run of bytes inside a shared buffer: an element, a component or a whole segment,
/// viewed without copying. Turned into a `String` only when someone asks.
public struct ByteText: Sendable, Hashable, CustomStringConvertible {
    public let base: [UInt8]
    public let range: Range<Int>

    public init(base: [UInt8], range: Range<Int>) {
        self.base = base
        self.range = range
    }

    public init(_ string: String) {
        let bytes = Array(string.utf8)
        self.init(base: bytes, range: 0..<bytes.count)
    }

    public var count: Int { range.count }
    public var isEmpty: Bool { range.isEmpty }
    public var bytes: ArraySlice<UInt8> { base[range] }
    public var string: String { String(decoding: base[range], as: UTF8.self) }
    public var description: String { string }

    /// The text without the padding spaces of fixed-width fields (ASCII space and the UTF-8
    /// no-break space some partners pad with).
    public var trimmed: String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while upper > lower, base[upper - 1] == 0x20 { upper -= 1 }
        while upper - lower >= 2, base[upper - 2] == 0xC2, base[upper - 1] == 0xA0 {
            upper -= 2
            while upper > lower, base[upper - 1] == 0x20 { upper -= 1 }
        }
        while lower < upper, base[lower] == 0x20 { lower += 1 }
        return String(decoding: base[lower..<upper], as: UTF8.self)
    }

    public func equals(_ ascii: StaticString) -> Bool {
        guard ascii.utf8CodeUnitCount == range.count else { return false }
        let p = ascii.utf8Start
        var i = 0
        for idx in range {
            if base[idx] != p[i] { return false }
            i += 1
        }
        return true
    }

    public static func == (lhs: ByteText, rhs: ByteText) -> Bool {
        lhs.base[lhs.range].elementsEqual(rhs.base[rhs.range])
    }

    public func hash(into hasher: inout Hasher) {
        for b in base[range] { hasher.combine(b) }
    }

    /// Splits on a separator byte, e.g. components of a composite or repeats of an element.
    public func split(on separator: UInt8) -> [ByteText] {
        var parts: [ByteText] = []
        var start = range.lowerBound
        for i in range where base[i] == separator {
            parts.append(ByteText(base: base, range: start..<i))
            start = i + 1
        }
        parts.append(ByteText(base: base, range: start..<range.upperBound))
        return parts
    }

    /// The unsigned integer value of an all-digit text, or `nil`.
    public var unsignedValue: Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for i in range {
            let d = base[i] &- 0x30
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }
}
