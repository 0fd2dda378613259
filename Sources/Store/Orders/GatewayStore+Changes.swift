import Documents
import Foundation

/// What `registerChange` found for a translated change order.
public enum ChangeRegistration: Sendable, Hashable {
    /// First time: recorded as `received`.
    case new(OrderChangeRecord)
    /// This file recorded it on an earlier attempt: continue from where it stands.
    case resumed(OrderChangeRecord)
    /// Another file brought the same change (PO and change sequence) before: not decided again.
    case receivedBefore(OrderChangeRecord)
}

/// Buyers' changes to orders on record: recorded once per partner, PO and change key, decided
/// with the ERP, answered with an 865; the order's lines follow in the same transaction.
extension GatewayStore {
    public func registerChange(_ change: ChangeOrder, key: String, order: OrderRecord, from file: InboundFile, set: String,
                               at date: Date = Date()) async throws -> ChangeRegistration {
        let json = try StoredJSON.encode(change)
        return try await database.write { db in
            if let existing = try Self.change(partner: file.partner, poNumber: change.poNumber, key: key, in: db) {
                return existing.inboundID == file.id ? .resumed(existing) : .receivedBefore(existing)
            }
            let now = GatewayTimestamp.text(date)
            let id = try db.fetchOne(Int64.self, sql: """
                INSERT INTO order_changes (partner, po_number, change_key, order_id, inbound_id, set_control, change_order, status, received_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?) RETURNING id
                """, arguments: [file.partner, change.poNumber, key, order.id, file.id, set, json, now, now])!
            try AuditTrail.append(AuditEvent(partner: file.partner, document: file.documentReference, kind: .changeTranslated, details: [
                "poNumber": .text(change.poNumber), "change": .text(key), "set": .text(set), "purpose": .text(change.purpose),
                "lines": .integer(Int64(change.lines.count)), "order": .text(order.documentReference), "changeOrder": .text("change/\(id)"),
            ]), at: date, in: db)
            return .new(try Self.change(id: id, in: db))
        }
    }

    public func recordChangeHeld(_ change: OrderChangeRecord, reason: String, retriesByItself: Bool, at date: Date = Date()) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE order_changes SET status = 'held', hold_reason = ?, updated_at = ? WHERE id = ? AND status != 'decided'",
                           arguments: [reason, GatewayTimestamp.text(date), change.id])
            try AuditTrail.append(AuditEvent(partner: change.partner, document: "inbound/\(change.inboundID)", kind: .changeHeld, details: [
                "poNumber": .text(change.poNumber), "change": .text(change.changeKey), "reason": .text(reason), "retriesByItself": .flag(retriesByItself),
                "changeOrder": .text(change.documentReference),
            ]), at: date, in: db)
        }
    }

    /// The change decided: the order's lines as they now stand (quantities, prices, statuses,
    /// added lines), the ERP's lines, the 865 queued — one transaction, the file's
    /// `865 <PO> <key>` step.
    package func recordChangeDecided(_ change: OrderChangeRecord, file: InboundFile, owner: WorkerIdentity, acknowledgment: ChangeAcknowledgment,
                                     lines: [ChangedOrderLine], erpLines: String?, erpApplied: Bool, findings: [String],
                                     answer: QueuedInterchange?, at date: Date) async throws -> (change: OrderChangeRecord, step: InboundStep) {
        let json = try StoredJSON.encode(acknowledgment)
        let standing = try StoredJSON.encode(lines.compactMap(\.line))
        let controlNumbers = controlNumbers()
        return try await database.write { db in
            try Self.requireLease(file.id, owner: owner, in: db)
            let now = GatewayTimestamp.text(date)
            let order = try Self.order(id: change.orderID, in: db)
            try db.execute(sql: """
                UPDATE order_changes SET status = 'decided', hold_reason = NULL, acknowledgment = ?, acknowledgment_status = ?, decided_at = ?, updated_at = ?
                WHERE id = ?
                """, arguments: [json, acknowledgment.status.rawValue, now, now, change.id])
            if acknowledgment.status != .rejected {
                try db.execute(sql: "UPDATE orders SET current_lines = ?, erp_lines = ?, updated_at = ? WHERE id = ?",
                               arguments: [standing, erpLines, now, order.id])
                var next = (order.lines.map(\.position).max() ?? -1) + 1
                let recorded = Set(order.lines.map(\.lineNumber))
                for line in lines where !line.status.isEmpty {
                    let known = recorded.contains(line.lineNumber)
                    let quantity = line.line.map { "\($0.quantity)" } ?? "0"
                    let price = line.line?.unitPrice.map { "\($0)" }
                    if known {
                        try db.execute(sql: """
                            UPDATE order_lines SET acknowledged_status = ?, acknowledged_quantity = ?, acknowledged_price = COALESCE(?, acknowledged_price)
                            WHERE order_id = ? AND position = (SELECT MIN(position) FROM order_lines WHERE order_id = ? AND line_number = ?)
                            """, arguments: [line.status, quantity, price, order.id, order.id, line.lineNumber])
                    } else if let added = line.line {
                        try db.execute(sql: """
                            INSERT INTO order_lines (order_id, position, line_number, uom, ordered_quantity, acknowledged_status, acknowledged_quantity, acknowledged_price)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [order.id, next, added.lineNumber, added.uom, quantity, line.status, quantity, price])
                        next += 1
                    }
                }
            }
            try AuditTrail.append(AuditEvent(partner: change.partner, document: file.documentReference, kind: .changeDecided, details: [
                "poNumber": .text(change.poNumber), "change": .text(change.changeKey), "status": .text(acknowledgment.status.rawValue),
                "lines": .list(lines.filter { !$0.status.isEmpty }.map { "\($0.lineNumber)=\($0.status) \($0.line.map { "\($0.quantity)" } ?? "0")" }),
                "erpApplied": .flag(erpApplied), "findings": .list(findings), "changeOrder": .text(change.documentReference), "order": .text(order.documentReference),
            ]), at: date, in: db)
            var outbound: OutboundDocument?
            if let answer {
                let queued = try Self.queueOutbound(partner: change.partner, type: answer.type, need: answer.need, controlNumbers: controlNumbers,
                                                    build: answer.build, at: date, in: db).document
                try db.execute(sql: "UPDATE order_changes SET acknowledgment_outbound_id = ? WHERE id = ?", arguments: [queued.id, change.id])
                try AuditTrail.append(AuditEvent(partner: change.partner, document: file.documentReference, kind: .changeAcknowledged, details: [
                    "poNumber": .text(change.poNumber), "change": .text(change.changeKey), "status": .text(acknowledgment.status.rawValue),
                    "changeOrder": .text(change.documentReference), "outbound": .text(queued.documentReference),
                    "interchange": .text(queued.interchangeControl), "file": .text(queued.fileName),
                ]), at: date, in: db)
                outbound = queued
            }
            let step = try Self.insertStep(file.id, step: InboundStep.changeAnswered(poNumber: change.poNumber, key: change.changeKey),
                                           outcome: outbound.map { "\($0.type) \(acknowledgment.status.rawValue)" } ?? "decided \(acknowledgment.status.rawValue)",
                                           outbound: outbound?.id, at: date, in: db)
            return (try Self.change(id: change.id, in: db), step)
        }
    }

    /// The changes received for an order, oldest first.
    public func changes(partner: String, poNumber: String) async throws -> [OrderChangeRecord] {
        try await database.read { db in
            try db.fetchAll(sql: "SELECT * FROM order_changes WHERE partner = ? AND po_number = ? ORDER BY id", arguments: [partner, poNumber]).map(OrderChangeRecord.init(row:))
        }
    }

    static func change(partner: String, poNumber: String, key: String, in db: any StoreConnection) throws -> OrderChangeRecord? {
        try db.fetchOne(sql: "SELECT * FROM order_changes WHERE partner = ? AND po_number = ? AND change_key = ?", arguments: [partner, poNumber, key]).map(OrderChangeRecord.init(row:))
    }

    static func change(id: Int64, in db: any StoreConnection) throws -> OrderChangeRecord {
        guard let row = try db.fetchOne(sql: "SELECT * FROM order_changes WHERE id = ?", arguments: [id]) else {
            throw GatewayStoreError.corruptRow(table: "order_changes", key: "\(id)", detail: "missing")
        }
        return try OrderChangeRecord(row: row)
    }
}
