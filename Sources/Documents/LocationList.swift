import Foundation

/// A partner's organizational relationships (X12 816) in canonical form: their stores and
/// distribution centres, each new, changed or closed, as proposed ship-to changes.
public struct LocationList: Codable, Sendable, Hashable {
    /// BHT03: the partner's reference for the list.
    public var reference: String?
    /// BHT04, YYYY-MM-DD.
    public var date: String?
    /// BHT02 transaction set purpose code: `00` original, `05` replace …
    public var purpose: String?
    /// The header N1: who the list is from.
    public var sender: Party?
    /// The top HL levels (an organization, a DC), each with the locations under it.
    public var locations: [Location]

    public struct Location: Codable, Sendable, Hashable {
        /// HL03 hierarchical level code as sent.
        public var level: String?
        /// N101 entity identifier code as sent: `ST` ship-to, `SN` store, `WH` warehouse …
        public var type: String?
        /// N104: the partner's location number (what its 850s put in N1*ST).
        public var id: String?
        public var idQualifier: String?
        public var name: String?
        public var address: [String]
        public var city: String?
        public var state: String?
        public var postalCode: String?
        public var country: String?
        /// ASI02 maintenance type code as words: `new` (021), `changed` (001), `closed` (024);
        /// any other code as sent; none: the location is listed as it is.
        public var action: String?
        /// The locations under this one (HL02 naming this HL01).
        public var locations: [Location]

        public init(level: String? = nil, type: String? = nil, id: String? = nil, idQualifier: String? = nil, name: String? = nil, address: [String] = [], city: String? = nil, state: String? = nil, postalCode: String? = nil, country: String? = nil, action: String? = nil, locations: [Location] = []) {
            self.level = level
            self.type = type
            self.id = id
            self.idQualifier = idQualifier
            self.name = name
            self.address = address
            self.city = city
            self.state = state
            self.postalCode = postalCode
            self.country = country
            self.action = action
            self.locations = locations
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            level = try c.decodeIfPresent(String.self, forKey: .level)
            type = try c.decodeIfPresent(String.self, forKey: .type)
            id = try c.decodeIfPresent(String.self, forKey: .id)
            idQualifier = try c.decodeIfPresent(String.self, forKey: .idQualifier)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            address = try c.decodeIfPresent([String].self, forKey: .address) ?? []
            city = try c.decodeIfPresent(String.self, forKey: .city)
            state = try c.decodeIfPresent(String.self, forKey: .state)
            postalCode = try c.decodeIfPresent(String.self, forKey: .postalCode)
            country = try c.decodeIfPresent(String.self, forKey: .country)
            action = try c.decodeIfPresent(String.self, forKey: .action)
            locations = try c.decodeIfPresent([Location].self, forKey: .locations) ?? []
        }

        /// This location and every one under it, depth first.
        public var flattened: [Location] { [self] + locations.flatMap(\.flattened) }
    }

    public init(reference: String? = nil, date: String? = nil, purpose: String? = nil, sender: Party? = nil, locations: [Location] = []) {
        self.reference = reference
        self.date = date
        self.purpose = purpose
        self.sender = sender
        self.locations = locations
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reference = try c.decodeIfPresent(String.self, forKey: .reference)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        purpose = try c.decodeIfPresent(String.self, forKey: .purpose)
        sender = try c.decodeIfPresent(Party.self, forKey: .sender)
        locations = try c.decodeIfPresent([Location].self, forKey: .locations) ?? []
    }
}
