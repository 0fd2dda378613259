/// A segment of the segment directory of one version: its elements and syntax notes.
public struct SegmentDefinition: Sendable, Hashable {
    public let id: String
    /// `elements[0]` is element 01.
    public let elements: [ElementDefinition]
    public let syntaxNotes: [SyntaxNote]

    public init(id: String, elements: [ElementDefinition], syntaxNotes: [SyntaxNote] = []) {
        self.id = id
        self.elements = elements
        self.syntaxNotes = syntaxNotes
    }
}
