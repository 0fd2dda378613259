import Foundation

/// One price published to a partner in an 832.
public struct PublishedPriceRecord: Sendable, Hashable {
    public var item: String
    public var uom: String
    public var price: Decimal
    public var effectiveDate: String
    public var expirationDate: String?
    /// The 832 that published it (nil before it is recorded).
    public var outboundID: Int64?

    public init(item: String, uom: String, price: Decimal, effectiveDate: String, expirationDate: String?, outboundID: Int64? = nil) {
        self.item = item
        self.uom = uom
        self.price = price
        self.effectiveDate = effectiveDate
        self.expirationDate = expirationDate
        self.outboundID = outboundID
    }
}

/// Every price published to a partner (832), kept with the catalog that carried it: what a
/// catalog of deltas is compared with, and what an order at a published price is recognised by.
extension GatewayStore {
    /// The latest price published to the partner for each item.
    public func publishedPrices(partner: String) async throws -> [String: PublishedPriceRecord] {
        try await database.read { db in
            var latest: [String: PublishedPriceRecord] = [:]
            for row in try db.fetchAll(sql: "SELECT * FROM published_prices WHERE partner = ? ORDER BY outbound_id", arguments: [partner]) {
                let record = try Self.publishedPrice(row)
                latest[record.item] = record
            }
            return latest
        }
    }

    /// The prices published to the partner for an item that hold on `date` (YYYY-MM-DD), newest
    /// first.
    public func publishedPrices(partner: String, item: String, on date: String) async throws -> [PublishedPriceRecord] {
        try await database.read { db in
            try db.fetchAll(sql: """
                SELECT * FROM published_prices WHERE partner = ? AND item = ? AND effective_date <= ? AND (expiration_date IS NULL OR expiration_date >= ?)
                ORDER BY outbound_id DESC
                """, arguments: [partner, item, date, date]).map(Self.publishedPrice)
        }
    }

    /// For each item, the newest price published to the partner that holds on `date`: one read
    /// for a whole order, whatever its number of lines.
    public func publishedPrices(partner: String, on date: String) async throws -> [String: PublishedPriceRecord] {
        try await database.read { db in
            var newest: [String: PublishedPriceRecord] = [:]
            for row in try db.fetchAll(sql: """
                SELECT * FROM published_prices WHERE partner = ? AND effective_date <= ? AND (expiration_date IS NULL OR expiration_date >= ?)
                ORDER BY outbound_id
                """, arguments: [partner, date, date]) {
                let record = try Self.publishedPrice(row)
                newest[record.item] = record
            }
            return newest
        }
    }

    /// Queues the 832 and records every price it publishes, with its audit entry, in one
    /// transaction.
    package func recordCatalog(partner: String, prices: [PublishedPriceRecord], reason: String, answer: QueuedInterchange, at date: Date) async throws -> OutboundDocument {
        let controlNumbers = controlNumbers()
        return try await database.write { db in
            let queued = try Self.queueOutbound(partner: partner, type: answer.type, need: answer.need, controlNumbers: controlNumbers,
                                                build: answer.build, at: date, in: db).document
            let now = GatewayTimestamp.text(date)
            for price in prices {
                try db.execute(sql: """
                    INSERT INTO published_prices (partner, item, outbound_id, uom, price, effective_date, expiration_date, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [partner, price.item, queued.id, price.uom, "\(price.price)", price.effectiveDate, price.expirationDate, now])
            }
            try AuditTrail.append(AuditEvent(partner: partner, document: queued.documentReference, kind: .catalogPublished, details: [
                "reason": .text(reason), "items": .integer(Int64(prices.count)), "interchange": .text(queued.interchangeControl), "file": .text(queued.fileName),
                "prices": .list(prices.prefix(50).map { "\($0.item)=\($0.price)/\($0.uom) from \($0.effectiveDate)\($0.expirationDate.map { " to \($0)" } ?? "")" }
                                + (prices.count > 50 ? ["… \(prices.count - 50) more"] : [])),
            ]), at: date, in: db)
            return queued
        }
    }

    static func publishedPrice(_ row: StoreRow) throws -> PublishedPriceRecord {
        let item: String = row["item"]
        let text: String = row["price"]
        guard let price = Decimal(string: text) else {
            throw GatewayStoreError.corruptRow(table: "published_prices", key: item, detail: "price '\(text)' is not a decimal")
        }
        return PublishedPriceRecord(item: item, uom: row["uom"], price: price, effectiveDate: row["effective_date"],
                                    expirationDate: row["expiration_date"], outboundID: row["outbound_id"])
    }
}
