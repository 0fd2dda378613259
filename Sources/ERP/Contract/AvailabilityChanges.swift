/// `POST /v1/availability/changes`: which items' availability moved at these warehouses since a
/// cursor the ERP gave before — a change feed, so a scheduled inventory advice asks the ERP
/// again only about what moved instead of every item a partner carries. Optional in the
/// contract: an ERP without it answers 404 and the gateway asks about every item.
public struct AvailabilityChangesRequest: Codable, Sendable, Hashable {
    public var warehouses: [String]
    /// The cursor of the last answer; absent: where the feed stands now (no changes listed).
    public var after: String?
    /// At most this many changes per answer (`more` says whether to ask again).
    public var limit: Int

    public init(warehouses: [String], after: String?, limit: Int = 5000) {
        self.warehouses = warehouses
        self.after = after
        self.limit = limit
    }
}

public struct AvailabilityChanges: Codable, Sendable, Hashable {
    public struct Change: Codable, Sendable, Hashable {
        public var itemId: String
        public var gtin: String?
        public var warehouse: String

        public init(itemId: String, gtin: String? = nil, warehouse: String) {
            self.itemId = itemId
            self.gtin = gtin
            self.warehouse = warehouse
        }
    }

    /// Items whose on-hand, allocation, safety stock or receipts changed, oldest first (an item
    /// may appear more than once).
    public var changes: [Change]
    /// Where the next request starts (`after`).
    public var cursor: String
    /// More changes wait beyond `limit`.
    public var more: Bool

    public init(changes: [Change], cursor: String, more: Bool) {
        self.changes = changes
        self.cursor = cursor
        self.more = more
    }

    /// What the contract promises of an answer to `request`.
    public func contractViolation(for request: AvailabilityChangesRequest) -> String? {
        if cursor.isEmpty { return "no cursor" }
        if changes.count > request.limit { return "\(changes.count) changes, more than the \(request.limit) asked" }
        if request.after == nil, !changes.isEmpty { return "changes listed without a cursor to start from" }
        let asked = Set(request.warehouses)
        if let stray = changes.first(where: { !asked.contains($0.warehouse) || $0.itemId.isEmpty }) {
            return "change of '\(stray.itemId)' at warehouse \(stray.warehouse), not asked"
        }
        return nil
    }
}
