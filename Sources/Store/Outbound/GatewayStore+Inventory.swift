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

    /// Where the ERP's availability change feed was last read for the partner (nil: never).
    public func feedCursor(partner: String, feed: String) async throws -> String? {
        try await database.read { db in
            try db.fetchOne(String.self, sql: "SELECT cursor FROM feed_cursors WHERE partner = ? AND feed = ?", arguments: [partner, feed])
        }
    }

    /// The feed read up to `cursor` with nothing to tell the partner.
    public func saveFeedCursor(partner: String, feed: String, cursor: String, at date: Date = Date()) async throws {
        try await database.write { db in try Self.saveFeedCursor(partner: partner, feed: feed, cursor: cursor, at: date, in: db) }
    }

    static func saveFeedCursor(partner: String, feed: String, cursor: String, at date: Date, in db: any StoreConnection) throws {
        try db.execute(sql: """
            INSERT INTO feed_cursors (partner, feed, cursor, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (partner, feed) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
            """, arguments: [partner, feed, cursor, GatewayTimestamp.text(date)])
    }

    /// Queues the 846 and records what it tells, with its audit entry — and, when it came from
    /// the ERP's change feed, where the feed was read to — in one transaction.
    package func recordInventoryAdvice(partner: String, positions: [InventoryPositionRecord], reason: String, answer: QueuedInterchange,
                                       feedCursor: (feed: String, cursor: String)? = nil, at date: Date) async throws -> OutboundDocument {
        let controlNumbers = controlNumbers()
        return try await database.write { db in
            if let feedCursor { try Self.saveFeedCursor(partner: partner, feed: feedCursor.feed, cursor: feedCursor.cursor, at: date, in: db) }
            let queued = try Self.queueOutbound(partner: partner, type: answer.type, need: answer.need, controlNumbers: controlNumbers,
                                                build: answer.build, at: date, in: db).document
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
