import Foundation

/// `POST /v1/prices/batch`: many lines of one order priced in one round trip.
public struct PriceRequest: Codable, Sendable, Hashable {
    public var customerId: String
    /// YYYY-MM-DD: the pricing date (promotions and contracts are dated).
    public var date: String
    public var currency: String?
    public var lines: [Line]

    public struct Line: Codable, Sendable, Hashable {
        /// The caller's own key for the line, echoed back (the validator uses the line's position).
        public var ref: String
        public var item: ItemReference
        public var quantity: Decimal
        public var uom: String

        public init(ref: String, item: ItemReference, quantity: Decimal, uom: String) {
            self.ref = ref
            self.item = item
            self.quantity = quantity
            self.uom = uom
        }
    }

    public init(customerId: String, date: String, currency: String? = nil, lines: [Line]) {
        self.customerId = customerId
        self.date = date
        self.currency = currency
        self.lines = lines
    }
}
