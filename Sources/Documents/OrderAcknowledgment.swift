import Foundation

/// A purchase order acknowledgment (X12 855) in canonical form.
public struct OrderAcknowledgment: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable {
        case accepted
        case acceptedWithChanges
        case rejected
    }

    public var poNumber: String
    public var poDate: String
    public var ackDate: String
    public var status: Status
    public var shipTo: Party?
    public var lines: [Line]
    /// Reasons a person can read, for the order as a whole.
    public var reasons: [String]

    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: String
        public var quantity: Decimal
        public var uom: String
        public var unitPrice: Decimal?
        public var buyerPartNumber: String?
        public var vendorPartNumber: String?
        public var gtin: String?
        /// The product ids of the ordered line, echoed back as the buyer sent them.
        public var productIds: [ProductID]?
        /// ACK01 line item status code: IA accepted, IP price changed, IQ quantity changed,
        /// IB backordered, IR rejected, R2 item not found …
        public var status: String
        public var ackQuantity: Decimal?
        public var ackUnitPrice: Decimal?
        public var scheduledDate: String?
        public var reason: String?

        public init(lineNumber: String, quantity: Decimal, uom: String, unitPrice: Decimal? = nil, buyerPartNumber: String? = nil, vendorPartNumber: String? = nil, gtin: String? = nil, productIds: [ProductID]? = nil, status: String, ackQuantity: Decimal? = nil, ackUnitPrice: Decimal? = nil, scheduledDate: String? = nil, reason: String? = nil) {
            self.gtin = gtin
            self.productIds = productIds
            self.lineNumber = lineNumber
            self.quantity = quantity
            self.uom = uom
            self.unitPrice = unitPrice
            self.buyerPartNumber = buyerPartNumber
            self.vendorPartNumber = vendorPartNumber
            self.status = status
            self.ackQuantity = ackQuantity
            self.ackUnitPrice = ackUnitPrice
            self.scheduledDate = scheduledDate
            self.reason = reason
        }
    }

    public init(poNumber: String, poDate: String, ackDate: String, status: Status, shipTo: Party? = nil, lines: [Line] = [], reasons: [String] = []) {
        self.poNumber = poNumber
        self.poDate = poDate
        self.ackDate = ackDate
        self.status = status
        self.shipTo = shipTo
        self.lines = lines
        self.reasons = reasons
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        poNumber = try c.decode(String.self, forKey: .poNumber)
        poDate = try c.decode(String.self, forKey: .poDate)
        ackDate = try c.decode(String.self, forKey: .ackDate)
        status = try c.decode(Status.self, forKey: .status)
        shipTo = try c.decodeIfPresent(Party.self, forKey: .shipTo)
        lines = try c.decodeIfPresent([Line].self, forKey: .lines) ?? []
        reasons = try c.decodeIfPresent([String].self, forKey: .reasons) ?? []
    }
}
