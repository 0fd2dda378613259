import Foundation

/// A price/sales catalog (X12 832) in canonical form: the contract prices a partner may order
/// at, each with the dates it holds.
public struct PriceCatalog: Codable, Sendable, Hashable {
    /// BCT02: our catalog number (unique per partner).
    public var catalogNumber: String
    /// BCT01 catalog purpose code: `PC` price catalog by default.
    public var catalogPurpose: String
    /// BCT10 transaction set purpose code: `00` original, `04` change, `05` replace.
    public var purpose: String
    /// DTM*009: the date the catalog was made (YYYY-MM-DD).
    public var catalogDate: String
    /// CUR02 (CUR01 SE).
    public var currency: String?
    public var seller: Party?
    public var buyer: Party?
    public var items: [Item]

    /// One item and its price (a LIN loop with one CTP loop).
    public struct Item: Codable, Sendable, Hashable {
        public var lineNumber: String?
        public var buyerPartNumber: String?
        public var vendorPartNumber: String?
        public var gtin: String?
        public var productIds: [ProductID]?
        public var description: String?
        /// PO401: inner units per outer pack; PO414 (inner pack) is not carried.
        public var pack: Decimal?
        /// CTP02 price identifier code: `CON` contract price by default.
        public var priceCode: String?
        /// CTP03.
        public var unitPrice: Decimal
        /// CTP05-01: the unit the price is per.
        public var uom: String
        /// DTM*007 in the CTP loop: the first day the price holds.
        public var effectiveDate: String
        /// DTM*036 in the CTP loop: the last day, when it ends.
        public var expirationDate: String?

        public init(lineNumber: String? = nil, buyerPartNumber: String? = nil, vendorPartNumber: String? = nil, gtin: String? = nil, productIds: [ProductID]? = nil, description: String? = nil, pack: Decimal? = nil, priceCode: String? = nil, unitPrice: Decimal, uom: String, effectiveDate: String, expirationDate: String? = nil) {
            self.lineNumber = lineNumber
            self.buyerPartNumber = buyerPartNumber
            self.vendorPartNumber = vendorPartNumber
            self.gtin = gtin
            self.productIds = productIds
            self.description = description
            self.pack = pack
            self.priceCode = priceCode
            self.unitPrice = unitPrice
            self.uom = uom
            self.effectiveDate = effectiveDate
            self.expirationDate = expirationDate
        }
    }

    public init(catalogNumber: String, catalogPurpose: String = "PC", purpose: String = "00", catalogDate: String, currency: String? = nil, seller: Party? = nil, buyer: Party? = nil, items: [Item] = []) {
        self.catalogNumber = catalogNumber
        self.catalogPurpose = catalogPurpose
        self.purpose = purpose
        self.catalogDate = catalogDate
        self.currency = currency
        self.seller = seller
        self.buyer = buyer
        self.items = items
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        catalogNumber = try c.decode(String.self, forKey: .catalogNumber)
        catalogPurpose = try c.decodeIfPresent(String.self, forKey: .catalogPurpose) ?? "PC"
        purpose = try c.decodeIfPresent(String.self, forKey: .purpose) ?? "00"
        catalogDate = try c.decode(String.self, forKey: .catalogDate)
        currency = try c.decodeIfPresent(String.self, forKey: .currency)
        seller = try c.decodeIfPresent(Party.self, forKey: .seller)
        buyer = try c.decodeIfPresent(Party.self, forKey: .buyer)
        items = try c.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}
