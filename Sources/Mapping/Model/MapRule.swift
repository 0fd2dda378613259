/// One rule of a map: a segment bound to fields, or a loop whose own rules apply inside
/// each of its repetitions.
public struct MapRule: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case segment(SegmentRule)
        case loop(LoopRule)
    }

    /// Unique among its siblings; `lines/po1` names a rule inside the `lines` loop.
    public var id: String
    public var kind: Kind
    /// Element position → accepted codes. Inbound: only segments (for a loop, its first
    /// segment) with these values match. Outbound: the first code is written.
    public var conditions: [Int: [String]]
    /// Limits the rule to these GS08 versions (first six characters); empty means all.
    public var versions: [String]
    /// Outbound: the rule (segment or loop) is written only when this field has a value
    /// (`when: reasons` writes the notes loop only for an order with reasons). Reading ignores it.
    public var onlyWith: String?
    public var location: SourceLocation

    public init(id: String, kind: Kind, conditions: [Int: [String]] = [:], versions: [String] = [], location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.conditions = conditions
        self.versions = versions
        self.location = location
    }

    public var segmentID: String {
        switch kind {
        case .segment(let s): return s.segmentID
        case .loop(let l): return l.triggerID
        }
    }

    public func applies(toVersion version: String) -> Bool {
        versions.isEmpty || versions.contains(String(version.prefix(6)))
    }
}

public struct SegmentRule: Sendable, Hashable {
    public var segmentID: String
    public var elements: [ElementBinding]
    public var qualified: QualifiedPairs?
    /// How many times the segment may be read or written (for `list[]` fields); 1 by default.
    public var maxRepeat: Int

    public init(segmentID: String, elements: [ElementBinding], qualified: QualifiedPairs? = nil, maxRepeat: Int = 1) {
        self.segmentID = segmentID
        self.elements = elements
        self.qualified = qualified
        self.maxRepeat = maxRepeat
    }
}

public struct LoopRule: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// Every repetition is one item of the array field.
        case array(String)
        /// The first matching repetition fills the object field.
        case object(String)
        /// The loop's fields belong to the current object.
        case inline
    }

    /// The loop's first segment (`N1`, `PO1`, `HL` …).
    public var triggerID: String
    public var target: Target
    public var rules: [MapRule]

    public init(triggerID: String, target: Target, rules: [MapRule]) {
        self.triggerID = triggerID
        self.target = target
        self.rules = rules
    }
}
