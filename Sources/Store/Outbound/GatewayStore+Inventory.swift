import Foundation

/// One quantity told to a partner: an item (the profile's key for it) at a warehouse.
public struct InventoryPositionRecord: Sendable, Hashable {
    public var item: String
    public var warehouse: String
    public var quantity: Decimal

    public init(item: String, warehouse: String, quantity: Decimal) {
        self.item = item
        self.warehouse = warehouse
        self.quantity = quantity
    }
}

/// What each partner was last told it can have (846): what an advice of deltas is compared
/// with. Updated in the transaction that queues the advice, so a crash never leaves the two
/// apart.
extension GatewayStore {
    /// `item/warehouse` → quantity last advised to the partner.
    public func inventoryPositions(partner: String) async throws -> [String: Decimal] {
        try await database.read { db in
            var positions: [String: Decimal] = [:]
            for row in try db.fetchAll(sql: "SELECT item, warehouse, quantity FROM inventory_positions WHERE partner = ?", arguments: [partner]) {
                let item: String = row["item"]
                let warehouse: String = row["warehouse"]
                let text: String = row["quantity"]
                guard let quantity = Decimal(string: text) else {
                    throw GatewayStoreError.corruptRow(table: "inventory_positions", key: "\(partner)/\(item)/\(warehouse)", detail: "quantity '\(text)' is not a decimal")
                }
                positions["\(item)/\(warehouse)"] = quantity
            }
            return positions
        }
    }

    /// Queues the 846 and records what it tells, with its audit entry, in one transaction.
    package func recordInventoryAdvice(partner: String, positions: [InventoryPositionRecord], reason: String, answer: QueuedInterchange,
                                       at date: Date) async throws -> OutboundDocument {
        let controlNumbers = controlNumbers()
        return try await database.write { db in
            let queued = try Self.queueOutbound(partner: partner, type: answer.type, need: answer.need, controlNumbers: controlNumbers,
                                                build: answer.build, at: date, in: db)
            let now = GatewayTimestamp.text(date)
            for position in positions {
                try db.execute(sql: """
                    INSERT INTO inventory_positions (partner, item, warehouse, quantity, advised_at, outbound_id) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (partner, item, warehouse) DO UPDATE SET quantity = excluded.quantity, advised_at = excluded.advised_at, outbound_id = excluded.outbound_id
                    """, arguments: [partner, position.item, position.warehouse, "\(position.quantity)", now, queued.id])
            }
            try AuditTrail.append(AuditEvent(partner: partner, document: queued.documentReference, kind: .inventoryAdvised, details: [
                "reason": .text(reason), "items": .integer(Int64(positions.count)), "interchange": .text(queued.interchangeControl), "file": .text(queued.fileName),
                "positions": .list(positions.prefix(50).map { "\($0.item)@\($0.warehouse)=\($0.quantity)" } + (positions.count > 50 ? ["… \(positions.count - 50) more"] : [])),
            ]), at: date, in: db)
            return queued
        }
    }
}
