import Foundation

/// Something ops must hear about without looking (an acknowledgment overdue either way),
/// raised once per subject and delivered to the configured webhooks until one answers.
public struct GatewayAlert: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A group we sent has no 997/999 from the partner within `expectWithinMinutes`.
        case acknowledgmentOverdue
        /// A partner's interchange has no TA1/997/999 from us within `sendWithinMinutes`.
        case acknowledgmentOwed
    }

    public let id: Int64
    public let kind: Kind
    /// What it is about, unique per kind: `outbound/<id> GS <control>`, `inbound/<id>`.
    public let subject: String
    public let partner: String
    public let detail: String
    public let raisedAt: Date
    public let deliveredAt: Date?
    public let attempts: Int
    public let lastError: String?

    init(row: StoreRow) throws {
        id = row["id"]
        let kindText: String = row["kind"]
        guard let kind = Kind(rawValue: kindText) else {
            throw GatewayStoreError.corruptRow(table: "alerts", key: "\(row["id"] as Int64)", detail: "unknown kind '\(kindText)'")
        }
        self.kind = kind
        subject = row["subject"]
        partner = row["partner"]
        detail = row["detail"]
        let raised: String = row["raised_at"]
        raisedAt = GatewayTimestamp.date(raised) ?? Date(timeIntervalSince1970: 0)
        deliveredAt = (row["delivered_at"] as String?).flatMap(GatewayTimestamp.date)
        attempts = row["attempts"]
        lastError = row["last_error"]
    }
}

extension AuditEventKind {
    /// An alert was raised (once per subject).
    public static let alertRaised = AuditEventKind("alert.raised")
    /// The service loaded (or reloaded) its configuration; `digest` names the file's content.
    public static let configurationLoaded = AuditEventKind("configuration.loaded")
    /// A reload was refused; the configuration before it keeps running.
    public static let configurationRefused = AuditEventKind("configuration.refused")
    /// An ERP system handed us a shipment or invoice through the API or the drop folder.
    public static let eventReceived = AuditEventKind("erp.event")
}

extension GatewayStore {
    /// Raises an alert unless one was raised for the same kind and subject; returns it when new.
    /// Audited in the same transaction.
    @discardableResult
    public func raiseAlert(_ kind: GatewayAlert.Kind, subject: String, partner: String, detail: String, at date: Date = Date()) async throws -> GatewayAlert? {
        try await database.write { db in
            guard let id = try db.fetchOne(Int64.self, sql: """
                INSERT INTO alerts (kind, subject, partner, detail, raised_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (kind, subject) DO NOTHING RETURNING id
                """, arguments: [kind.rawValue, subject, partner, detail, GatewayTimestamp.text(date), GatewayTimestamp.text(date)]) else { return nil }
            let alert = try GatewayAlert(row: try db.fetchOne(sql: "SELECT * FROM alerts WHERE id = ?", arguments: [id])!)
            try AuditTrail.append(AuditEvent(partner: partner, document: subject.split(separator: " ").first.map(String.init), kind: .alertRaised, details: [
                "kind": .text(kind.rawValue), "subject": .text(subject), "detail": .text(detail),
            ]), at: date, in: db)
            return alert
        }
    }

    /// Alerts not yet delivered whose next attempt is due.
    public func alertsToDeliver(now: Date = Date(), limit: Int = 50) async throws -> [GatewayAlert] {
        try await database.read { db in
            try db.fetchAll(sql: """
                SELECT * FROM alerts WHERE delivered_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?
                """, arguments: [GatewayTimestamp.text(now), limit]).map(GatewayAlert.init(row:))
        }
    }

    public func alerts(undeliveredOnly: Bool = false) async throws -> [GatewayAlert] {
        try await database.read { db in
            try db.fetchAll(sql: "SELECT * FROM alerts\(undeliveredOnly ? " WHERE delivered_at IS NULL" : "") ORDER BY id").map(GatewayAlert.init(row:))
        }
    }

    public func markAlertDelivered(_ id: Int64, at date: Date = Date()) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE alerts SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?", arguments: [GatewayTimestamp.text(date), id])
        }
    }

    public func markAlertAttemptFailed(_ id: Int64, reason: String, retryAt: Date, at date: Date = Date()) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE alerts SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                           arguments: [reason, GatewayTimestamp.text(retryAt), id])
        }
    }
}
