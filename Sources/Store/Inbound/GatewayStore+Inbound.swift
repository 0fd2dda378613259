import Foundation

/// Inbound files: recorded once per partner and content, then moved through their states.
extension GatewayStore {
    /// The largest file kept in the database itself (its bytes are one SQLite value); with
    /// a content folder, larger files go there.
    public static let largestRecordedFile = 512 << 20
    /// Files up to this size are kept in the database, larger ones in the content folder
    /// (read as a stream, never whole in memory).
    public static let largestInlineContent = 4 << 20

    /// Records a picked-up file and its bytes durably, or recognises it as already recorded.
    ///
    /// Call this before anything acts on the file, and before the pickup archives it on the
    /// server. Exactly-once rests on the pair: the server copy goes only after this returned,
    /// and a second pickup of the same bytes from the same partner comes back `.duplicate`,
    /// whatever it is called by then.
    public func recordInbound(partner: String, name: String, sha256: String, bytes: Data, receivedAt: Date = Date()) async throws -> InboundRecord {
        let declared = sha256.lowercased()
        // SQLite refuses a value over 1e9 bytes; refused here with a reason instead (the file
        // stays on the partner's server, reported), never a crash at every poll.
        guard bytes.count <= Self.largestRecordedFile else {
            throw GatewayStoreError.fileTooLarge(partner: partner, name: name, size: Int64(bytes.count), limit: Int64(Self.largestRecordedFile))
        }
        let computed = ContentDigest.sha256(bytes)
        guard computed == declared else {
            throw GatewayStoreError.checksumMismatch(partner: partner, name: name, declared: declared, computed: computed)
        }
        return try await database.write { db in
            if let duplicate = try Self.duplicateInbound(partner: partner, name: name, sha256: declared, receivedAt: receivedAt, in: db) {
                return duplicate
            }
            try db.execute(sql: "INSERT INTO inbound_contents (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                           arguments: [declared, bytes.count, bytes])
            return try Self.insertInbound(partner: partner, name: name, sha256: declared, size: Int64(bytes.count), receivedAt: receivedAt, in: db)
        }
    }

    /// Records a file staged at `stagedFile` (the pickup's private copy) whose transfer
    /// reported `sha256` and `size`: the staged copy is checked against them, so a copy that
    /// changed since is refused.
    ///
    /// A file over `inlineContentLimit` is moved into the content folder (flushed to disk)
    /// before its row commits; its bytes are never held whole in memory.
    public func recordInbound(partner: String, name: String, sha256: String, size: Int64, stagedFile: URL,
                              receivedAt: Date = Date()) async throws -> InboundRecord {
        guard let contentFolder, size > Int64(inlineContentLimit) else {
            guard size <= Int64(Self.largestRecordedFile) else {
                throw GatewayStoreError.fileTooLarge(partner: partner, name: name, size: size, limit: Int64(Self.largestRecordedFile))
            }
            let bytes = try Data(contentsOf: stagedFile)
            return try await recordInbound(partner: partner, name: name, sha256: sha256, bytes: bytes, receivedAt: receivedAt)
        }
        let declared = sha256.lowercased()
        if let duplicate = try await duplicateInbound(partner: partner, name: name, sha256: declared, receivedAt: receivedAt) {
            return duplicate
        }
        let computed = try ContentDigest.sha256(ofFile: stagedFile.path)
        guard computed.sha256 == declared, computed.size == size else {
            throw GatewayStoreError.checksumMismatch(partner: partner, name: name, declared: declared, computed: computed.sha256)
        }
        try contentFolder.keep(stagedFile, sha256: declared)
        return try await database.write { db in
            if let duplicate = try Self.duplicateInbound(partner: partner, name: name, sha256: declared, receivedAt: receivedAt, in: db) {
                return duplicate
            }
            try db.execute(sql: "INSERT INTO inbound_contents (sha256, size, bytes, kept) VALUES (?, ?, ?, 'folder') ON CONFLICT (sha256) DO NOTHING",
                           arguments: [declared, size, Data()])
            return try Self.insertInbound(partner: partner, name: name, sha256: declared, size: size, receivedAt: receivedAt, in: db)
        }
    }

    private func duplicateInbound(partner: String, name: String, sha256: String, receivedAt: Date) async throws -> InboundRecord? {
        try await database.write { db in try Self.duplicateInbound(partner: partner, name: name, sha256: sha256, receivedAt: receivedAt, in: db) }
    }

    /// `.duplicate` (audited) when this partner's file with these bytes is recorded already.
    private static func duplicateInbound(partner: String, name: String, sha256: String, receivedAt: Date, in db: any StoreConnection) throws -> InboundRecord? {
        guard let row = try db.fetchOne(sql: "SELECT * FROM inbound_files WHERE partner = ? AND sha256 = ?", arguments: [partner, sha256]) else {
            return nil
        }
        let existing = try InboundFile(row: row)
        try AuditTrail.append(AuditEvent(partner: partner, document: existing.documentReference, kind: .inboundDuplicate,
                                         details: ["name": .text(name), "sha256": .text(sha256), "state": .text(existing.state.kind.rawValue)]),
                              at: receivedAt, in: db)
        return .duplicate(of: existing)
    }

    private static func insertInbound(partner: String, name: String, sha256: String, size: Int64, receivedAt: Date, in db: any StoreConnection) throws -> InboundRecord {
        let now = GatewayTimestamp.text(receivedAt)
        let id = try db.fetchOne(Int64.self, sql: """
            INSERT INTO inbound_files (partner, name, sha256, size, received_at, state, updated_at)
            VALUES (?, ?, ?, ?, ?, 'received', ?) RETURNING id
            """, arguments: [partner, name, sha256, size, now, now])!
        let file = try Self.inboundFile(id: id, in: db)
        try AuditTrail.append(AuditEvent(partner: partner, document: file.documentReference, kind: .inboundReceived,
                                         details: ["name": .text(name), "sha256": .text(sha256), "size": .integer(size)]),
                              at: receivedAt, in: db)
        return .new(file)
    }

    public func inboundFile(id: Int64) async throws -> InboundFile {
        try await database.read { db in try Self.inboundFile(id: id, in: db) }
    }

    /// Where the bytes of a recorded file are, exactly as they arrived.
    public func content(ofInbound id: Int64) async throws -> InboundContent {
        // One read: the bytes come along only when they are in the database.
        let (sha256, size, bytes) = try await database.read { db -> (String, Int64, Data?) in
            guard let row = try db.fetchOne(sql: """
                SELECT c.sha256, c.size, CASE c.kept WHEN 'store' THEN c.bytes END AS bytes
                FROM inbound_files f JOIN inbound_contents c ON c.sha256 = f.sha256 WHERE f.id = ?
                """, arguments: [id]) else { throw GatewayStoreError.noSuchInboundFile(id: id) }
            return (row["sha256"], row["size"], row["bytes"])
        }
        if let bytes { return .stored(bytes) }
        guard let contentFolder else {
            throw GatewayStoreError.contentDamaged(path: "(no content folder)", sha256: sha256, reason: "the file is kept in a content folder this store was opened without")
        }
        return .folder(path: contentFolder.path(of: sha256), sha256: sha256, size: size)
    }

    /// The bytes exactly as they arrived, whole in memory (a file kept in the content folder
    /// is read from there): for small files and tools; the pipeline streams `content(ofInbound:)`.
    public func contents(ofInbound id: Int64) async throws -> Data {
        switch try await content(ofInbound: id) {
        case .stored(let bytes): return bytes
        case .folder(let path, _, _): return try Data(contentsOf: URL(fileURLWithPath: path))
        }
    }

    /// Files in one state, oldest first.
    public func inboundFiles(in state: InboundState.Kind, partner: String? = nil, limit: Int? = nil) async throws -> [InboundFile] {
        try await database.read { db in
            var sql = "SELECT * FROM inbound_files WHERE state = ?"
            var arguments: StoreArguments = [state.rawValue]
            if let partner { sql += " AND partner = ?"; arguments += [partner] }
            sql += " ORDER BY received_at, id"
            if let limit { sql += " LIMIT ?"; arguments += [limit] }
            return try db.fetchAll(sql: sql, arguments: arguments).map(InboundFile.init(row:))
        }
    }

    /// Takes a file for processing under `lease`, or nil when there is none. Atomic: two
    /// workers (or two processes) calling at once never get the same file.
    ///
    /// A file whose lease ran out, or whose owner's process is gone, is taken over first (it was
    /// waiting longest); each takeover counts an interruption, and a file interrupted
    /// `maxInterruptions` times is quarantined with its reason instead.
    public func claimNextInbound(partner: String? = nil, lease: Lease = Lease(), at date: Date = Date()) async throws -> InboundFile? {
        try await database.write { db in
            for id in try Self.abandoned(partner: partner, at: date, in: db) {
                if let file = try Self.takeOver(id, lease: lease, requeue: false, at: date, in: db) { return file }
            }
            var sql = "SELECT id FROM inbound_files WHERE state = 'received'"
            var arguments: StoreArguments = []
            if let partner { sql += " AND partner = ?"; arguments += [partner] }
            // Another instance's claim in flight holds its candidate: take the next one instead.
            sql += " ORDER BY received_at, id LIMIT 1" + db.skipLocked
            guard let id = try db.fetchOne(Int64.self, sql: sql, arguments: arguments) else { return nil }
            return try Self.transition(id, to: .processing, allowedFrom: [.received], lease: lease, at: date, in: db)
        }
    }

    /// `received` → `processing`, for a caller that picked a particular file.
    @discardableResult
    public func startProcessing(_ id: Int64, lease: Lease = Lease(), at date: Date = Date()) async throws -> InboundFile {
        try await database.write { db in try Self.transition(id, to: .processing, allowedFrom: [.received], lease: lease, at: date, in: db) }
    }

    /// Extends the lease of a file this worker is processing. Throws `leaseLost` when another
    /// worker took the file over (this worker must then stop: its steps would be doubled).
    public func renewLease(_ id: Int64, lease: Lease, at date: Date = Date()) async throws {
        try await database.write { db in
            let file = try Self.inboundFile(id: id, locking: true, in: db)
            guard file.state.kind == .processing, file.owner == lease.owner.description else {
                throw GatewayStoreError.leaseLost(id: id, owner: lease.owner.description, holder: file.owner, state: file.state.kind)
            }
            try db.execute(sql: "UPDATE inbound_files SET lease_expires_at = ? WHERE id = ?",
                           arguments: [GatewayTimestamp.text(date.addingTimeInterval(lease.seconds)), id])
        }
    }

    /// `owner` is the worker that claimed the file; nil skips that check (ops tools, tests).
    @discardableResult
    public func markDone(_ id: Int64, owner: WorkerIdentity? = nil, at date: Date = Date()) async throws -> InboundFile {
        try await database.write { db in try Self.transition(id, to: .done, allowedFrom: [.processing], owner: owner, at: date, in: db) }
    }

    /// A failure that retrying will not fix by itself (bad envelope, unknown partner): ops
    /// look at it and `retry` once fixed.
    @discardableResult
    public func markFailed(_ id: Int64, reason: String, owner: WorkerIdentity? = nil, at date: Date = Date()) async throws -> InboundFile {
        try await database.write { db in try Self.transition(id, to: .failed(reason: reason), allowedFrom: [.processing], owner: owner, at: date, in: db) }
    }

    /// Waiting on something outside: the ERP (offered again at `retryAt`, counted against the
    /// hold schedule) or a person (`retryAt` nil: waits until ops release it).
    @discardableResult
    public func markHeld(_ id: Int64, reason: String, retryAt: Date?, owner: WorkerIdentity? = nil, at date: Date = Date()) async throws -> InboundFile {
        try await database.write { db in
            try Self.transition(id, to: .held(reason: reason, retryAt: retryAt), allowedFrom: [.processing], owner: owner, at: date, in: db)
        }
    }

    /// A hold that outlived the profile's schedule: kept with its reason for ops.
    @discardableResult
    public func markDeadLetter(_ id: Int64, reason: String, owner: WorkerIdentity? = nil, at date: Date = Date()) async throws -> InboundFile {
        try await database.write { db in try Self.transition(id, to: .deadLetter(reason: reason), allowedFrom: [.processing], owner: owner, at: date, in: db) }
    }

    /// Ops: a failed, held, quarantined or dead-letter file goes back to `received`, now.
    @discardableResult
    public func retry(_ id: Int64, at date: Date = Date()) async throws -> InboundFile {
        try await database.write { db in
            try Self.transition(id, to: .received, allowedFrom: [.failed, .held, .quarantined, .deadLetter], at: date, in: db)
        }
    }

    /// Puts every hold whose time has come back to `received`; returns them. Holds for a person
    /// (no retry time) are left for ops.
    public func releaseDueHolds(partner: String? = nil, now: Date = Date()) async throws -> [InboundFile] {
        try await database.write { db in
            var sql = "SELECT id FROM inbound_files WHERE state = 'held' AND retry_at IS NOT NULL AND retry_at <= ?"
            var arguments: StoreArguments = [GatewayTimestamp.text(now)]
            if let partner { sql += " AND partner = ?"; arguments += [partner] }
            let ids = try db.fetchAll(Int64.self, sql: sql + " ORDER BY retry_at, id" + db.skipLocked, arguments: arguments)
            return try ids.map { try Self.transition($0, to: .received, allowedFrom: [.held], at: now, in: db) }
        }
    }

    /// At start-up: files whose worker stopped mid-way (lease run out, or its process gone) go
    /// back to `received`, or to `quarantined` once interrupted `maxInterruptions` times. A file
    /// another live worker holds is left alone. Processing steps are recorded as they are done
    /// (`inbound_steps`), so the next attempt continues where this one stopped.
    public func requeueInterrupted(partner: String? = nil, lease: Lease = Lease(), at date: Date = Date()) async throws -> [InboundFile] {
        try await database.write { db in
            try Self.abandoned(partner: partner, at: date, in: db).compactMap { id in
                try Self.takeOver(id, lease: lease, requeue: true, at: date, in: db)
            }
        }
    }

    /// Files in `processing` whose lease expired or whose owner's process is gone.
    private static func abandoned(partner: String?, at date: Date, in db: any StoreConnection) throws -> [Int64] {
        var sql = "SELECT id, owner, lease_expires_at FROM inbound_files WHERE state = 'processing'"
        var arguments: StoreArguments = []
        if let partner { sql += " AND partner = ?"; arguments += [partner] }
        let now = GatewayTimestamp.text(date)
        let host = WorkerIdentity.thisProcess.host
        return try db.fetchAll(sql: sql + " ORDER BY received_at, id" + db.skipLocked, arguments: arguments).compactMap { row in
            let expires: String = row["lease_expires_at"]
            let owner: String = row["owner"]
            return expires <= now || WorkerIdentity.isDeadLocalOwner(owner, localHost: host) ? row["id"] : nil
        }
    }

    /// Counts the interruption; quarantines at the limit (returning nil), else claims the file
    /// for `lease` or, with `requeue`, puts it back to `received`.
    private static func takeOver(_ id: Int64, lease: Lease, requeue: Bool, at date: Date, in db: any StoreConnection) throws -> InboundFile? {
        let current = try inboundFile(id: id, locking: true, in: db)
        let interruptions = current.interruptions + 1
        try db.execute(sql: "UPDATE inbound_files SET interruptions = ? WHERE id = ?", arguments: [interruptions, id])
        if interruptions >= lease.maxInterruptions {
            let reason = "processing was interrupted \(interruptions) times (last owner \(current.owner ?? "unknown")); quarantined for ops"
            _ = try transition(id, to: .quarantined(reason: reason), allowedFrom: [.processing], at: date, in: db)
            return nil
        }
        let details: [String: AuditValue] = ["previousOwner": .text(current.owner ?? ""), "interruptions": .integer(Int64(interruptions))]
        if requeue {
            return try transition(id, to: .received, allowedFrom: [.processing], event: .inboundRequeued, extra: details, at: date, in: db)
        }
        return try transition(id, to: .processing, allowedFrom: [.processing], lease: lease, event: .inboundTakenOver, extra: details, at: date, in: db)
    }

    /// `locking`: the caller is about to change the row, so it is locked until commit (on an
    /// engine with row locks): another instance's change waits instead of being overwritten.
    static func inboundFile(id: Int64, locking: Bool = false, in db: any StoreConnection) throws -> InboundFile {
        guard let row = try db.fetchOne(sql: "SELECT * FROM inbound_files WHERE id = ?" + (locking ? db.lockingRead : ""), arguments: [id]) else {
            throw GatewayStoreError.noSuchInboundFile(id: id)
        }
        return try InboundFile(row: row)
    }

    static func transition(_ id: Int64, to state: InboundState, allowedFrom: Set<InboundState.Kind>, owner: WorkerIdentity? = nil,
                                   lease: Lease? = nil, event: AuditEventKind? = nil, extra: [String: AuditValue] = [:],
                                   at date: Date, in db: any StoreConnection) throws -> InboundFile {
        let current = try inboundFile(id: id, locking: true, in: db)
        guard allowedFrom.contains(current.state.kind) else {
            throw GatewayStoreError.invalidTransition(id: id, from: current.state.kind, to: state.kind)
        }
        if let owner, current.owner != owner.description {
            throw GatewayStoreError.leaseLost(id: id, owner: owner.description, holder: current.owner, state: current.state.kind)
        }
        var retryAt: String?
        if case .held(_, let at?) = state { retryAt = GatewayTimestamp.text(at) }
        // Going back to `received` from failed/held is another attempt; a requeue after a crash is not.
        let isRetry = state.kind == .received && current.state.kind != .processing
        // A hold with a retry time is one step further along the hold schedule.
        let isScheduledHold = retryAt != nil
        // Ops releasing a quarantined file give it a fresh count of interruptions, and a dead
        // letter a fresh hold schedule: they released it because they fixed something.
        let resetsInterruptions = current.state.kind == .quarantined && state.kind == .received
        let resetsHolds = current.state.kind == .deadLetter && state.kind == .received
        let newOwner: String? = state.kind == .processing ? (lease?.owner.description ?? WorkerIdentity.thisProcess.description) : nil
        let leaseExpiresAt: String? = state.kind == .processing ? GatewayTimestamp.text(date.addingTimeInterval(lease?.seconds ?? 60)) : nil
        try db.execute(sql: """
            UPDATE inbound_files SET state = ?, reason = ?, retry_at = ?, attempts = attempts + ?, holds = CASE WHEN ? = 1 THEN 0 ELSE holds + ? END,
                   interruptions = CASE WHEN ? = 1 THEN 0 ELSE interruptions END, owner = ?, lease_expires_at = ?, updated_at = ?
            WHERE id = ?
            """, arguments: [state.kind.rawValue, state.reason, retryAt, isRetry ? 1 : 0, resetsHolds, isScheduledHold ? 1 : 0,
                             resetsInterruptions, newOwner, leaseExpiresAt, GatewayTimestamp.text(date), id])
        var details: [String: AuditValue] = ["from": .text(current.state.kind.rawValue), "to": .text(state.kind.rawValue)]
        if let reason = state.reason { details["reason"] = .text(reason) }
        if let retryAt { details["retryAt"] = .text(retryAt) }
        if state.kind == .held, retryAt == nil { details["waitsFor"] = .text("person") }
        if let newOwner { details["owner"] = .text(newOwner) }
        if let caller = AuditCaller.name { details["by"] = .text(caller) }
        details.merge(extra) { _, new in new }
        let kind = event ?? {
            switch state.kind {
            case .received: return .inboundRetried
            case .processing: return .inboundProcessing
            case .done: return .inboundDone
            case .failed: return .inboundFailed
            case .held: return .inboundHeld
            case .quarantined: return .inboundQuarantined
            case .deadLetter: return .inboundDeadLetter
            }
        }()
        try AuditTrail.append(AuditEvent(partner: current.partner, document: current.documentReference, kind: kind, details: details), at: date, in: db)
        return try inboundFile(id: id, in: db)
    }
}
