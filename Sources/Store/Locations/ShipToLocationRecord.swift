import Documents
import Foundation

/// A partner location the ERP's ship-to master took from an approved change
/// (`ship_to_locations`): the partner's code, the ERP's id, and whether it is still open. The
/// partner's `erp.shipTo` mapping follows these over the profile's own lines.
public struct ShipToLocationRecord: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case active, closed
    }

    public let partner: String
    public let locationCode: String
    public let erpShipToID: String
    public let status: Status
    public let location: LocationList.Location
    /// The change that put it here.
    public let changeID: Int64
    public let updatedAt: String

    init(row: StoreRow) throws {
        partner = row["partner"]
        locationCode = row["location_code"]
        erpShipToID = row["erp_ship_to_id"]
        let statusText: String = row["status"]
        guard let status = Status(rawValue: statusText) else {
            throw GatewayStoreError.corruptRow(table: "ship_to_locations", key: "\(partner)/\(locationCode)", detail: "status '\(statusText)'")
        }
        self.status = status
        location = try StoredJSON.decode(LocationList.Location.self, row["location"], table: "ship_to_locations", key: "\(partner)/\(locationCode)")
        changeID = row["change_id"]
        updatedAt = row["updated_at"]
    }
}

/// A change a location list asks for, before it is recorded.
public struct ShipToProposal: Sendable, Hashable {
    public var locationCode: String
    public var kind: ShipToChangeRecord.Kind
    public var location: LocationList.Location

    public init(locationCode: String, kind: ShipToChangeRecord.Kind, location: LocationList.Location) {
        self.locationCode = locationCode
        self.kind = kind
        self.location = location
    }
}
