import Documents
import Foundation

/// One proposed change to a partner's ship-to master (`ship_to_changes`), from a location list
/// (816): a new, changed or closed location, approved or rejected by a person, then applied
/// to the ERP by the service.
public struct ShipToChangeRecord: Sendable, Hashable, Identifiable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case new, changed, closed
    }

    /// `pending` waits for a person; `approved` waits for the ERP (retried while it is down);
    /// `applied` is in the ERP and the mapping; `failed`: the ERP refused it, a person looks
    /// again (approve once more, or reject); `superseded`: a later list proposed otherwise.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case pending, approved, rejected, applied, failed, superseded

        /// Orders to the location wait while a change is in one of these.
        public var awaitsApproval: Bool { self == .pending || self == .approved || self == .failed }
    }

    public let id: Int64
    public let partner: String
    /// The partner's location code (N104 of its 850s' N1*ST).
    public let locationCode: String
    public let kind: Kind
    /// The location as the list gave it (without the locations under it).
    public let location: LocationList.Location
    public let inboundID: Int64
    /// BHT03 of the list.
    public let listReference: String?
    public let status: Status
    public let proposedAt: String
    /// Who approved or rejected it (the token's name), and when.
    public let decidedBy: String?
    public let decidedAt: String?
    public let note: String?
    public let erpShipToID: String?
    public let warehouse: String?
    public let appliedAt: String?
    /// Calls made to the ERP for it, and the last one's error.
    public let attempts: Int64
    public let error: String?

    public var documentReference: String { "shipto-change/\(id)" }

    init(row: StoreRow) throws {
        id = row["id"]
        partner = row["partner"]
        locationCode = row["location_code"]
        let key = "\(id)"
        let kindText: String = row["kind"]
        let statusText: String = row["status"]
        guard let kind = Kind(rawValue: kindText), let status = Status(rawValue: statusText) else {
            throw GatewayStoreError.corruptRow(table: "ship_to_changes", key: key, detail: "kind '\(kindText)', status '\(statusText)'")
        }
        self.kind = kind
        self.status = status
        location = try StoredJSON.decode(LocationList.Location.self, row["location"], table: "ship_to_changes", key: key)
        inboundID = row["inbound_id"]
        listReference = row["list_reference"]
        proposedAt = row["proposed_at"]
        decidedBy = row["decided_by"]
        decidedAt = row["decided_at"]
        note = row["note"]
        erpShipToID = row["erp_ship_to_id"]
        warehouse = row["warehouse"]
        appliedAt = row["applied_at"]
        attempts = row["attempts"]
        error = row["error"]
    }
}
