/// A trading party on a document: ship-to, bill-to, buyer, seller, remit-to, ship-from.
public struct Party: Codable, Sendable, Hashable {
    public var id: String?
    /// N103 identification code qualifier, e.g. `92` (assigned by buyer), `1` (DUNS), `UL` (GLN).
    public var idQualifier: String?
    public var name: String?
    public var address: [String]
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?

    public init(id: String? = nil, idQualifier: String? = nil, name: String? = nil, address: [String] = [], city: String? = nil, state: String? = nil, postalCode: String? = nil, country: String? = nil) {
        self.id = id
        self.idQualifier = idQualifier
        self.name = name
        self.address = address
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.country = country
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        idQualifier = try c.decodeIfPresent(String.self, forKey: .idQualifier)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        address = try c.decodeIfPresent([String].self, forKey: .address) ?? []
        city = try c.decodeIfPresent(String.self, forKey: .city)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        postalCode = try c.decodeIfPresent(String.self, forKey: .postalCode)
        country = try c.decodeIfPresent(String.self, forKey: .country)
    }
}
