import Foundation

/// An advance ship notice (X12 856) in canonical form: shipment → orders → packs → items.
public struct ShipNotice: Codable, Sendable, Hashable {
    public var shipmentId: String
    public var shipDate: String
    public var carrier: Carrier?
    public var billOfLading: String?
    public var shipFrom: Party?
    public var shipTo: Party?
    public var orders: [Order]

    public struct Carrier: Codable, Sendable, Hashable {
        public var scac: String?
        public var trackingNumber: String?
        public init(scac: String? = nil, trackingNumber: String? = nil) {
            self.scac = scac
            self.trackingNumber = trackingNumber
        }
    }

    public struct Order: Codable, Sendable, Hashable {
        public var poNumber: String
        public var poDate: String?
        /// Packs shipped loose (HL P directly under HL O).
        public var packs: [Pack]
        /// Pallets (HL T) with their packs, for partners that want the tare level.
        public var tares: [Tare]
        public init(poNumber: String, poDate: String? = nil, packs: [Pack], tares: [Tare] = []) {
            self.poNumber = poNumber
            self.poDate = poDate
            self.packs = packs
            self.tares = tares
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            poNumber = try c.decode(String.self, forKey: .poNumber)
            poDate = try c.decodeIfPresent(String.self, forKey: .poDate)
            packs = try c.decodeIfPresent([Pack].self, forKey: .packs) ?? []
            tares = try c.decodeIfPresent([Tare].self, forKey: .tares) ?? []
        }
    }

    /// A pallet: its own SSCC-18 and the packs stacked on it.
    public struct Tare: Codable, Sendable, Hashable {
        public var sscc: String
        public var packs: [Pack]
        public init(sscc: String, packs: [Pack]) {
            self.sscc = sscc
            self.packs = packs
        }
    }

    public struct Pack: Codable, Sendable, Hashable {
        /// SSCC-18 of the carton or pallet (MAN*GM).
        public var sscc: String
        public var items: [Item]
        public init(sscc: String, items: [Item]) {
            self.sscc = sscc
            self.items = items
        }
    }

    public struct Item: Codable, Sendable, Hashable {
        public var lineNumber: String?
        public var buyerPartNumber: String?
        public var vendorPartNumber: String?
        public var gtin: String?
        /// The buyer's product-id pairs for the item, echoed as the order sent them.
        public var productIds: [ProductID]?
        public var quantity: Decimal
        public var uom: String
        public init(lineNumber: String? = nil, buyerPartNumber: String? = nil, vendorPartNumber: String? = nil, gtin: String? = nil, productIds: [ProductID]? = nil, quantity: Decimal, uom: String) {
            self.productIds = productIds
            self.lineNumber = lineNumber
            self.buyerPartNumber = buyerPartNumber
            self.vendorPartNumber = vendorPartNumber
            self.gtin = gtin
            self.quantity = quantity
            self.uom = uom
        }
    }

    public init(shipmentId: String, shipDate: String, carrier: Carrier? = nil, billOfLading: String? = nil, shipFrom: Party? = nil, shipTo: Party? = nil, orders: [Order]) {
        self.shipmentId = shipmentId
        self.shipDate = shipDate
        self.carrier = carrier
        self.billOfLading = billOfLading
        self.shipFrom = shipFrom
        self.shipTo = shipTo
        self.orders = orders
    }
}
