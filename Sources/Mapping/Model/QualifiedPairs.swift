/// Qualifier/value element pairs such as PO106/PO107, PO108/PO109 …: the value after
/// qualifier `BP` is the buyer's part number wherever in the segment the pair stands.
public struct QualifiedPairs: Sendable, Hashable {
    /// Positions of the qualifier elements; each value is the element after its qualifier.
    public var qualifierPositions: [Int]
    /// Qualifier code → canonical field, in the order pairs are written outbound.
    public var codes: [Code]
    /// An array field that takes every pair, known qualifier or not (`{qualifier, id}` items);
    /// written outbound first, so what the buyer sent is echoed as sent.
    public var all: String?
    public var location: SourceLocation

    public struct Code: Sendable, Hashable {
        public var qualifier: String
        public var field: String
        public init(qualifier: String, field: String) {
            self.qualifier = qualifier
            self.field = field
        }
    }

    public init(qualifierPositions: [Int], codes: [Code], all: String? = nil, location: SourceLocation) {
        self.qualifierPositions = qualifierPositions
        self.codes = codes
        self.all = all
        self.location = location
    }
}
