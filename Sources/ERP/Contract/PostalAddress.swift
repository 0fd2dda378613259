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
