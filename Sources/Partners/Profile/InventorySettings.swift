/// The profile's `inventory:` section: which of our items the partner is told about, at which
/// warehouses, and when (846 inventory advice).
public struct InventorySettings: Codable, Sendable, Hashable {
    /// ERP warehouses whose available-to-promise the partner is told, one LIN per item each.
    public var warehouses: [String]
    /// A full look on this schedule (0: only on ERP inventory events and on demand).
    public var intervalMinutes: Int
    /// After the first advice, only items whose quantity changed since the last one.
    public var deltas: Bool
    /// Also QTY*17 on hand (the ERP's available-to-promise is what is always sent).
    public var onHand: Bool
    public var items: [PartnerItem]

    public init(warehouses: [String], intervalMinutes: Int = 1440, deltas: Bool = true, onHand: Bool = false, items: [PartnerItem]) {
        self.warehouses = warehouses
        self.intervalMinutes = intervalMinutes
        self.deltas = deltas
        self.onHand = onHand
        self.items = items
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        warehouses = try c.decode([String].self, forKey: .warehouses)
        intervalMinutes = try c.decodeIfPresent(Int.self, forKey: .intervalMinutes) ?? 1440
        deltas = try c.decodeIfPresent(Bool.self, forKey: .deltas) ?? true
        onHand = try c.decodeIfPresent(Bool.self, forKey: .onHand) ?? false
        items = try c.decode([PartnerItem].self, forKey: .items)
    }
}
