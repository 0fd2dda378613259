import Foundation
import GRDB
import X12

/// Outbound documents and the acknowledgments that answer them.
extension GatewayStore {
    /// Records an interchange we send (call it before the upload: a crash after the upload then
    /// leaves a record to reconcile against, never an untracked document at the partner).
    /// `expecting` are the groups a 997/999 should answer; empty for acknowledgments we send.
    public func recordOutbound(partner: String, type: String, interchangeControl: String, groupControls: [String], setControls: [String],
                               bytes: Data, sentAt: Date = Date(), expecting: [SentGroup] = []) async throws -> OutboundDocument {
        let sha256 = ContentDigest.sha256(bytes)
        let groupsJSON = try StoredJSON.encode(groupControls)
        let setsJSON = try StoredJSON.encode(setControls)
        let expectedSets = try expecting.map { try StoredJSON.encode($0.sets) }
        return try await database.write { db in
            try db.execute(sql: """
                INSERT INTO outbound_documents (partner, type, interchange_control, group_controls, set_controls, sha256, size, bytes, sent_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [partner, type, interchangeControl, groupsJSON, setsJSON, sha256, bytes.count, bytes, GatewayTimestamp.text(sentAt)])
            let id = db.lastInsertedRowID
            for (group, sets) in zip(expecting, expectedSets) {
                try db.execute(sql: """
                    INSERT INTO sent_groups (outbound_id, partner, interchange_control, partner_interchange_id, functional_id,
                                             sender_code, receiver_code, group_control, sets, sent_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, partner, group.interchangeControl, group.partnerID, group.functionalID,
                                     group.senderCode, group.receiverCode, group.groupControl, sets, group.sentAt])
            }
            let document = try Self.outboundDocument(id: id, in: db)
            try AuditTrail.append(AuditEvent(partner: partner, document: document.documentReference, kind: .outboundSent, details: [
                "type": .text(type), "interchangeControl": .text(interchangeControl), "groupControls": .list(groupControls),
                "setControls": .list(setControls), "sha256": .text(sha256), "size": .integer(Int64(bytes.count)),
                "awaitingAcknowledgment": .integer(Int64(expecting.count)),
            ]), at: sentAt, in: db)
            return document
        }
    }

    /// Records an interchange from its parsed form: control numbers and the groups awaiting a
    /// 997/999 (all but FA groups) come from the envelope itself, so they cannot disagree with it.
    public func recordOutbound(partner: String, type: String, interchange: Interchange, bytes: Data, sentAt: Date = Date()) async throws -> OutboundDocument {
        let groups = SentGroup.records(of: interchange, sentAt: Int64(sentAt.timeIntervalSince1970))
        return try await recordOutbound(partner: partner, type: type, interchangeControl: interchange.header.controlNumber,
                                        groupControls: interchange.groups.map(\.control),
                                        setControls: interchange.groups.flatMap { $0.transactionSets.map(\.control) },
                                        bytes: bytes, sentAt: sentAt, expecting: groups)
    }

    public func outboundDocument(id: Int64) async throws -> OutboundDocument {
        try await database.read { db in try Self.outboundDocument(id: id, in: db) }
    }

    public func contents(ofOutbound id: Int64) async throws -> Data {
        try await database.read { db in
            guard let bytes = try Data.fetchOne(db, sql: "SELECT bytes FROM outbound_documents WHERE id = ?", arguments: [id]) else {
                throw GatewayStoreError.noSuchOutboundDocument(id: id)
            }
            return bytes
        }
    }

    public func outboundDocuments(partner: String? = nil, limit: Int? = nil) async throws -> [OutboundDocument] {
        try await database.read { db in
            var sql = "SELECT * FROM outbound_documents"
            var arguments: StatementArguments = []
            if let partner { sql += " WHERE partner = ?"; arguments += [partner] }
            sql += " ORDER BY sent_at, id"
            if let limit { sql += " LIMIT ?"; arguments += [limit] }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(OutboundDocument.init(row:))
        }
    }

    /// Sent groups, optionally only those with one outcome (`.awaiting` feeds the reconciler).
    public func sentGroups(partner: String? = nil, outcome: AcknowledgmentReconciler.Outcome? = nil) async throws -> [SentGroupRecord] {
        try await database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let partner { conditions.append("partner = ?"); arguments += [partner] }
            if let outcome { conditions.append("outcome = ?"); arguments += [outcome.rawValue] }
            let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: "SELECT * FROM sent_groups\(whereClause) ORDER BY sent_at, id", arguments: arguments)
                .map(SentGroupRecord.init(row:))
        }
    }

    /// Stores the reconciler's verdicts. Only groups still awaiting are updated: the first
    /// acknowledgment decides (a partner's repeated 997 does not rewrite history), and
    /// `awaiting` outcomes change nothing. Returns the groups that were decided now.
    @discardableResult
    public func markAcknowledged(_ outcomes: [AcknowledgmentReconciler.GroupOutcome], at date: Date = Date()) async throws -> [SentGroupRecord] {
        let decided = outcomes.filter { $0.outcome != .awaiting }
        let encoded = try decided.map { (outcome: $0, sets: try StoredJSON.encode($0.sets), notes: try StoredJSON.encode($0.notes)) }
        return try await database.write { db in
            var updated: [SentGroupRecord] = []
            for item in encoded {
                let group = item.outcome.group
                let ids = try Int64.fetchAll(db, sql: """
                    SELECT id FROM sent_groups
                    WHERE outcome = 'awaiting' AND partner_interchange_id = ? AND interchange_control = ? AND functional_id = ? AND group_control = ?
                    ORDER BY id
                    """, arguments: [group.partnerID, group.interchangeControl, group.functionalID, group.groupControl])
                for id in ids {
                    try db.execute(sql: """
                        UPDATE sent_groups SET outcome = ?, decided_by = ?, set_outcomes = ?, notes = ?, acknowledged_at = ? WHERE id = ?
                        """, arguments: [item.outcome.outcome.rawValue, item.outcome.decidedBy, item.sets, item.notes, GatewayTimestamp.text(date), id])
                    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sent_groups WHERE id = ?", arguments: [id]) else { continue }
                    let record = try SentGroupRecord(row: row)
                    try AuditTrail.append(AuditEvent(partner: record.partner, document: "outbound/\(record.outboundID)", kind: .outboundAcknowledged, details: [
                        "groupControl": .text(group.groupControl), "functionalID": .text(group.functionalID),
                        "outcome": .text(record.outcome.rawValue), "decidedBy": .text(record.decidedBy ?? ""),
                        "notes": .list(record.notes),
                    ]), at: date, in: db)
                    updated.append(record)
                }
            }
            return updated
        }
    }

    static func outboundDocument(id: Int64, in db: Database) throws -> OutboundDocument {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM outbound_documents WHERE id = ?", arguments: [id]) else {
            throw GatewayStoreError.noSuchOutboundDocument(id: id)
        }
        return try OutboundDocument(row: row)
    }
}
