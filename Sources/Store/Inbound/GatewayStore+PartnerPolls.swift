import Foundation

/// Which instance polls which partner. Instances sharing a store never poll one partner at the
/// same time: a partner's pickup remembers what it saw (readiness), its answers go out in
/// order, and two listers of one folder would download every file twice. Partners are shared
/// out across instances instead; a poll lease that ran out, or whose owner's process is gone,
/// is taken over by the next instance that asks.
///
/// Coordination, not document state: the leases are not audited (like file lease renewals).
extension GatewayStore {
    /// Takes (or renews) the poll lease of `partner` for `lease.owner`; false while another
    /// live instance holds it.
    public func claimPartnerPoll(_ partner: String, lease: Lease, at date: Date = Date()) async throws -> Bool {
        let owner = lease.owner.description
        let expires = GatewayTimestamp.text(date.addingTimeInterval(lease.seconds))
        let now = GatewayTimestamp.text(date)
        return try await database.write { db in
            if let row = try db.fetchOne(sql: "SELECT owner, lease_expires_at FROM partner_polls WHERE partner = ?" + db.lockingRead, arguments: [partner]) {
                let holder: String = row["owner"]
                let holderExpires: String = row["lease_expires_at"]
                let free = holder == owner || holderExpires <= now || WorkerIdentity.isDeadLocalOwner(holder, localHost: WorkerIdentity.thisProcess.host)
                guard free else { return false }
                try db.execute(sql: "UPDATE partner_polls SET owner = ?, lease_expires_at = ?, claimed_at = CASE WHEN owner = ? THEN claimed_at ELSE ? END WHERE partner = ?",
                               arguments: [owner, expires, owner, now, partner])
                return true
            }
            // Two instances asking for a new partner at once: the second waits for the first's
            // row and inserts nothing, so it reads the row back to learn who won.
            try db.execute(sql: """
                INSERT INTO partner_polls (partner, owner, lease_expires_at, claimed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (partner) DO NOTHING
                """, arguments: [partner, owner, expires, now])
            return try db.fetchOne(String.self, sql: "SELECT owner FROM partner_polls WHERE partner = ?", arguments: [partner]) == owner
        }
    }

    /// Gives the partner's poll lease back (end of a poll), so another instance may take it at once.
    public func releasePartnerPoll(_ partner: String, owner: WorkerIdentity) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM partner_polls WHERE partner = ? AND owner = ?", arguments: [partner, owner.description])
        }
    }

    /// Who polls each partner now (leases not yet run out), for `edigate status` and tests.
    public func partnerPollers(at date: Date = Date()) async throws -> [String: String] {
        let now = GatewayTimestamp.text(date)
        return try await database.read { db in
            var pollers: [String: String] = [:]
            for row in try db.fetchAll(sql: "SELECT partner, owner FROM partner_polls WHERE lease_expires_at > ?", arguments: [now]) {
                pollers[row["partner"]] = row["owner"] as String
            }
            return pollers
        }
    }
}
