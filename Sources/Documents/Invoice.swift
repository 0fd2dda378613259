import Foundation

/// An invoice (X12 810) in canonical form.
public struct Invoice: Codable, Sendable, Hashable {
    public var invoiceNumber: String
    public var invoiceDate: String
    public var poNumber: String
    public var poDate: String?
    public var currency: String?
    public var terms: Terms?
    public var remitTo: Party?
    public var billTo: Party?
    public var shipTo: Party?
    public var lines: [Line]
    public var charges: [Charge]
    public var tax: Decimal?
    /// The invoice total; when given it must equal the recomputed one.
    public var total: Decimal?

    public struct Terms: Codable, Sendable, Hashable {
        public var discountPercent: Decimal?
        public var discountDays: Int?
        public var netDays: Int?
        public init(discountPercent: Decimal? = nil, discountDays: Int? = nil, netDays: Int? = nil) {
            self.discountPercent = discountPercent
            self.discountDays = discountDays
            self.netDays = netDays
        }
    }

    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: String
        public var quantity: Decimal
        public var uom: String
        public var unitPrice: Decimal
        public var buyerPartNumber: String?
        public var vendorPartNumber: String?
        public var gtin: String?
        public var description: String?
        /// The buyer's product-id pairs for the line, echoed as the order sent them.
        public var productIds: [ProductID]?
        public init(lineNumber: String, quantity: Decimal, uom: String, unitPrice: Decimal, buyerPartNumber: String? = nil, vendorPartNumber: String? = nil, gtin: String? = nil, description: String? = nil, productIds: [ProductID]? = nil) {
            self.productIds = productIds
            self.lineNumber = lineNumber
            self.quantity = quantity
            self.uom = uom
            self.unitPrice = unitPrice
            self.buyerPartNumber = buyerPartNumber
            self.vendorPartNumber = vendorPartNumber
            self.gtin = gtin
            self.description = description
        }
    }

    public init(invoiceNumber: String, invoiceDate: String, poNumber: String, poDate: String? = nil, currency: String? = nil, terms: Terms? = nil, remitTo: Party? = nil, billTo: Party? = nil, shipTo: Party? = nil, lines: [Line], charges: [Charge] = [], tax: Decimal? = nil, total: Decimal? = nil) {
        self.invoiceNumber = invoiceNumber
        self.invoiceDate = invoiceDate
        self.poNumber = poNumber
        self.poDate = poDate
        self.currency = currency
        self.terms = terms
        self.remitTo = remitTo
        self.billTo = billTo
        self.shipTo = shipTo
        self.lines = lines
        self.charges = charges
        self.tax = tax
        self.total = total
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        invoiceNumber = try c.decode(String.self, forKey: .invoiceNumber)
        invoiceDate = try c.decode(String.self, forKey: .invoiceDate)
        poNumber = try c.decode(String.self, forKey: .poNumber)
        poDate = try c.decodeIfPresent(String.self, forKey: .poDate)
        currency = try c.decodeIfPresent(String.self, forKey: .currency)
        terms = try c.decodeIfPresent(Terms.self, forKey: .terms)
        remitTo = try c.decodeIfPresent(Party.self, forKey: .remitTo)
        billTo = try c.decodeIfPresent(Party.self, forKey: .billTo)
        shipTo = try c.decodeIfPresent(Party.self, forKey: .shipTo)
        lines = try c.decode([Line].self, forKey: .lines)
        charges = try c.decodeIfPresent([Charge].self, forKey: .charges) ?? []
        tax = try c.decodeIfPresent(Decimal.self, forKey: .tax)
        total = try c.decodeIfPresent(Decimal.self, forKey: .total)
    }
}
