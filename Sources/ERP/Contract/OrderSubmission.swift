import Foundation

/// `PUT /v1/orders/{partnerId}/{poNumber}`: enter a validated order. PUT because it is
/// idempotent by partner + PO number: a retry after a lost answer returns the same ERP
/// order number instead of a duplicate order.
public struct OrderSubmission: Codable, Sendable, Hashable {
    public var partnerId: String
    public var poNumber: String
    public var customerId: String
    public var shipToId: String?
    public var currency: String?
    public var lines: [Line]

    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: String
        public var itemId: String
        public var quantity: Decimal
        public var uom: String
        public var unitPrice: Decimal
        /// YYYY-MM-DD promised date, for backordered lines.
        public var scheduledDate: String?

        public init(lineNumber: String, itemId: String, quantity: Decimal, uom: String, unitPrice: Decimal, scheduledDate: String? = nil) {
            self.lineNumber = lineNumber
            self.itemId = itemId
            self.quantity = quantity
            self.uom = uom
            self.unitPrice = unitPrice
            self.scheduledDate = scheduledDate
        }
    }

    public init(partnerId: String, poNumber: String, customerId: String, shipToId: String? = nil, currency: String? = nil, lines: [Line]) {
        self.partnerId = partnerId
        self.poNumber = poNumber
        self.customerId = customerId
        self.shipToId = shipToId
        self.currency = currency
        self.lines = lines
    }
}
