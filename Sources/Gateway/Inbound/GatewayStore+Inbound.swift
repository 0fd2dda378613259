import Foundation
import GRDB
import Transport

/// Inbound files: recorded once per partner and content, then moved through their states.
extension GatewayStore {
    /// Records a picked-up file and its bytes durably, or recognises it as already recorded.
    ///
    /// Call this before anything acts on the file, and before the pickup archives it on the
    /// server. Exactly-once rests on the pair: the server copy goes only after this returned,
    /// and a second pickup of the same bytes from the same partner comes back `.duplicate`,
    /// whatever it is called by then.
    public func recordInbound(partner: String, name: String, sha256: String, bytes: Data, receivedAt: Date = Date()) async throws -> InboundRecord {
        let declared = sha256.lowercased()
        let computed = ContentDigest.sha256(bytes)
        guard computed == declared else {
            throw GatewayStoreError.checksumMismatch(partner: partner, name: name, declared: declared, computed: computed)
        }
        return try await database.write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM inbound_files WHERE partner = ? AND sha256 = ?", arguments: [partner, declared]) {
                let existing = try InboundFile(row: row)
                try AuditTrail.append(AuditEvent(partner: partner, document: existing.documentReference, kind: .inboundDuplicate,
                                                 details: ["name": .text(name), "sha256": .text(declared), "state": .text(existing.state.kind.rawValue)]),
                                      at: receivedAt, in: db)
                return .duplicate(of: existing)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO inbound_contents (sha256, size, bytes) VALUES (?, ?, ?)",
                           arguments: [declared, bytes.count, bytes])
            let now = GatewayTimestamp.text(receivedAt)
            try db.execute(sql: """
                INSERT INTO inbound_files (partner, name, sha256, size, received_at, state, updated_at)
                VALUES (?, ?, ?, ?, ?, 'received', ?)
                """, arguments: [partner, name, declared, bytes.count, now, now])
            let file = try Self.inboundFile(id: db.lastInsertedRowID, in: db)
            try AuditTrail.append(AuditEvent(partner: partner, document: file.documentReference, kind: .inboundReceived,
                                             details: ["name": .text(name), "sha256": .text(declared), "size": .integer(Int64(bytes.count))]),
                                  at: receivedAt, in: db)
            return .new(file)
        }
    }

    /// Records a file as `InboundPickup` hands it over (reads the staged copy; the checksum is
    /// the one computed while downloading, so a staged copy that changed since is refused).
    public func recordInbound(_ picked: PickedUpFile, partner: String, receivedAt: Date = Date()) async throws -> InboundRecord {
        let bytes = try Data(contentsOf: picked.localURL)
        return try await recordInbound(partner: partner, name: picked.name, sha256: picked.sha256, bytes: bytes, receivedAt: receivedAt)
    }

    public func inboundFile(id: Int64) async throws -> InboundFile {
        try await database.read { db in try Self.inboundFile(id: id, in: db) }
    }

    /// The bytes exactly as they arrived.
    public func contents(ofInbound id: Int64) async throws -> Data {
        try await database.read { db in
            guard let bytes = try Data.fetchOne(db, sql: """
                SELECT c.bytes FROM inbound_files f JOIN inbound_contents c ON c.sha256 = f.sha256 WHERE f.id = ?
                """, arguments: [id]) else { throw GatewayStoreError.noSuchInboundFile(id: id) }
            return bytes
        }
    }

    /// Files in one state, oldest first.
    public func inboundFiles(in state: InboundState.Kind, partner: String? = nil, limit: Int? = nil) async throws -> [InboundFile] {
        try await database.read { db in
            var sql = "SELECT * FROM inbound_files WHERE state = ?"
            var arguments: StatementArguments = [state.rawValue]
            if let partner { sql += " AND partner = ?"; arguments += [partner] }
            sql += " ORDER BY received_at, id"
            if let limit { sql += " LIMIT ?"; arguments += [limit] }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(InboundFile.init(row:))
        }
    }

    /// Takes the oldest `received` file for processing, or nil when there is none. Atomic: two
    /// workers (or two processes) calling at once never get the same file.
    public func claimNextInbound(partner: String? = nil, at date: Date = Date()) async throws -> InboundFile? {
        try await database.write { db in
            var sql = "SELECT id FROM inbound_files WHERE state = 'received'"
            var arguments: StatementArguments = []
            if let partner { sql += " AND partner = ?"; arguments += [partner] }
            sql += " ORDER BY received_at, id LIMIT 1"
            guard let id = try Int64.fetchOne(db, sql: sql, arguments: arguments) else { return nil }
            return try Self.transition(id, to: .processing, allowedFrom: [.received], at: date, in: db)
        }
    }

    /// `received` → `processing`, for a caller that picked a particular file.
    @discardableResult
    public func startProcessing(_ id: Int64, at date: Date = Date()) async throws -> InboundFile {
        try await database.write { db in try Self.transition(id, to: .processing, allowedFrom: [.received], at: date, in: db) }
    }

    @discardableResult
    public func markDone(_ id: Int64, at date: Date = Date()) async throws -> InboundFile {
        try await database.write { db in try Self.transition(id, to: .done, allowedFrom: [.processing], at: date, in: db) }
    }

    /// A failure that retrying will not fix by itself (bad envelope, unknown partner): ops
    /// look at it and `retry` once fixed.
    @discardableResult
    public func markFailed(_ id: Int64, reason: String, at date: Date = Date()) async throws -> InboundFile {
        try await database.write { db in try Self.transition(id, to: .failed(reason: reason), allowedFrom: [.processing], at: date, in: db) }
    }

    /// Waiting on something outside (ERP down, order held for credit): offered again at `retryAt`.
    @discardableResult
    public func markHeld(_ id: Int64, reason: String, retryAt: Date, at date: Date = Date()) async throws -> InboundFile {
        try await database.write { db in try Self.transition(id, to: .held(reason: reason, retryAt: retryAt), allowedFrom: [.processing], at: date, in: db) }
    }

    /// `failed` or `held` → `received`, now, whatever a hold's `retryAt` says.
    @discardableResult
    public func retry(_ id: Int64, at date: Date = Date()) async throws -> InboundFile {
        try await database.write { db in try Self.transition(id, to: .received, allowedFrom: [.failed, .held], at: date, in: db) }
    }

    /// Puts every hold whose time has come back to `received`; returns them.
    public func releaseDueHolds(now: Date = Date()) async throws -> [InboundFile] {
        try await database.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM inbound_files WHERE state = 'held' AND retry_at <= ? ORDER BY retry_at, id",
                                         arguments: [GatewayTimestamp.text(now)])
            return try ids.map { try Self.transition($0, to: .received, allowedFrom: [.held], at: now, in: db) }
        }
    }

    /// At start-up: files left in `processing` by a process that stopped mid-way go back to
    /// `received`. Processing steps must therefore be safe to repeat (the ERP contract's
    /// idempotency keys are the inbound id); a file is never silently left half-done.
    public func requeueInterrupted(at date: Date = Date()) async throws -> [InboundFile] {
        try await database.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM inbound_files WHERE state = 'processing' ORDER BY id")
            return try ids.map { try Self.transition($0, to: .received, allowedFrom: [.processing], event: .inboundRequeued, at: date, in: db) }
        }
    }

    static func inboundFile(id: Int64, in db: Database) throws -> InboundFile {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM inbound_files WHERE id = ?", arguments: [id]) else {
            throw GatewayStoreError.noSuchInboundFile(id: id)
        }
        return try InboundFile(row: row)
    }

    private static func transition(_ id: Int64, to state: InboundState, allowedFrom: Set<InboundState.Kind>,
                                   event: AuditEventKind? = nil, at date: Date, in db: Database) throws -> InboundFile {
        let current = try inboundFile(id: id, in: db)
        guard allowedFrom.contains(current.state.kind) else {
            throw GatewayStoreError.invalidTransition(id: id, from: current.state.kind, to: state.kind)
        }
        var retryAt: String?
        if case .held(_, let at) = state { retryAt = GatewayTimestamp.text(at) }
        // Going back to `received` from failed/held is another attempt; a requeue after a crash is not.
        let isRetry = state.kind == .received && current.state.kind != .processing
        try db.execute(sql: """
            UPDATE inbound_files SET state = ?, reason = ?, retry_at = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?
            """, arguments: [state.kind.rawValue, state.reason, retryAt, isRetry ? 1 : 0, GatewayTimestamp.text(date), id])
        var details: [String: AuditValue] = ["from": .text(current.state.kind.rawValue), "to": .text(state.kind.rawValue)]
        if let reason = state.reason { details["reason"] = .text(reason) }
        if let retryAt { details["retryAt"] = .text(retryAt) }
        let kind = event ?? {
            switch state.kind {
            case .received: return .inboundRetried
            case .processing: return .inboundProcessing
            case .done: return .inboundDone
            case .failed: return .inboundFailed
            case .held: return .inboundHeld
            }
        }()
        try AuditTrail.append(AuditEvent(partner: current.partner, document: current.documentReference, kind: kind, details: details), at: date, in: db)
        return try inboundFile(id: id, in: db)
    }
}
