/// A whole map: how one transaction set binds to one canonical document.
public struct TransactionMap: Sendable, Hashable {
    public var transactionSet: String
    public var document: CanonicalDocumentType
    public var rules: [MapRule]
    /// The files this map was read from, default first, then overrides.
    public var sources: [String]

    public init(transactionSet: String, document: CanonicalDocumentType, rules: [MapRule], sources: [String]) {
        self.transactionSet = transactionSet
        self.document = document
        self.rules = rules
        self.sources = sources
    }
}
