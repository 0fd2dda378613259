import Foundation
import X12

/// Outbound documents and the acknowledgments that answer them.
extension GatewayStore {
    /// Records an interchange that has already been sent by other means (imports, tests): it is
    /// `sent` at once and its groups await the partner's 997/999. The gateway's own documents go
    /// through the outbox instead (`queueOutbound`). `expecting` are the groups a 997/999 should
    /// answer; empty for acknowledgments we send.
    public func recordOutbound(partner: String, type: String, interchangeControl: String, groupControls: [String], setControls: [String],
                               bytes: Data, sentAt: Date = Date(), expecting: [SentGroup] = []) async throws -> OutboundDocument {
        try await database.write { db in
            let document = try Self.insertOutbound(partner: partner, type: type, interchangeControl: interchangeControl, groupControls: groupControls,
                                                   setControls: setControls, bytes: bytes, expecting: expecting, state: .sent, at: sentAt, in: db)
            try Self.enterSentGroups(expecting, outbound: document, in: db)
            try Self.auditSent(document, awaiting: expecting.count, at: sentAt, in: db)
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

    /// The outbox, inside the caller's write transaction: draws the control numbers `need` asks
    /// for, builds the interchange with them, and records it `pending` under its final name,
    /// audited. Numbers, bytes and the step that the interchange answers commit together, so a
    /// crash leaves either nothing (numbers not used) or a pending document that the uploader
    /// sends as it is: same bytes, same name, same control numbers.
    ///
    /// `claimedBy`: queued already claimed under that lease for the caller's upload that follows.
    static func queueOutbound(partner: String, type: String, need: ControlNumberNeed, controlNumbers: DurableControlNumberSource,
                              build: (inout ReservedControlNumbers) throws -> WrittenInterchange, claimedBy lease: Lease? = nil,
                              at date: Date, in db: any StoreConnection) throws -> (document: OutboundDocument, bytes: Data) {
        var numbers = try controlNumbers.reserve(partner: partner, need: need, at: date, in: db)
        let written = try build(&numbers)
        let expecting = written.awaitingAcknowledgment(sentAt: 0)
        let bytes = Data(written.bytes)
        let document = try insertOutbound(partner: partner, type: type, interchangeControl: written.interchangeControl,
                                          groupControls: written.groupControls, setControls: written.setControls, bytes: bytes,
                                          expecting: expecting, state: .pending, claimedBy: lease, at: date, in: db)
        var details: [String: AuditValue] = [
            "type": .text(type), "interchangeControl": .text(document.interchangeControl), "groupControls": .list(document.groupControls),
            "setControls": .list(document.setControls), "sha256": .text(document.sha256), "size": .integer(document.size),
            "file": .text(document.fileName),
        ]
        // What the writer changed in the data (a delimiter replaced, a note continued) is part
        // of what was sent: recorded with it.
        if !written.adjustments.isEmpty { details["textAdjustments"] = .list(written.adjustments) }
        try AuditTrail.append(AuditEvent(partner: partner, document: document.documentReference, kind: .outboundQueued, details: details), at: date, in: db)
        return (document, bytes)
    }

    /// Pending interchanges, oldest first (the order they were decided in).
    public func pendingOutbound(partner: String? = nil) async throws -> [OutboundDocument] {
        try await database.read { db in
            var sql = "SELECT * FROM outbound_documents WHERE state = 'pending'"
            var arguments: StoreArguments = []
            if let partner { sql += " AND partner = ?"; arguments += [partner] }
            return try db.fetchAll(sql: sql + " ORDER BY id", arguments: arguments).map(OutboundDocument.init(row:))
        }
    }

    /// Claims a pending interchange for upload under `lease`; nil when it was sent already or
    /// another live uploader holds it.
    public func claimOutbound(_ id: Int64, lease: Lease, at date: Date = Date()) async throws -> OutboundDocument? {
        try await database.write { db in
            guard let row = try db.fetchOne(sql: "SELECT state, owner, lease_expires_at FROM outbound_documents WHERE id = ?" + db.lockingRead, arguments: [id]) else {
                throw GatewayStoreError.noSuchOutboundDocument(id: id)
            }
            guard row["state"] as String == OutboundDocument.State.pending.rawValue else { return nil }
            if let owner: String = row["owner"], owner != lease.owner.description {
                let expires: String = row["lease_expires_at"] ?? ""
                guard expires <= GatewayTimestamp.text(date) || WorkerIdentity.isDeadLocalOwner(owner, localHost: lease.owner.host) else { return nil }
            }
            try db.execute(sql: "UPDATE outbound_documents SET owner = ?, lease_expires_at = ? WHERE id = ?",
                           arguments: [lease.owner.description, GatewayTimestamp.text(date.addingTimeInterval(lease.seconds)), id])
            return try Self.outboundDocument(id: id, in: db)
        }
    }

    /// The upload of a claimed interchange completed: `sent`, and its groups await the
    /// partner's 997/999 from now on.
    @discardableResult
    public func markUploaded(_ id: Int64, at date: Date = Date()) async throws -> OutboundDocument {
        try await database.write { db in
            guard let row = try db.fetchOne(sql: "SELECT state, expecting FROM outbound_documents WHERE id = ?", arguments: [id]) else {
                throw GatewayStoreError.noSuchOutboundDocument(id: id)
            }
            guard row["state"] as String == OutboundDocument.State.pending.rawValue else { return try Self.outboundDocument(id: id, in: db) }
            try db.execute(sql: "UPDATE outbound_documents SET state = 'sent', uploaded_at = ?, upload_attempts = upload_attempts + 1, owner = NULL, lease_expires_at = NULL WHERE id = ?",
                           arguments: [GatewayTimestamp.text(date), id])
            let expectingText: String? = row["expecting"]
            var expecting = try expectingText.map { try StoredJSON.decode([SentGroup].self, $0, table: "outbound_documents", key: "\(id)") } ?? []
            for index in expecting.indices { expecting[index].sentAt = Int64(date.timeIntervalSince1970) }
            let document = try Self.outboundDocument(id: id, in: db)
            // A replay's groups were entered at its first upload and keep their verdicts. (An
            // acknowledgment we send awaits nothing: no groups to look for.)
            if !expecting.isEmpty, try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM sent_groups WHERE outbound_id = ?", arguments: [id]) ?? 0 == 0 {
                try Self.enterSentGroups(expecting, outbound: document, in: db)
            }
            try Self.auditSent(document, awaiting: expecting.count, at: date, in: db)
            return document
        }
    }

    /// Ops's Replay: a sent interchange goes back in the outbox to be uploaded again — the same
    /// bytes under the same name and control numbers (the partner lost it, or asks for it again);
    /// never a new answer. Its groups keep their acknowledgment state. Audited with who asked.
    @discardableResult
    public func replayOutbound(_ id: Int64, reason: String? = nil, at date: Date = Date()) async throws -> OutboundDocument {
        try await database.write { db in
            let document = try Self.outboundDocument(id: id, in: db)
            guard document.state == .sent else { throw GatewayStoreError.notReplayable(id: id, state: document.state.rawValue) }
            try db.execute(sql: "UPDATE outbound_documents SET state = 'pending', owner = NULL, lease_expires_at = NULL WHERE id = ?", arguments: [id])
            var details: [String: AuditValue] = ["file": .text(document.fileName), "interchangeControl": .text(document.interchangeControl), "sha256": .text(document.sha256)]
            if let caller = AuditCaller.name { details["by"] = .text(caller) }
            if let reason { details["reason"] = .text(reason) }
            try AuditTrail.append(AuditEvent(partner: document.partner, document: document.documentReference, kind: .outboundReplayed, details: details), at: date, in: db)
            return try Self.outboundDocument(id: id, in: db)
        }
    }

    /// The upload failed: the interchange stays pending (same bytes, same name) for the next attempt.
    public func markUploadFailed(_ id: Int64, reason: String, at date: Date = Date()) async throws {
        try await database.write { db in
            let document = try Self.outboundDocument(id: id, in: db)
            guard document.state == .pending else { return }
            try db.execute(sql: "UPDATE outbound_documents SET upload_attempts = upload_attempts + 1, last_error = ?, owner = NULL, lease_expires_at = NULL WHERE id = ?",
                           arguments: [reason, id])
            try AuditTrail.append(AuditEvent(partner: document.partner, document: document.documentReference, kind: .outboundUploadFailed, details: [
                "file": .text(document.fileName), "reason": .text(reason), "attempt": .integer(Int64(document.uploadAttempts + 1)),
            ]), at: date, in: db)
        }
    }

    private static func insertOutbound(partner: String, type: String, interchangeControl: String, groupControls: [String], setControls: [String],
                                       bytes: Data, expecting: [SentGroup], state: OutboundDocument.State, claimedBy lease: Lease? = nil,
                                       at date: Date, in db: any StoreConnection) throws -> OutboundDocument {
        let sha256 = ContentDigest.sha256(bytes)
        let now = GatewayTimestamp.text(date)
        let id = try db.fetchOne(Int64.self, sql: """
            INSERT INTO outbound_documents (partner, type, interchange_control, group_controls, set_controls, sha256, size, bytes, sent_at,
                                            state, file_name, uploaded_at, expecting, owner, lease_expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, arguments: [partner, type, interchangeControl, try StoredJSON.encode(groupControls), try StoredJSON.encode(setControls),
                             sha256, bytes.count, bytes, now, state.rawValue, "\(type)-\(interchangeControl).edi",
                             state == .sent ? now : nil, try StoredJSON.encode(expecting),
                             lease?.owner.description, lease.map { GatewayTimestamp.text(date.addingTimeInterval($0.seconds)) }])!
        return try outboundDocument(id: id, in: db)
    }

    private static func enterSentGroups(_ groups: [SentGroup], outbound document: OutboundDocument, in db: any StoreConnection) throws {
        for group in groups {
            try db.execute(sql: """
                INSERT INTO sent_groups (outbound_id, partner, interchange_control, partner_interchange_id, functional_id,
                                         sender_code, receiver_code, group_control, sets, sent_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [document.id, document.partner, group.interchangeControl, group.partnerID, group.functionalID,
                                 group.senderCode, group.receiverCode, group.groupControl, try StoredJSON.encode(group.sets), group.sentAt])
        }
    }

    private static func auditSent(_ document: OutboundDocument, awaiting: Int, at date: Date, in db: any StoreConnection) throws {
        try AuditTrail.append(AuditEvent(partner: document.partner, document: document.documentReference, kind: .outboundSent, details: [
            "type": .text(document.type), "interchangeControl": .text(document.interchangeControl), "groupControls": .list(document.groupControls),
            "setControls": .list(document.setControls), "sha256": .text(document.sha256), "size": .integer(document.size),
            "file": .text(document.fileName), "awaitingAcknowledgment": .integer(Int64(awaiting)),
        ]), at: date, in: db)
    }

    public func outboundDocument(id: Int64) async throws -> OutboundDocument {
        try await database.read { db in try Self.outboundDocument(id: id, in: db) }
    }

    public func contents(ofOutbound id: Int64) async throws -> Data {
        try await database.read { db in
            guard let bytes = try db.fetchOne(Data.self, sql: "SELECT bytes FROM outbound_documents WHERE id = ?", arguments: [id]) else {
                throw GatewayStoreError.noSuchOutboundDocument(id: id)
            }
            return bytes
        }
    }

    public func outboundDocuments(partner: String? = nil, limit: Int? = nil) async throws -> [OutboundDocument] {
        try await database.read { db in
            var sql = "SELECT * FROM outbound_documents"
            var arguments: StoreArguments = []
            if let partner { sql += " WHERE partner = ?"; arguments += [partner] }
            sql += " ORDER BY sent_at, id"
            if let limit { sql += " LIMIT ?"; arguments += [limit] }
            return try db.fetchAll(sql: sql, arguments: arguments).map(OutboundDocument.init(row:))
        }
    }

    /// Sent groups, optionally only those with one outcome (`.awaiting` feeds the reconciler).
    public func sentGroups(partner: String? = nil, outcome: AcknowledgmentReconciler.Outcome? = nil) async throws -> [SentGroupRecord] {
        try await database.read { db in
            var conditions: [String] = []
            var arguments: StoreArguments = []
            if let partner { conditions.append("partner = ?"); arguments += [partner] }
            if let outcome { conditions.append("outcome = ?"); arguments += [outcome.rawValue] }
            let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            return try db.fetchAll(sql: "SELECT * FROM sent_groups\(whereClause) ORDER BY sent_at, id", arguments: arguments)
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
                let ids = try db.fetchAll(Int64.self, sql: """
                    SELECT id FROM sent_groups
                    WHERE outcome = 'awaiting' AND partner_interchange_id = ? AND interchange_control = ? AND functional_id = ? AND group_control = ?
                    ORDER BY id
                    """, arguments: [group.partnerID, group.interchangeControl, group.functionalID, group.groupControl])
                for id in ids {
                    try db.execute(sql: """
                        UPDATE sent_groups SET outcome = ?, decided_by = ?, set_outcomes = ?, notes = ?, acknowledged_at = ? WHERE id = ?
                        """, arguments: [item.outcome.outcome.rawValue, item.outcome.decidedBy, item.sets, item.notes, GatewayTimestamp.text(date), id])
                    guard let row = try db.fetchOne(sql: "SELECT * FROM sent_groups WHERE id = ?", arguments: [id]) else { continue }
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

    static func outboundDocument(id: Int64, in db: any StoreConnection) throws -> OutboundDocument {
        guard let row = try db.fetchOne(sql: "SELECT * FROM outbound_documents WHERE id = ?", arguments: [id]) else {
            throw GatewayStoreError.noSuchOutboundDocument(id: id)
        }
        return try OutboundDocument(row: row)
    }
}
