import Documents
import Foundation

/// Partners' location lists (816) → the ERP's ship-to master, through a person: proposed
/// changes recorded with the list's file step; approved or rejected (who, when); applied once
/// the ERP took them, when the location joins the partner's mapping and the orders that waited
/// for it go back in line. Each state change commits with its audit entry.
extension GatewayStore {
    package static func locationListStep(interchange: String, set: String) -> String { "816 \(interchange)/\(set)" }

    /// The list read: its proposals recorded, earlier open proposals for the same locations
    /// superseded, and the file's `816` step — one transaction.
    package func recordLocationList(_ list: LocationList, interchange: String, set: String, proposals: [ShipToProposal], superseding: [Int64],
                                    file: InboundFile, owner: WorkerIdentity, at date: Date) async throws -> InboundStep {
        let encoded = try proposals.map { ($0, try StoredJSON.encode($0.location)) }
        return try await database.write { db in
            try Self.requireLease(file.id, owner: owner, in: db)
            let now = GatewayTimestamp.text(date)
            for id in superseding {
                try db.execute(sql: "UPDATE ship_to_changes SET status = 'superseded', updated_at = ? WHERE id = ? AND status IN ('pending', 'approved', 'failed')",
                               arguments: [now, id])
                try AuditTrail.append(AuditEvent(partner: file.partner, document: "shipto-change/\(id)", kind: .shipToSuperseded, details: [
                    "by": .text(file.documentReference), "list": .text(list.reference ?? ""),
                ]), at: date, in: db)
            }
            var ids: [String] = []
            for (proposal, json) in encoded {
                let id = try db.fetchOne(Int64.self, sql: """
                    INSERT INTO ship_to_changes (partner, location_code, kind, location, inbound_id, list_reference, status, proposed_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id
                    """, arguments: [file.partner, proposal.locationCode, proposal.kind.rawValue, json, file.id, list.reference, now, now])!
                ids.append("shipto-change/\(id)")
                try AuditTrail.append(AuditEvent(partner: file.partner, document: "shipto-change/\(id)", kind: .shipToProposed, details: [
                    "location": .text(proposal.locationCode), "kind": .text(proposal.kind.rawValue), "name": .text(proposal.location.name ?? ""),
                    "inbound": .text(file.documentReference), "list": .text(list.reference ?? ""),
                ]), at: date, in: db)
            }
            try AuditTrail.append(AuditEvent(partner: file.partner, document: file.documentReference, kind: .locationListRead, details: [
                "list": .text(list.reference ?? ""), "set": .text(set), "locations": .integer(Int64(list.locations.flatMap(\.flattened).count)),
                "proposed": .list(ids), "superseded": .list(superseding.map { "shipto-change/\($0)" }),
            ]), at: date, in: db)
            return try Self.insertStep(file.id, step: Self.locationListStep(interchange: interchange, set: set),
                                       outcome: "816 \(proposals.count) proposed", outbound: nil, at: date, in: db)
        }
    }

    /// Changes newest first, by status and partner.
    public func shipToChanges(partner: String? = nil, status: ShipToChangeRecord.Status? = nil, limit: Int = 500) async throws -> [ShipToChangeRecord] {
        try await database.read { db in
            var sql = "SELECT * FROM ship_to_changes WHERE 1 = 1"
            var arguments: StoreArguments = []
            if let partner { sql += " AND partner = ?"; arguments += [partner] }
            if let status { sql += " AND status = ?"; arguments += [status.rawValue] }
            arguments += [Int64(limit)]
            return try db.fetchAll(sql: sql + " ORDER BY id DESC LIMIT ?", arguments: arguments).map(ShipToChangeRecord.init(row:))
        }
    }

    public func shipToChange(id: Int64) async throws -> ShipToChangeRecord {
        try await database.read { db in try Self.shipToChange(id: id, in: db) }
    }

    /// The partner's changes still awaiting a person or the ERP (pending, approved, failed).
    public func openShipToChanges(partner: String) async throws -> [ShipToChangeRecord] {
        try await database.read { db in
            try db.fetchAll(sql: "SELECT * FROM ship_to_changes WHERE partner = ? AND status IN ('pending', 'approved', 'failed') ORDER BY id",
                            arguments: [partner]).map(ShipToChangeRecord.init(row:))
        }
    }

    /// What stands for one of the partner's location codes: the ERP's ship-to it was applied as
    /// (if any), and the oldest change still awaiting a person or the ERP (if any). One read
    /// per order, by key, however many stores the partner has.
    public func shipToStanding(partner: String, locationCode code: String) async throws -> (location: ShipToLocationRecord?, open: ShipToChangeRecord?) {
        try await database.read { db in
            let location = try db.fetchOne(sql: "SELECT * FROM ship_to_locations WHERE partner = ? AND location_code = ?", arguments: [partner, code])
                .map(ShipToLocationRecord.init(row:))
            let open = try db.fetchOne(sql: """
                SELECT * FROM ship_to_changes WHERE partner = ? AND location_code = ? AND status IN ('pending', 'approved', 'failed') ORDER BY id LIMIT 1
                """, arguments: [partner, code]).map(ShipToChangeRecord.init(row:))
            return (location, open)
        }
    }

    /// The locations the ERP took for a partner, by code.
    public func shipToLocations(partner: String) async throws -> [String: ShipToLocationRecord] {
        try await database.read { db in
            let rows = try db.fetchAll(sql: "SELECT * FROM ship_to_locations WHERE partner = ?", arguments: [partner]).map(ShipToLocationRecord.init(row:))
            return Dictionary(rows.map { ($0.locationCode, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// A person's decision: `pending` (or `failed`, to try again) → `approved`, or → `rejected`.
    /// `by` is who decided, as the audit entry says.
    public func decideShipToChange(_ id: Int64, approve: Bool, by person: String, note: String? = nil, at date: Date = Date()) async throws -> ShipToChangeRecord {
        try await database.write { db in
            let change = try Self.shipToChange(id: id, in: db, locking: true)
            let allowed: Set<ShipToChangeRecord.Status> = approve ? [.pending, .failed] : [.pending, .failed, .approved]
            guard allowed.contains(change.status) else { throw GatewayStoreError.shipToChangeClosed(id: id, status: change.status.rawValue) }
            let now = GatewayTimestamp.text(date)
            try db.execute(sql: "UPDATE ship_to_changes SET status = ?, decided_by = ?, decided_at = ?, note = ?, error = NULL, updated_at = ? WHERE id = ?",
                           arguments: [approve ? "approved" : "rejected", person, now, note, now, id])
            try AuditTrail.append(AuditEvent(partner: change.partner, document: change.documentReference, kind: approve ? .shipToApproved : .shipToRejected, details: [
                "location": .text(change.locationCode), "kind": .text(change.kind.rawValue), "by": .text(person), "note": .text(note ?? ""),
            ]), at: date, in: db)
            return try Self.shipToChange(id: id, in: db)
        }
    }

    /// The ERP took the change: the location joins (or, closed, stays in) the partner's mapping,
    /// and files holding orders that waited for it go back in line. Returns those files.
    public func recordShipToApplied(_ change: ShipToChangeRecord, shipToID: String, warehouse: String?, created: Bool, at date: Date = Date()) async throws -> [InboundFile] {
        let json = try StoredJSON.encode(change.location)
        return try await database.write { db in
            let current = try Self.shipToChange(id: change.id, in: db, locking: true)
            // Superseded or rejected while the ERP answered: the newer decision stands.
            guard current.status == .approved else { return [] }
            let now = GatewayTimestamp.text(date)
            try db.execute(sql: """
                UPDATE ship_to_changes SET status = 'applied', erp_ship_to_id = ?, warehouse = ?, applied_at = ?, attempts = attempts + 1, error = NULL, updated_at = ?
                WHERE id = ?
                """, arguments: [shipToID, warehouse, now, now, change.id])
            let status = change.kind == .closed ? "closed" : "active"
            try db.execute(sql: "DELETE FROM ship_to_locations WHERE partner = ? AND location_code = ?", arguments: [change.partner, change.locationCode])
            try db.execute(sql: """
                INSERT INTO ship_to_locations (partner, location_code, erp_ship_to_id, status, location, change_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [change.partner, change.locationCode, shipToID, status, json, change.id, now])
            let waiting = try db.fetchAll(Int64.self, sql: """
                SELECT DISTINCT o.inbound_id FROM orders o JOIN inbound_files f ON f.id = o.inbound_id
                WHERE o.partner = ? AND o.awaiting_location = ? AND o.status = 'held' AND f.state = 'held' ORDER BY o.inbound_id
                """, arguments: [change.partner, change.locationCode])
            try db.execute(sql: "UPDATE orders SET awaiting_location = NULL WHERE partner = ? AND awaiting_location = ?", arguments: [change.partner, change.locationCode])
            try AuditTrail.append(AuditEvent(partner: change.partner, document: change.documentReference, kind: .shipToApplied, details: [
                "location": .text(change.locationCode), "kind": .text(change.kind.rawValue), "shipTo": .text(shipToID), "warehouse": .text(warehouse ?? ""),
                "created": .flag(created), "approvedBy": .text(current.decidedBy ?? ""), "released": .list(waiting.map { "inbound/\($0)" }),
            ]), at: date, in: db)
            return try waiting.map { try Self.transition($0, to: .received, allowedFrom: [.held], at: date, in: db) }
        }
    }

    /// The ERP did not take the change: while it could not answer the change stays `approved`
    /// and is tried again; a refusal makes it `failed`, for a person.
    public func recordShipToNotApplied(_ change: ShipToChangeRecord, error: String, refused: Bool, at date: Date = Date()) async throws {
        try await database.write { db in
            let now = GatewayTimestamp.text(date)
            try db.execute(sql: "UPDATE ship_to_changes SET status = ?, attempts = attempts + 1, error = ?, updated_at = ? WHERE id = ? AND status = 'approved'",
                           arguments: [refused ? "failed" : "approved", error, now, change.id])
            try AuditTrail.append(AuditEvent(partner: change.partner, document: change.documentReference, kind: .shipToNotApplied, details: [
                "location": .text(change.locationCode), "error": .text(error), "refused": .flag(refused),
            ]), at: date, in: db)
        }
    }

    static func shipToChange(id: Int64, in db: any StoreConnection, locking: Bool = false) throws -> ShipToChangeRecord {
        guard let row = try db.fetchOne(sql: "SELECT * FROM ship_to_changes WHERE id = ?" + (locking ? db.lockingRead : ""), arguments: [id]) else {
            throw GatewayStoreError.unknownShipToChange(id: id)
        }
        return try ShipToChangeRecord(row: row)
    }
}
