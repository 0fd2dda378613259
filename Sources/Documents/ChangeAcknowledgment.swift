import Foundation

/// Our answer to a change order (X12 865) in canonical form: the change accepted, accepted with
/// changes or refused, line by line, with the reasons.
public struct ChangeAcknowledgment: Codable, Sendable, Hashable {
    public var poNumber: String
    public var poDate: String
    /// BCA05: the buyer's change order sequence number it answers.
    public var changeSequence: String?
    /// BCA10: the date of this acknowledgment.
    public var ackDate: String
    /// BCA11: the date of the change request it answers.
    public var changeDate: String?
    /// BCA02: AD, AC, RD by default.
    public var status: OrderAcknowledgment.Status
    public var lines: [Line]
    /// Reasons a person can read, for the change as a whole.
    public var reasons: [String]

    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: String
        /// POC02 as the buyer sent it (see `ChangeOrder.Line.change`).
        public var change: String
        /// POC03: the quantity after the change, as asked.
        public var quantity: Decimal?
        public var uom: String?
        public var unitPrice: Decimal?
        public var buyerPartNumber: String?
        public var vendorPartNumber: String?
        public var gtin: String?
        public var productIds: [ProductID]?
        /// ACK01 line item status code: IA accepted, IQ quantity changed, IP price changed,
        /// IR rejected, ID deleted …
        public var status: String
        public var ackQuantity: Decimal?
        public var scheduledDate: String?
        /// Why the line is refused or changed.
        public var reason: String?

        public init(lineNumber: String, change: String, quantity: Decimal? = nil, uom: String? = nil, unitPrice: Decimal? = nil, buyerPartNumber: String? = nil, vendorPartNumber: String? = nil, gtin: String? = nil, productIds: [ProductID]? = nil, status: String, ackQuantity: Decimal? = nil, scheduledDate: String? = nil, reason: String? = nil) {
            self.lineNumber = lineNumber
            self.change = change
            self.quantity = quantity
            self.uom = uom
            self.unitPrice = unitPrice
            self.buyerPartNumber = buyerPartNumber
            self.vendorPartNumber = vendorPartNumber
            self.gtin = gtin
            self.productIds = productIds
            self.status = status
            self.ackQuantity = ackQuantity
            self.scheduledDate = scheduledDate
            self.reason = reason
        }
    }

    public init(poNumber: String, poDate: String, changeSequence: String? = nil, ackDate: String, changeDate: String? = nil, status: OrderAcknowledgment.Status, lines: [Line] = [], reasons: [String] = []) {
        self.poNumber = poNumber
        self.poDate = poDate
        self.changeSequence = changeSequence
        self.ackDate = ackDate
        self.changeDate = changeDate
        self.status = status
        self.lines = lines
        self.reasons = reasons
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        poNumber = try c.decode(String.self, forKey: .poNumber)
        poDate = try c.decode(String.self, forKey: .poDate)
        changeSequence = try c.decodeIfPresent(String.self, forKey: .changeSequence)
        ackDate = try c.decode(String.self, forKey: .ackDate)
        changeDate = try c.decodeIfPresent(String.self, forKey: .changeDate)
        status = try c.decode(OrderAcknowledgment.Status.self, forKey: .status)
        lines = try c.decodeIfPresent([Line].self, forKey: .lines) ?? []
        reasons = try c.decodeIfPresent([String].self, forKey: .reasons) ?? []
    }
}
