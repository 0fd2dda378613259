import Foundation

/// Where one partner stands: what `edigate status`, `/metrics` and the console summary show.
public struct PartnerStatus: Sendable, Hashable, Encodable {
    public var partner: String
    /// Inbound files per state, every state present.
    public var inbound: [String: Int]
    /// Held files that wait for a person (no retry time), among `inbound["held"]`.
    public var heldForPerson: Int
    /// When the last file of the partner was recorded (the last successful pickup).
    public var lastReceivedAt: String?
    /// Interchanges recorded for sending and not yet uploaded.
    public var outboxPending: Int
    /// Groups we sent that await the partner's 997/999, and those past `expectWithinMinutes`.
    public var awaitingAcknowledgments: Int
    public var overdueAcknowledgments: Int
    /// The partner's files we have not answered within `sendWithinMinutes`.
    public var owedAcknowledgments: Int
    public var undeliveredAlerts: Int
    /// Ship-to changes from the partner's location lists (816) that wait for a person:
    /// proposed, or refused by the ERP.
    public var shipToChangesAwaiting: Int = 0
}

/// The acknowledgment windows of one partner's profile, in minutes.
public struct AcknowledgmentWindows: Sendable, Hashable {
    public var expectWithinMinutes: Int
    public var sendWithinMinutes: Int

    public init(expectWithinMinutes: Int, sendWithinMinutes: Int) {
        self.expectWithinMinutes = expectWithinMinutes
        self.sendWithinMinutes = sendWithinMinutes
    }
}

extension GatewayStore {
    /// Groups we sent to `partner` still awaiting an answer after `minutes`.
    public func overdueGroups(partner: String, minutes: Int, now: Date = Date()) async throws -> [SentGroupRecord] {
        let limit = Int64(now.timeIntervalSince1970) - Int64(minutes) * 60
        return try await database.read { db in
            try db.fetchAll(sql: "SELECT * FROM sent_groups WHERE partner = ? AND outcome = 'awaiting' AND sent_at < ? ORDER BY id",
                             arguments: [partner, limit]).map(SentGroupRecord.init(row:))
        }
    }

    /// The partner's files that have no acknowledgment from us `minutes` after they were
    /// recorded: still waiting to be processed, or answered with a TA1/997/999 that is still
    /// in the outbox.
    public func owedAcknowledgments(partner: String, minutes: Int, now: Date = Date()) async throws -> [InboundFile] {
        let limit = GatewayTimestamp.text(now.addingTimeInterval(-Double(minutes) * 60))
        return try await database.read { db in
            try db.fetchAll(sql: """
                SELECT f.* FROM inbound_files f
                WHERE f.partner = ? AND f.received_at < ? AND (
                    f.state IN ('received', 'processing')
                    OR EXISTS (SELECT 1 FROM inbound_steps s JOIN outbound_documents o ON o.id = s.outbound_id
                               WHERE s.inbound_id = f.id AND s.step LIKE 'ack %' AND o.state = 'pending'))
                ORDER BY f.id
                """, arguments: [partner, limit]).map(InboundFile.init(row:))
        }
    }

    /// Every partner in `windows` and every partner the store knows, sorted by id.
    public func partnerStatus(windows: [String: AcknowledgmentWindows], now: Date = Date()) async throws -> [PartnerStatus] {
        let known: [String] = try await database.read { db in
            try db.fetchAll(String.self, sql: "SELECT partner FROM inbound_files UNION SELECT partner FROM outbound_documents UNION SELECT partner FROM ship_to_changes")
        }
        var result: [PartnerStatus] = []
        for partner in Set(known).union(windows.keys).sorted() {
            let window = windows[partner] ?? AcknowledgmentWindows(expectWithinMinutes: 1440, sendWithinMinutes: 60)
            let counts: [String: Int] = try await database.read { db in
                var counts = Dictionary(uniqueKeysWithValues: InboundState.Kind.allCases.map { ($0.rawValue, 0) })
                for row in try db.fetchAll(sql: "SELECT state, COUNT(*) AS n FROM inbound_files WHERE partner = ? GROUP BY state", arguments: [partner]) {
                    counts[row["state"]] = row["n"]
                }
                return counts
            }
            let (last, pending, awaiting, alerts, person): (String?, Int, Int, Int, Int) = try await database.read { db in
                (try db.fetchOne(String.self, sql: "SELECT MAX(received_at) FROM inbound_files WHERE partner = ?", arguments: [partner]),
                 try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM outbound_documents WHERE partner = ? AND state = 'pending'", arguments: [partner]) ?? 0,
                 try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM sent_groups WHERE partner = ? AND outcome = 'awaiting'", arguments: [partner]) ?? 0,
                 try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM alerts WHERE partner = ? AND delivered_at IS NULL", arguments: [partner]) ?? 0,
                 try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM inbound_files WHERE partner = ? AND state = 'held' AND retry_at IS NULL", arguments: [partner]) ?? 0)
            }
            let overdue = try await overdueGroups(partner: partner, minutes: window.expectWithinMinutes, now: now).count
            let owed = try await owedAcknowledgments(partner: partner, minutes: window.sendWithinMinutes, now: now).count
            var status = PartnerStatus(partner: partner, inbound: counts, heldForPerson: person, lastReceivedAt: last, outboxPending: pending, awaitingAcknowledgments: awaiting,
                                       overdueAcknowledgments: overdue, owedAcknowledgments: owed, undeliveredAlerts: alerts)
            status.shipToChangesAwaiting = try await database.read { db in
                try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM ship_to_changes WHERE partner = ? AND status IN ('pending', 'failed')", arguments: [partner]) ?? 0
            }
            result.append(status)
        }
        return result
    }
}
