import Foundation

public struct AvailabilityResponse: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable {
        case available
        case short
        case unknownItem
        case unknownUOM
        case unknownWarehouse
    }

    public struct Substitute: Codable, Sendable, Hashable {
        public var itemId: String
        public var description: String?
        /// In the requested UOM.
        public var availableToPromise: Decimal

        public init(itemId: String, description: String? = nil, availableToPromise: Decimal) {
            self.itemId = itemId
            self.description = description
            self.availableToPromise = availableToPromise
        }
    }

    public struct Result: Codable, Sendable, Hashable {
        public var ref: String
        public var status: Status
        public var itemId: String?
        public var warehouse: String?
        /// on hand − allocated − safety stock + receipts due by the date, in the requested
        /// UOM and rounded down to whole units of it (a partner cannot take 0.5 CA).
        public var availableToPromise: Decimal?
        public var availableToPromiseBase: Decimal?
        public var baseUOM: String?
        /// The first date by which the whole requested quantity is available, counting
        /// later receipts; absent when no receipt covers it.
        public var fillDate: String?
        public var nextReceiptDate: String?
        public var substitutes: [Substitute]
        public var detail: String?

        public init(ref: String, status: Status, itemId: String? = nil, warehouse: String? = nil, availableToPromise: Decimal? = nil, availableToPromiseBase: Decimal? = nil, baseUOM: String? = nil, fillDate: String? = nil, nextReceiptDate: String? = nil, substitutes: [Substitute] = [], detail: String? = nil) {
            self.ref = ref
            self.status = status
            self.itemId = itemId
            self.warehouse = warehouse
            self.availableToPromise = availableToPromise
            self.availableToPromiseBase = availableToPromiseBase
            self.baseUOM = baseUOM
            self.fillDate = fillDate
            self.nextReceiptDate = nextReceiptDate
            self.substitutes = substitutes
            self.detail = detail
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            ref = try c.decode(String.self, forKey: .ref)
            status = try c.decode(Status.self, forKey: .status)
            itemId = try c.decodeIfPresent(String.self, forKey: .itemId)
            warehouse = try c.decodeIfPresent(String.self, forKey: .warehouse)
            availableToPromise = try c.decodeIfPresent(Decimal.self, forKey: .availableToPromise)
            availableToPromiseBase = try c.decodeIfPresent(Decimal.self, forKey: .availableToPromiseBase)
            baseUOM = try c.decodeIfPresent(String.self, forKey: .baseUOM)
            fillDate = try c.decodeIfPresent(String.self, forKey: .fillDate)
            nextReceiptDate = try c.decodeIfPresent(String.self, forKey: .nextReceiptDate)
            substitutes = try c.decodeIfPresent([Substitute].self, forKey: .substitutes) ?? []
            detail = try c.decodeIfPresent(String.self, forKey: .detail)
        }
    }

    public var warehouse: String?
    public var results: [Result]

    public init(warehouse: String? = nil, results: [Result]) {
        self.warehouse = warehouse
        self.results = results
    }
}
