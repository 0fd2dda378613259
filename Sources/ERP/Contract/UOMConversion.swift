import Foundation

/// A UOM conversion the ERP applied: 1 `from` = `factor` `to` (1 CA = 12 EA).
public struct UOMConversion: Codable, Sendable, Hashable {
    public var from: String
    public var to: String
    public var factor: Decimal

    public init(from: String, to: String, factor: Decimal) {
        self.from = from
        self.to = to
        self.factor = factor
    }
}
