/// One entry of a transaction set's table: a segment with its use, or a loop.
public indirect enum StructureNode: Sendable, Hashable {
    case segment(SegmentUse)
    case loop(LoopDefinition)

    /// The segment that starts this entry: the segment itself, or the loop's first segment.
    public var triggerID: String {
        switch self {
        case .segment(let use): return use.id
        case .loop(let loop): return loop.triggerID
        }
    }

    public var usage: Usage {
        switch self {
        case .segment(let use): return use.usage
        case .loop(let loop): return loop.usage
        }
    }
}

/// A segment's place in a table: requirement and maximum use.
public struct SegmentUse: Sendable, Hashable {
    public let id: String
    public let usage: Usage
    public let maxUse: Int

    public init(id: String, usage: Usage, maxUse: Int) {
        self.id = id
        self.usage = usage
        self.maxUse = maxUse
    }
}

/// A loop: a group of segments that repeats, started by its first segment.
public struct LoopDefinition: Sendable, Hashable {
    /// Loop identifier as reported in AK303/IK303 (the X12 loop ID, e.g. `N1`, `HL`).
    public let id: String
    public let usage: Usage
    public let maxRepeat: Int
    /// The loop's entries; the first is its trigger segment.
    public let content: [StructureNode]

    public init(id: String, usage: Usage, maxRepeat: Int, content: [StructureNode]) {
        self.id = id
        self.usage = usage
        self.maxRepeat = maxRepeat
        self.content = content
    }

    public var triggerID: String { content.first?.triggerID ?? id }
}
