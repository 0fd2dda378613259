/// `PUT /v1/ship-tos/{customerId}/{locationCode}`: create or update one of the customer's
/// delivery points from a partner's location list (816), once a person approved it. Keyed by
/// customer and the partner's location code, so a repeat after a lost answer changes nothing
/// more than the first call did.
public struct ShipToUpsert: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable {
        /// Orders may be delivered here.
        case active
        /// The partner closed the location: the ERP stops accepting it as a ship-to.
        case closed
    }

    public var customerId: String
    public var partnerId: String
    /// The partner's location code (what its 850s put in N1*ST, N104).
    public var locationCode: String
    /// The gateway's reference for the approved change (`shipto-change/12`), for the ERP's log.
    public var changeId: String
    public var status: Status
    /// Name and address; required for an active location the ERP does not hold yet.
    public var address: PostalAddress?

    public init(customerId: String, partnerId: String, locationCode: String, changeId: String, status: Status, address: PostalAddress? = nil) {
        self.customerId = customerId
        self.partnerId = partnerId
        self.locationCode = locationCode
        self.changeId = changeId
        self.status = status
        self.address = address
    }
}

/// The ERP's answer to a `ShipToUpsert`: the ship-to id it keeps the location under.
public struct ShipToUpsertReceipt: Codable, Sendable, Hashable {
    public var shipToId: String
    public var status: ShipToUpsert.Status
    /// True when the ERP created the ship-to now, false when it updated (or already held) it.
    public var created: Bool
    /// The warehouse that serves the location.
    public var warehouse: String?

    public init(shipToId: String, status: ShipToUpsert.Status, created: Bool, warehouse: String? = nil) {
        self.shipToId = shipToId
        self.status = status
        self.created = created
        self.warehouse = warehouse
    }

    /// What the contract promises of an answer to `upsert`: a ship-to id, in the status asked.
    public func contractViolation(for upsert: ShipToUpsert) -> String? {
        if shipToId.trimmingCharacters(in: .whitespaces).isEmpty { return "no shipToId" }
        if status != upsert.status { return "status \(status.rawValue), asked \(upsert.status.rawValue)" }
        return nil
    }
}
