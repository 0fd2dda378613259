/// A postal address as the ERP keeps it.
public struct PostalAddress: Codable, Sendable, Hashable {
    public var name: String?
    public var lines: [String]
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?

    public init(name: String? = nil, lines: [String] = [], city: String? = nil, state: String? = nil, postalCode: String? = nil, country: String? = nil) {
        self.name = name
        self.lines = lines
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.country = country
    }
}

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

public struct ShipToResponse: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable {
        case valid
        case unknown
        /// The ship-to exists but belongs to another customer.
        case notAuthorised
    }

    public var status: Status
    public var shipToId: String?
    public var address: PostalAddress?
    /// The warehouse that serves this ship-to; availability is checked there.
    public var warehouse: String?
    public var reason: String?

    public init(status: Status, shipToId: String? = nil, address: PostalAddress? = nil, warehouse: String? = nil, reason: String? = nil) {
        self.status = status
        self.shipToId = shipToId
        self.address = address
        self.warehouse = warehouse
        self.reason = reason
    }
}
