/// How the partner's identities map to the ERP's: the customer account, and ship-to
/// locations by the code the partner sends in N1*ST (N104).
public struct ERPReferences: Codable, Sendable, Hashable {
    /// ERP customer id, e.g. `C-ACME`.
    public var customer: String
    /// Partner location code → ERP ship-to id.
    public var shipTo: [String: String]

    public init(customer: String, shipTo: [String: String] = [:]) {
        self.customer = customer
        self.shipTo = shipTo
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        customer = try c.decode(String.self, forKey: .customer)
        // Yams cannot look up quoted digit keys ("0012") through a keyed container, so the
        // profile loader reads this mapping from the YAML nodes itself; other decoders work here.
        shipTo = (try? c.decodeIfPresent([String: String].self, forKey: .shipTo)) ?? [:]
    }

    /// The ERP ship-to for a partner location code, if the profile lists it.
    public func erpShipTo(forPartnerLocation code: String) -> String? { shipTo[code] }
}
