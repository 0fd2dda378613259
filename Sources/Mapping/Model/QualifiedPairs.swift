/// Qualifier/value element pairs such as PO106/PO107, PO108/PO109 …: the value after
/// qualifier `BP` is the buyer's part number wherever in the segment the pair stands.
public struct QualifiedPairs: Sendable, Hashable {
    /// Positions of the qualifier elements; each value is the element after its qualifier.
    public var qualifierPositions: [Int]
    /// Qualifier code → canonical field, in the order pairs are written outbound.
    public var codes: [Code]
    public var location: SourceLocation

    public struct Code: Sendable, Hashable {
        public var qualifier: String
        public var field: String
        public init(qualifier: String, field: String) {
            self.qualifier = qualifier
            self.field = field
        }
    }

    public init(qualifierPositions: [Int], codes: [Code], location: SourceLocation) {
        self.qualifierPositions = qualifierPositions
        self.codes = codes
        self.location = location
    }
}
