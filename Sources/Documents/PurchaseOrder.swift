import Foundation

/// A purchase order (X12 850) in the gateway's canonical form.
public struct PurchaseOrder: Codable, Sendable, Hashable {
    public var poNumber: String
    /// YYYY-MM-DD.
    public var poDate: String
    /// BEG01 transaction set purpose code, e.g. `00` original.
    public var purpose: String
    /// BEG02 purchase order type code, e.g. `SA` stand-alone.
    public var orderType: String
    public var currency: String?
    public var shipTo: Party?
    public var billTo: Party?
    public var buyer: Party?
    public var seller: Party?
    public var requestedShipDate: String?
    public var requestedDeliveryDate: String?
    public var lines: [Line]
    public var charges: [Charge]
    public var notes: [String]

    public struct Line: Codable, Sendable, Hashable {
        /// PO101 assigned identification, kept as text (`1`, `0001` and `A1` all occur).
        public var lineNumber: String
        public var quantity: Decimal
        public var uom: String
        public var unitPrice: Decimal?
        public var buyerPartNumber: String?
        public var vendorPartNumber: String?
        public var gtin: String?
        public var description: String?
        /// Every product-id pair of the line, in the order sent (the named fields above are
        /// views of some of them).
        public var productIds: [ProductID]?

        public init(lineNumber: String, quantity: Decimal, uom: String, unitPrice: Decimal? = nil, buyerPartNumber: String? = nil, vendorPartNumber: String? = nil, gtin: String? = nil, description: String? = nil, productIds: [ProductID]? = nil) {
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

    public init(poNumber: String, poDate: String, purpose: String = "00", orderType: String = "SA", currency: String? = nil, shipTo: Party? = nil, billTo: Party? = nil, buyer: Party? = nil, seller: Party? = nil, requestedShipDate: String? = nil, requestedDeliveryDate: String? = nil, lines: [Line] = [], charges: [Charge] = [], notes: [String] = []) {
        self.poNumber = poNumber
        self.poDate = poDate
        self.purpose = purpose
        self.orderType = orderType
        self.currency = currency
        self.shipTo = shipTo
        self.billTo = billTo
        self.buyer = buyer
        self.seller = seller
        self.requestedShipDate = requestedShipDate
        self.requestedDeliveryDate = requestedDeliveryDate
        self.lines = lines
        self.charges = charges
        self.notes = notes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        poNumber = try c.decode(String.self, forKey: .poNumber)
        poDate = try c.decode(String.self, forKey: .poDate)
        purpose = try c.decodeIfPresent(String.self, forKey: .purpose) ?? "00"
        orderType = try c.decodeIfPresent(String.self, forKey: .orderType) ?? "SA"
        currency = try c.decodeIfPresent(String.self, forKey: .currency)
        shipTo = try c.decodeIfPresent(Party.self, forKey: .shipTo)
        billTo = try c.decodeIfPresent(Party.self, forKey: .billTo)
        buyer = try c.decodeIfPresent(Party.self, forKey: .buyer)
        seller = try c.decodeIfPresent(Party.self, forKey: .seller)
        requestedShipDate = try c.decodeIfPresent(String.self, forKey: .requestedShipDate)
        requestedDeliveryDate = try c.decodeIfPresent(String.self, forKey: .requestedDeliveryDate)
        lines = try c.decodeIfPresent([Line].self, forKey: .lines) ?? []
        charges = try c.decodeIfPresent([Charge].self, forKey: .charges) ?? []
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    }

    /// Σ quantity × unit price over priced lines, + charges − allowances.
    public var extendedTotal: Decimal {
        let lineTotal = lines.reduce(Decimal(0)) { $0 + $1.quantity * ($1.unitPrice ?? 0) }
        return charges.reduce(lineTotal) { $0 + ($1.kind == .charge ? $1.amount : -$1.amount) }
    }
}
