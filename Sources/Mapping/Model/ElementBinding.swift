/// What one element (or component) of a segment means.
public struct ElementBinding: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// A canonical field, by path relative to the current object (`carrier.scac`);
        /// `address[]` appends when reading and takes the next item when writing.
        case field(String)
        /// A constant written outbound and ignored inbound.
        case constant(String)
        /// The number of items of an array field of the document (CTT01 = number of lines).
        case count(String)
        /// A value the engine computes while writing (`hlCount`: the number of HL segments).
        case computed(String)
    }

    public enum Direction: String, Sendable, Hashable {
        case both, inbound = "in", outbound = "out"
    }

    public var position: Int
    /// Component position inside a composite element, 1-based; nil for the whole element.
    public var component: Int?
    public var source: Source
    public var format: ValueFormat
    /// X12 code → canonical value (`AD: accepted`); reversed when writing. A code may take
    /// several values (`IR: [IR, R2]`, many-to-one): reading gives the first.
    public var translate: [(code: String, value: String)]
    /// Writing a value the table does not name: nil refuses the document, `.code` writes that
    /// code, `.asIs` writes the value unchanged.
    public var otherwise: Otherwise?
    public enum Otherwise: Sendable, Hashable {
        case code(String)
        case asIs
    }
    /// Written when the field has no value.
    public var defaultValue: String?
    /// Only written when this field (a path like `source`) has a value.
    public var onlyWith: String?
    public var direction: Direction
    public var location: SourceLocation

    public init(position: Int, component: Int? = nil, source: Source, format: ValueFormat = .text, translate: [(code: String, value: String)] = [], defaultValue: String? = nil, onlyWith: String? = nil, direction: Direction = .both, location: SourceLocation) {
        self.position = position
        self.component = component
        self.source = source
        self.format = format
        self.translate = translate
        self.defaultValue = defaultValue
        self.onlyWith = onlyWith
        self.direction = direction
        self.location = location
    }

    public static func == (a: ElementBinding, b: ElementBinding) -> Bool {
        a.position == b.position && a.component == b.component && a.source == b.source && a.format == b.format
            && a.translate.map(\.code) == b.translate.map(\.code) && a.translate.map(\.value) == b.translate.map(\.value)
            && a.otherwise == b.otherwise && a.defaultValue == b.defaultValue && a.onlyWith == b.onlyWith && a.direction == b.direction && a.location == b.location
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(position)
        hasher.combine(component)
        hasher.combine(source)
        hasher.combine(location)
    }

    public var fieldPath: String? {
        if case .field(let path) = source { return path }
        return nil
    }
}
