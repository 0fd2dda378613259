import Foundation

/// A buyer's purchase order change request (X12 860) in canonical form. A re-sent 850 with
/// BEG01 `05` (replace) becomes one too (every line `replace`).
public struct ChangeOrder: Codable, Sendable, Hashable {
    /// BCH03: the order on record this changes.
    public var poNumber: String
    /// BCH06, YYYY-MM-DD.
    public var poDate: String
    /// BCH01 transaction set purpose code: `04` change, `01` cancellation (of the whole order),
    /// `05` replace.
    public var purpose: String
    /// BCH02 purchase order type code.
    public var orderType: String
    /// BCH05 change order sequence number: a buyer's changes are applied in this order.
    public var changeSequence: String?
    /// BCH10: the date of the change request.
    public var changeDate: String?
    public var shipTo: Party?
    public var requestedShipDate: String?
    public var requestedDeliveryDate: String?
    public var lines: [Line]
    public var notes: [String]

    /// One changed line (a POC loop).
    public struct Line: Codable, Sendable, Hashable {
        /// POC01: the order line it changes (or adds).
        public var lineNumber: String
        /// POC02 change or response type code, as words where the map knows the code: `add`
        /// (AI), `cancel` (DI), `quantityIncrease` (QI), `quantityDecrease` (QD), `priceChange`
        /// (PC), `priceAndQuantity` (PQ), `dateChange` (CT), `change` (CA), `replace` (RZ),
        /// `noChange` (NC); any other code as sent.
        public var change: String
        /// POC03: the quantity ordered after the change.
        public var quantity: Decimal?
        public var uom: String?
        /// POC06: the unit price after the change.
        public var unitPrice: Decimal?
        public var buyerPartNumber: String?
        public var vendorPartNumber: String?
        public var gtin: String?
        public var productIds: [ProductID]?
        public var description: String?
        /// DTM*010 in the POC loop: the ship date the line moves to (a date change, CT).
        public var requestedShipDate: String?
        /// DTM*002 in the POC loop: the delivery date the line moves to.
        public var requestedDeliveryDate: String?

        public init(lineNumber: String, change: String, quantity: Decimal? = nil, uom: String? = nil, unitPrice: Decimal? = nil, buyerPartNumber: String? = nil, vendorPartNumber: String? = nil, gtin: String? = nil, productIds: [ProductID]? = nil, description: String? = nil,
                    requestedShipDate: String? = nil, requestedDeliveryDate: String? = nil) {
            self.lineNumber = lineNumber
            self.change = change
            self.quantity = quantity
            self.uom = uom
            self.unitPrice = unitPrice
            self.buyerPartNumber = buyerPartNumber
            self.vendorPartNumber = vendorPartNumber
            self.gtin = gtin
            self.productIds = productIds
            self.description = description
            self.requestedShipDate = requestedShipDate
            self.requestedDeliveryDate = requestedDeliveryDate
        }
    }

    public init(poNumber: String, poDate: String, purpose: String = "04", orderType: String = "SA", changeSequence: String? = nil, changeDate: String? = nil, shipTo: Party? = nil, requestedShipDate: String? = nil, requestedDeliveryDate: String? = nil, lines: [Line] = [], notes: [String] = []) {
        self.poNumber = poNumber
        self.poDate = poDate
        self.purpose = purpose
        self.orderType = orderType
        self.changeSequence = changeSequence
        self.changeDate = changeDate
        self.shipTo = shipTo
        self.requestedShipDate = requestedShipDate
        self.requestedDeliveryDate = requestedDeliveryDate
        self.lines = lines
        self.notes = notes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        poNumber = try c.decode(String.self, forKey: .poNumber)
        poDate = try c.decode(String.self, forKey: .poDate)
        purpose = try c.decodeIfPresent(String.self, forKey: .purpose) ?? "04"
        orderType = try c.decodeIfPresent(String.self, forKey: .orderType) ?? "SA"
        changeSequence = try c.decodeIfPresent(String.self, forKey: .changeSequence)
        changeDate = try c.decodeIfPresent(String.self, forKey: .changeDate)
        shipTo = try c.decodeIfPresent(Party.self, forKey: .shipTo)
        requestedShipDate = try c.decodeIfPresent(String.self, forKey: .requestedShipDate)
        requestedDeliveryDate = try c.decodeIfPresent(String.self, forKey: .requestedDeliveryDate)
        lines = try c.decodeIfPresent([Line].self, forKey: .lines) ?? []
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    }

    /// Whether the change cancels the whole order (BCH01 `01`).
    public var cancelsOrder: Bool { purpose == "01" }
}
