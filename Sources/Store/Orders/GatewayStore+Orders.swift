import Documents
import Foundation

/// What `registerOrder` found for a translated 850.
public enum OrderRegistration: Sendable, Hashable {
    /// First time: recorded as `received`.
    case new(OrderRecord)
    /// This file recorded it on an earlier attempt: continue from where it stands.
    case resumed(OrderRecord)
    /// Another file brought the same PO number before: not decided again (a person looks at it).
    case receivedBefore(OrderRecord)
}

/// Orders: recorded once per partner and PO number, then decided and answered.
extension GatewayStore {
    /// Records a translated 850 as an order with its lines, audited (the trail names the order;
    /// the canonical order itself lives in `orders`).
    public func registerOrder(_ purchaseOrder: PurchaseOrder, from file: InboundFile, interchange: String, set: String,
                              at date: Date = Date()) async throws -> OrderRegistration {
        let json = try StoredJSON.encode(purchaseOrder)
        return try await database.write { db in
            if let existing = try Self.order(partner: file.partner, poNumber: purchaseOrder.poNumber, in: db) {
                return existing.inboundID == file.id ? .resumed(existing) : .receivedBefore(existing)
            }
            let now = GatewayTimestamp.text(date)
            let id = try db.fetchOne(Int64.self, sql: """
                INSERT INTO orders (partner, po_number, inbound_id, interchange_control, set_control, purchase_order, status, received_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?) RETURNING id
                """, arguments: [file.partner, purchaseOrder.poNumber, file.id, interchange, set, json, now, now])!
            for (position, line) in purchaseOrder.lines.enumerated() {
                try db.execute(sql: "INSERT INTO order_lines (order_id, position, line_number, uom, ordered_quantity) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, position, line.lineNumber, line.uom, "\(line.quantity)"])
            }
            try AuditTrail.append(AuditEvent(partner: file.partner, document: file.documentReference, kind: .orderTranslated, details: [
                "poNumber": .text(purchaseOrder.poNumber), "set": .text(set), "interchange": .text(interchange),
                "lines": .integer(Int64(purchaseOrder.lines.count)), "order": .text("order/\(id)"),
            ]), at: date, in: db)
            return .new(try Self.order(id: id, in: db, known: (purchaseOrder, nil)))
        }
    }

    /// The ERP could not answer, or the policy holds the order for a person: one audit entry
    /// per hold, naming the order (never another copy of it).
    /// `awaitingLocation`: the ship-to code whose approval the order waits for (816); applying
    /// that location's change releases the order's file.
    public func recordOrderHeld(_ order: OrderRecord, reason: String, retriesByItself: Bool, awaitingLocation: String? = nil, at date: Date = Date()) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE orders SET status = 'held', hold_reason = ?, awaiting_location = ?, updated_at = ? WHERE id = ? AND status != 'decided'",
                           arguments: [reason, awaitingLocation, GatewayTimestamp.text(date), order.id])
            var details: [String: AuditValue] = [
                "poNumber": .text(order.poNumber), "reason": .text(reason), "retriesByItself": .flag(retriesByItself), "order": .text(order.documentReference),
            ]
            if let awaitingLocation { details["awaitingLocation"] = .text(awaitingLocation) }
            try AuditTrail.append(AuditEvent(partner: order.partner, document: "inbound/\(order.inboundID)", kind: .orderHeld, details: details), at: date, in: db)
        }
    }

    /// The ERP decided the order: the decision, the per-line acknowledged quantities and prices,
    /// and the 855 (when the partner gets one) queued in the outbox — one transaction, recorded
    /// as the file's `855 <PO>` step.
    /// `publishedCatalogs`: line number → the 832 (`outbound/7`) whose price the line was ordered at.
    package func recordOrderDecided(_ order: OrderRecord, file: InboundFile, owner: WorkerIdentity, acknowledgment: OrderAcknowledgment, erpOrderNumber: String?, erpCreated: Bool?,
                            erpLines: String? = nil, findings: [String], publishedCatalogs: [String: String] = [:], answer: QueuedInterchange?,
                            uploadLease: Lease? = nil, at date: Date) async throws -> (order: OrderRecord, step: InboundStep, upload: ClaimedOutbound?) {
        let json = try StoredJSON.encode(acknowledgment)
        let controlNumbers = controlNumbers()
        return try await database.write { db in
            try Self.requireLease(file.id, owner: owner, in: db)
            let now = GatewayTimestamp.text(date)
            try db.execute(sql: """
                UPDATE orders SET status = 'decided', hold_reason = NULL, acknowledgment = ?, acknowledgment_status = ?, erp_order_number = ?,
                       erp_created = ?, erp_lines = ?, decided_at = ?, updated_at = ?
                WHERE id = ?
                """, arguments: [json, acknowledgment.status.rawValue, erpOrderNumber, erpCreated, erpLines, now, now, order.id])
            for line in acknowledgment.lines {
                let quantity = line.ackQuantity ?? line.quantity
                let price = line.ackUnitPrice ?? line.unitPrice
                try db.execute(sql: """
                    UPDATE order_lines SET acknowledged_status = ?, acknowledged_quantity = ?, acknowledged_price = ?
                    WHERE order_id = ? AND position = (SELECT MIN(position) FROM order_lines WHERE order_id = ? AND line_number = ?)
                    """, arguments: [line.status, "\(quantity)", price.map { "\($0)" }, order.id, order.id, line.lineNumber])
            }
            // Lines ordered at a price we published (832): finance's invoice audit names the catalog.
            for (lineNumber, catalog) in publishedCatalogs.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: "UPDATE order_lines SET published_catalog = ? WHERE order_id = ? AND line_number = ?", arguments: [catalog, order.id, lineNumber])
            }
            try AuditTrail.append(AuditEvent(partner: order.partner, document: file.documentReference, kind: .orderDecided, details: [
                "poNumber": .text(order.poNumber), "status": .text(acknowledgment.status.rawValue), "erpOrderNumber": .text(erpOrderNumber ?? ""),
                "erpCreated": erpCreated.map { .flag($0) } ?? .text(""), "findings": .list(findings), "order": .text(order.documentReference),
            ]), at: date, in: db)
            var outbound: OutboundDocument?
            var claimed: ClaimedOutbound?
            if let answer {
                let (queued, bytes) = try Self.queueOutbound(partner: order.partner, type: answer.type, need: answer.need, controlNumbers: controlNumbers,
                                                             build: answer.build, claimedBy: uploadLease, at: date, in: db)
                if uploadLease != nil { claimed = ClaimedOutbound(document: queued, bytes: bytes) }
                try db.execute(sql: "UPDATE orders SET acknowledgment_outbound_id = ? WHERE id = ?", arguments: [queued.id, order.id])
                try AuditTrail.append(AuditEvent(partner: order.partner, document: file.documentReference, kind: .orderAcknowledged, details: [
                    "poNumber": .text(order.poNumber), "status": .text(acknowledgment.status.rawValue), "order": .text(order.documentReference),
                    "outbound": .text(queued.documentReference), "interchange": .text(queued.interchangeControl), "file": .text(queued.fileName),
                ]), at: date, in: db)
                outbound = queued
            }
            let step = try Self.insertStep(file.id, step: InboundStep.orderAnswered(poNumber: order.poNumber),
                                           outcome: outbound.map { "\($0.type) \(acknowledgment.status.rawValue)" } ?? "decided \(acknowledgment.status.rawValue)",
                                           outbound: outbound?.id, at: date, in: db)
            return (try Self.order(id: order.id, in: db, known: (order.purchaseOrder, acknowledgment)), step, claimed)
        }
    }

    /// The order with that PO number from that partner, nil when none was received.
    public func order(partner: String, poNumber: String) async throws -> OrderRecord? {
        try await database.read { db in try Self.order(partner: partner, poNumber: poNumber, in: db) }
    }

    /// The orders a received file carried, in the order they were read.
    public func orders(ofInbound inbound: Int64) async throws -> [OrderRecord] {
        try await database.read { db in
            try db.fetchAll(Int64.self, sql: "SELECT id FROM orders WHERE inbound_id = ? ORDER BY id", arguments: [inbound]).map { try Self.order(id: $0, in: db) }
        }
    }

    /// Orders, newest first.
    public func orders(partner: String? = nil, limit: Int? = nil) async throws -> [OrderRecord] {
        try await database.read { db in
            var sql = "SELECT id FROM orders"
            var arguments: StoreArguments = []
            if let partner { sql += " WHERE partner = ?"; arguments += [partner] }
            sql += " ORDER BY id DESC"
            if let limit { sql += " LIMIT ?"; arguments += [limit] }
            return try db.fetchAll(Int64.self, sql: sql, arguments: arguments).map { try Self.order(id: $0, in: db) }
        }
    }

    static func order(partner: String, poNumber: String, in db: any StoreConnection) throws -> OrderRecord? {
        guard let id = try db.fetchOne(Int64.self, sql: "SELECT id FROM orders WHERE partner = ? AND po_number = ?", arguments: [partner, poNumber]) else { return nil }
        return try order(id: id, in: db)
    }

    static func order(id: Int64, in db: any StoreConnection, known: (purchaseOrder: PurchaseOrder, acknowledgment: OrderAcknowledgment?)? = nil) throws -> OrderRecord {
        guard let row = try db.fetchOne(sql: "SELECT * FROM orders WHERE id = ?", arguments: [id]) else {
            throw GatewayStoreError.corruptRow(table: "orders", key: "\(id)", detail: "no such order")
        }
        let lines = try db.fetchAll(sql: "SELECT * FROM order_lines WHERE order_id = ? ORDER BY position", arguments: [id])
        return try OrderRecord(row: row, lines: lines, known: known)
    }
}
