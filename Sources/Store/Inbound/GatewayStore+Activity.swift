import Foundation

/// One partner's day at a glance, from the tables (ops's per-partner dashboard).
public struct PartnerActivity: Sendable, Hashable, Encodable {
    public var partner: String
    /// Files received since the start of the day (UTC).
    public var receivedToday = 0
    /// Interchanges uploaded since the start of the day.
    public var sentToday = 0
    /// Files waiting for ops, now.
    public var failed = 0
    public var held = 0
    public var deadLetters = 0
    public var quarantined = 0
    /// Interchanges in the outbox, not uploaded yet.
    public var pendingOutbound = 0
    public var lastReceivedAt: String?
    public var lastSentAt: String?
}

extension GatewayStore {
    /// Every partner that has sent or been sent anything, with its counts since `since`.
    public func partnerActivity(since: Date) async throws -> [PartnerActivity] {
        let start = GatewayTimestamp.text(since)
        return try await database.read { db in
            var activity: [String: PartnerActivity] = [:]
            func entry(_ partner: String) -> PartnerActivity { activity[partner] ?? PartnerActivity(partner: partner) }
            for row in try db.fetchAll(sql: """
                SELECT partner, SUM(received_at >= ?) AS today, SUM(state = 'failed') AS failed, SUM(state = 'held') AS held,
                       SUM(state = 'deadLetter') AS dead, SUM(state = 'quarantined') AS quarantined, MAX(received_at) AS last
                FROM inbound_files GROUP BY partner
                """, arguments: [start]) {
                let partner: String = row["partner"]
                var item = entry(partner)
                item.receivedToday = row["today"] ?? 0
                item.failed = row["failed"] ?? 0
                item.held = row["held"] ?? 0
                item.deadLetters = row["dead"] ?? 0
                item.quarantined = row["quarantined"] ?? 0
                item.lastReceivedAt = row["last"]
                activity[partner] = item
            }
            for row in try db.fetchAll(sql: """
                SELECT partner, SUM(state = 'sent' AND uploaded_at >= ?) AS today, SUM(state = 'pending') AS pending, MAX(uploaded_at) AS last
                FROM outbound_documents GROUP BY partner
                """, arguments: [start]) {
                let partner: String = row["partner"]
                var item = entry(partner)
                item.sentToday = row["today"] ?? 0
                item.pendingOutbound = row["pending"] ?? 0
                item.lastSentAt = row["last"]
                activity[partner] = item
            }
            return activity.values.sorted { $0.partner < $1.partner }
        }
    }
}
