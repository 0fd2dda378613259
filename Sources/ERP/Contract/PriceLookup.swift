import Foundation

/// Where a net price came from, in the order the ERP prefers them: a customer contract
/// overrides everything; otherwise the lowest of list, quantity tier and dated promotion.
public enum PriceSource: String, Codable, Sendable, Hashable {
    case contract
    case tier
    case promotion
    case list
}

/// `POST /v1/prices/batch`: many lines of one order priced in one round trip.
public struct PriceRequest: Codable, Sendable, Hashable {
    public var customerId: String
    /// YYYY-MM-DD: the pricing date (promotions and contracts are dated).
    public var date: String
    public var currency: String?
    public var lines: [Line]

    public struct Line: Codable, Sendable, Hashable {
        /// The caller's own key for the line (the PO line number); echoed back.
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

/// A UOM conversion the ERP applied: 1 `from` = `factor` `to` (1 CA = 12 EA).
public struct UOMConversion: Codable, Sendable, Hashable {
    public var from: String
    public var to: String
    public var factor: Decimal

    public init(from: String, to: String, factor: Decimal) {
        self.from = from
        self.to = to
        self.factor = factor
    }
}

public struct PriceResponse: Codable, Sendable, Hashable {
    public var customerId: String
    public var results: [Result]

    public enum Status: String, Codable, Sendable, Hashable {
        case priced
        case unknownItem
        /// The item exists but the requested unit of measure does not convert to its base unit.
        case unknownUOM
    }

    public struct Result: Codable, Sendable, Hashable {
        public var ref: String
        public var status: Status
        public var itemId: String?
        /// Per requested UOM, after conversion.
        public var netUnitPrice: Decimal?
        public var currency: String?
        public var priceSource: PriceSource?
        public var uomConversion: UOMConversion?
        /// List price per requested UOM, so a reason can say what was discounted.
        public var listUnitPrice: Decimal?
        public var detail: String?

        public init(ref: String, status: Status, itemId: String? = nil, netUnitPrice: Decimal? = nil, currency: String? = nil, priceSource: PriceSource? = nil, uomConversion: UOMConversion? = nil, listUnitPrice: Decimal? = nil, detail: String? = nil) {
            self.ref = ref
            self.status = status
            self.itemId = itemId
            self.netUnitPrice = netUnitPrice
            self.currency = currency
            self.priceSource = priceSource
            self.uomConversion = uomConversion
            self.listUnitPrice = listUnitPrice
            self.detail = detail
        }
    }

    public init(customerId: String, results: [Result]) {
        self.customerId = customerId
        self.results = results
    }
}
