/// The value of one element in a segment we write.
public enum ElementValue: Sendable, Hashable, ExpressibleByStringLiteral {
    case simple(String)
    /// Components, joined with the component separator.
    case composite([String])
    /// Repeats, joined with the repetition separator (5010 and later).
    case repeated([ElementValue])

    public init(stringLiteral value: String) { self = .simple(value) }

    var isEmpty: Bool {
        switch self {
        case .simple(let s): return s.isEmpty
        case .composite(let parts): return parts.allSatisfy(\.isEmpty)
        case .repeated(let repeats): return repeats.allSatisfy(\.isEmpty)
        }
    }
}

/// A segment to write: identifier and element values; trailing empty elements are dropped.
public struct OutboundSegment: Sendable, Hashable {
    public var id: String
    public var elements: [ElementValue]

    public init(_ id: String, _ elements: [ElementValue]) {
        self.id = id
        self.elements = elements
    }

    public init(_ id: String, _ elements: ElementValue...) {
        self.init(id, elements)
    }
}
