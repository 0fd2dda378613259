/// How a partner names an item on a PO line. The ERP resolves it: vendor part number
/// (our item id) first, then GTIN, then the customer's own part number through its
/// cross-reference, because partners send whichever they keep in their own systems.
public struct ItemReference: Codable, Sendable, Hashable {
    public var vendorPartNumber: String?
    public var gtin: String?
    public var buyerPartNumber: String?

    public init(vendorPartNumber: String? = nil, gtin: String? = nil, buyerPartNumber: String? = nil) {
        self.vendorPartNumber = vendorPartNumber
        self.gtin = gtin
        self.buyerPartNumber = buyerPartNumber
    }

    /// A stable text form, used as a cache key and in reasons a person reads.
    public var display: String {
        if let v = vendorPartNumber, !v.isEmpty { return "VP \(v)" }
        if let g = gtin, !g.isEmpty { return "GTIN \(g)" }
        if let b = buyerPartNumber, !b.isEmpty { return "BP \(b)" }
        return "(no item id)"
    }
}
