import Foundation

/// The append-only, hash-chained record that finance reviews and ops trace failures with.
///
/// Each entry's hash covers its own fields and its predecessor's hash, so editing, removing or
/// reordering any row breaks every hash after it; triggers refuse UPDATE and DELETE so that
/// the gateway itself cannot do either by mistake. The store appends inside the same
/// transaction as the state change it describes: an entry exists exactly when the change does.
public struct AuditTrail: Sendable {
    /// Entries read per query while verifying: bounded memory for any length of chain.
    static let verifyPage = 5_000

    let database: any StoreDatabase

    public init(database: any StoreDatabase) {
        self.database = database
    }

    /// Appends one event on its own (for events that change nothing else in the store).
    @discardableResult
    public func append(_ event: AuditEvent, at date: Date = Date()) async throws -> AuditEntry {
        try await database.write { db in try Self.append(event, at: date, in: db) }
    }

    /// Appends inside the caller's write transaction. Write transactions run one at a time
    /// (`StoreDatabase.write`), from before this read of the head to the commit: that is what
    /// keeps two appenders from both claiming the same sequence.
    @discardableResult
    static func append(_ event: AuditEvent, at date: Date, in db: any StoreConnection) throws -> AuditEntry {
        let last = try db.fetchOne(sql: "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1")
        let sequence: Int64 = (last?["sequence"] ?? 0) + 1
        let previousHash: String = last?["hash"] ?? AuditHash.genesis
        let recordedAt = GatewayTimestamp.text(date)
        let partner = event.partner ?? ""
        let document = event.document ?? ""
        let hash = AuditHash.hash(sequence: sequence, recordedAt: recordedAt, partner: partner, document: document,
                                  event: event.kind.rawValue, details: event.details, previousHash: previousHash)
        try db.execute(sql: """
            INSERT INTO audit_log (sequence, recorded_at, partner, document, event, details, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [sequence, recordedAt, partner, document, event.kind.rawValue, event.details, previousHash, hash])
        return AuditEntry(sequence: sequence, recordedAt: recordedAt, partner: partner, document: document,
                          event: event.kind.rawValue, details: event.details, previousHash: previousHash, hash: hash)
    }

    /// Entries in sequence order. `latest` keeps only the last N (still returned oldest first),
    /// which is what someone looking at recent activity wants.
    public func entries(partner: String? = nil, document: String? = nil, after sequence: Int64? = nil, latest: Int? = nil) async throws -> [AuditEntry] {
        try await database.read { db in
            var conditions: [String] = []
            var arguments: StoreArguments = []
            if let partner { conditions.append("partner = ?"); arguments += [partner] }
            if let document { conditions.append("document = ?"); arguments += [document] }
            if let sequence { conditions.append("sequence > ?"); arguments += [sequence] }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            var sql = "SELECT * FROM audit_log \(whereClause) ORDER BY sequence"
            if let latest {
                sql = "SELECT * FROM (SELECT * FROM audit_log \(whereClause) ORDER BY sequence DESC LIMIT ?) AS latest ORDER BY sequence"
                arguments += [latest]
            }
            return try db.fetchAll(sql: sql, arguments: arguments).map(Self.entry)
        }
    }

    /// Recomputes the whole chain, in one read transaction (a consistent snapshot even while
    /// the gateway keeps appending), and names the first entry that does not hold.
    ///
    /// A chain alone cannot show that its newest entries were cut off or rewritten together:
    /// pass an `anchor` (a sequence and hash noted earlier, e.g. in finance's review) to prove that.
    public func verify(anchor: (sequence: Int64, hash: String)? = nil) async throws -> AuditVerification {
        try await database.read { db in
            var expectedSequence: Int64 = 1
            var previousHash = AuditHash.genesis
            var anchorSeen = false
            var after: Int64 = 0
            while true {
                let page = try db.fetchAll(sql: "SELECT * FROM audit_log WHERE sequence > ? ORDER BY sequence LIMIT ?", arguments: [after, Self.verifyPage])
                if page.isEmpty { break }
                for row in page {
                    let entry = Self.entry(row)
                    after = entry.sequence
                    if entry.sequence != expectedSequence {
                        return .broken(sequence: expectedSequence, problem: .missing(nextPresent: entry.sequence))
                    }
                    if entry.previousHash != previousHash {
                        return .broken(sequence: entry.sequence, problem: .previousHashMismatch(stored: entry.previousHash, expected: previousHash))
                    }
                    let computed = entry.computedHash
                    if computed != entry.hash {
                        return .broken(sequence: entry.sequence, problem: .hashMismatch(stored: entry.hash, computed: computed))
                    }
                    if let anchor, anchor.sequence == entry.sequence {
                        anchorSeen = true
                        if anchor.hash != entry.hash {
                            return .broken(sequence: entry.sequence, problem: .anchorMismatch(expected: anchor.hash, found: entry.hash))
                        }
                    }
                    previousHash = entry.hash
                    expectedSequence += 1
                }
            }
            if let anchor, !anchorSeen {
                return .broken(sequence: anchor.sequence, problem: .anchorMismatch(expected: anchor.hash, found: nil))
            }
            return .intact(entries: expectedSequence - 1, head: previousHash)
        }
    }

    static func entry(_ row: StoreRow) -> AuditEntry {
        AuditEntry(sequence: row["sequence"], recordedAt: row["recorded_at"], partner: row["partner"],
                   document: row["document"], event: row["event"], details: row["details"],
                   previousHash: row["previous_hash"], hash: row["hash"])
    }
}
