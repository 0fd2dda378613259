import Foundation

/// `POST /v1/availability/batch`: available-to-promise for many lines in one round trip.
/// Either `warehouse` or `shipToId` (whose serving warehouse is used) is given.
public struct AvailabilityRequest: Codable, Sendable, Hashable {
    public var customerId: String
    public var warehouse: String?
    public var shipToId: String?
    /// YYYY-MM-DD: receipts due on or before this date count as available.
    public var date: String
    public var lines: [Line]

    public struct Line: Codable, Sendable, Hashable {
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

    public init(customerId: String, warehouse: String? = nil, shipToId: String? = nil, date: String, lines: [Line]) {
        self.customerId = customerId
        self.warehouse = warehouse
        self.shipToId = shipToId
        self.date = date
        self.lines = lines
    }
}
