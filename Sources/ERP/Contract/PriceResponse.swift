import Foundation

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
        /// YYYY-MM-DD: the last day this price holds, when the ERP knows it (a contract's or a
        /// promotion's end); nil: until changed. What a published catalog says it expires on.
        public var validUntil: String?
        public var detail: String?

        public init(ref: String, status: Status, itemId: String? = nil, netUnitPrice: Decimal? = nil, currency: String? = nil, priceSource: PriceSource? = nil, uomConversion: UOMConversion? = nil, listUnitPrice: Decimal? = nil, validUntil: String? = nil, detail: String? = nil) {
            self.validUntil = validUntil
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
