/// One product-id pair of a line as the buyer wrote it (PO106/PO107, PO108/PO109 …): the
/// qualifier (X12 element 235: BP, VP, UP, …) and the id. A line keeps every pair it was sent,
/// including qualifiers no named field takes, and the 855/856/810 echo them back.
public struct ProductID: Codable, Sendable, Hashable {
    public var qualifier: String
    public var id: String

    public init(qualifier: String, id: String) {
        self.qualifier = qualifier
        self.id = id
    }
}
