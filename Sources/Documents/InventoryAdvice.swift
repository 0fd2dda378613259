import Foundation

/// An inventory advice (X12 846) in canonical form: what we can promise a partner, item by item
/// and warehouse by warehouse, as of one moment.
public struct InventoryAdvice: Codable, Sendable, Hashable {
    /// BIA03: our reference for this advice (unique per partner; the outbox keys on it).
    public var adviceNumber: String
    /// BIA04, YYYY-MM-DD.
    public var adviceDate: String
    /// BIA01 transaction set purpose code: `00` original, `05` replace …
    public var purpose: String
    /// BIA02 report type code: `DD` distributor inventory report by default.
    public var reportType: String
    /// The party whose inventory it is (header N1, SU by default).
    public var seller: Party?
    public var items: [Item]

    /// One item at one warehouse (a LIN loop).
    public struct Item: Codable, Sendable, Hashable {
        /// LIN01 assigned identification.
        public var lineNumber: String?
        public var buyerPartNumber: String?
        public var vendorPartNumber: String?
        public var gtin: String?
        /// Every product-id pair of the LIN, in the order written.
        public var productIds: [ProductID]?
        public var description: String?
        public var uom: String
        /// QTY*33: available to promise (for sale).
        public var quantityAvailable: Decimal
        /// QTY*17: on hand, when the partner wants it.
        public var quantityOnHand: Decimal?
        /// SCH: the next quantity to become available, and when (SCH04 018).
        public var nextQuantity: Decimal?
        public var nextDate: String?
        /// The warehouse the quantities are at (the LIN's N1*WH).
        public var warehouse: Party?

        public init(lineNumber: String? = nil, buyerPartNumber: String? = nil, vendorPartNumber: String? = nil, gtin: String? = nil, productIds: [ProductID]? = nil, description: String? = nil, uom: String, quantityAvailable: Decimal, quantityOnHand: Decimal? = nil, nextQuantity: Decimal? = nil, nextDate: String? = nil, warehouse: Party? = nil) {
            self.lineNumber = lineNumber
            self.buyerPartNumber = buyerPartNumber
            self.vendorPartNumber = vendorPartNumber
            self.gtin = gtin
            self.productIds = productIds
            self.description = description
            self.uom = uom
            self.quantityAvailable = quantityAvailable
            self.quantityOnHand = quantityOnHand
            self.nextQuantity = nextQuantity
            self.nextDate = nextDate
            self.warehouse = warehouse
        }
    }

    public init(adviceNumber: String, adviceDate: String, purpose: String = "00", reportType: String = "DD", seller: Party? = nil, items: [Item] = []) {
        self.adviceNumber = adviceNumber
        self.adviceDate = adviceDate
        self.purpose = purpose
        self.reportType = reportType
        self.seller = seller
        self.items = items
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        adviceNumber = try c.decode(String.self, forKey: .adviceNumber)
        adviceDate = try c.decode(String.self, forKey: .adviceDate)
        purpose = try c.decodeIfPresent(String.self, forKey: .purpose) ?? "00"
        reportType = try c.decodeIfPresent(String.self, forKey: .reportType) ?? "DD"
        seller = try c.decodeIfPresent(Party.self, forKey: .seller)
        items = try c.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}
