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
