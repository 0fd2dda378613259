/// One element position of a segment: a simple element or a composite, possibly repeating.
public struct ElementDefinition: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case simple(SimpleElementDefinition)
        case composite([SimpleElementDefinition])
    }

    public let usage: Usage
    public let content: Content
    /// How many repeats the element allows (5010 repetition separator); 1 for most.
    public let maxRepeat: Int

    public init(usage: Usage, content: Content, maxRepeat: Int = 1) {
        self.usage = usage
        self.content = content
        self.maxRepeat = maxRepeat
    }

    public var reference: String? {
        if case .simple(let d) = content { return d.reference }
        return nil
    }
}
