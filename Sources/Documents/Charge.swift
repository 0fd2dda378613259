import Foundation

/// A header-level charge or allowance (SAC in X12).
public struct Charge: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case charge
        case allowance
    }

    public var kind: Kind
    /// SAC02 service, promotion, allowance or charge code, e.g. `D240` freight.
    public var code: String?
    /// Always positive; `kind` says whether it adds or subtracts.
    public var amount: Decimal
    public var description: String?

    public init(kind: Kind, code: String? = nil, amount: Decimal, description: String? = nil) {
        self.kind = kind
        self.code = code
        self.amount = amount
        self.description = description
    }
}
