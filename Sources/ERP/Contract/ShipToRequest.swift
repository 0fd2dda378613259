/// `POST /v1/ship-to-validations`: is this ship-to one of the sold-to's delivery points?
/// Partners send their own location code (N104) or only an address, so both are accepted.
public struct ShipToRequest: Codable, Sendable, Hashable {
    public var soldTo: String
    /// The partner's ship-to code (N104), matched against the ERP's ship-to id or the
    /// partner location code kept with it.
    public var shipToId: String?
    public var address: PostalAddress?

    public init(soldTo: String, shipToId: String? = nil, address: PostalAddress? = nil) {
        self.soldTo = soldTo
        self.shipToId = shipToId
        self.address = address
    }
}
