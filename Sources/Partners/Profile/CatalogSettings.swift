/// The profile's `catalog:` section: the items whose contract prices the partner is published
/// (832 price/sales catalog), and when.
public struct CatalogSettings: Codable, Sendable, Hashable {
    /// A look at the ERP's prices on this schedule (0: only on ERP price events and on demand).
    public var intervalMinutes: Int
    /// After the first catalog, only items whose price (or its end) changed.
    public var deltas: Bool
    public var items: [PartnerItem]

    public init(intervalMinutes: Int = 1440, deltas: Bool = true, items: [PartnerItem]) {
        self.intervalMinutes = intervalMinutes
        self.deltas = deltas
        self.items = items
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        intervalMinutes = try c.decodeIfPresent(Int.self, forKey: .intervalMinutes) ?? 1440
        deltas = try c.decodeIfPresent(Bool.self, forKey: .deltas) ?? true
        items = try c.decode([PartnerItem].self, forKey: .items)
    }
}
