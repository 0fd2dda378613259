import Foundation

/// What the ERP check of an inbound order does with each kind of finding for this partner:
/// accept it as a change (acknowledged with changes) or reject. The ERP module maps this
/// onto its own policy type.
public struct PartnerValidationPolicy: Codable, Sendable, Hashable {
    public enum PriceMismatch: String, Codable, Sendable, Hashable, CaseIterable {
        /// Acknowledge with our price (ACK IP, 855 AC).
        case change
        case reject
    }

    public enum Shortage: String, Codable, Sendable, Hashable, CaseIterable {
        /// Ship what is there, backorder the rest (ACK IB).
        case backorder
        /// Acknowledge the quantity we can ship (ACK IQ).
        case change
        case reject
    }

    public enum UnknownItem: String, Codable, Sendable, Hashable, CaseIterable {
        /// Reject the whole order.
        case reject
        /// Reject the line only (ACK R2), acknowledge the rest.
        case rejectLine
    }

    public enum CreditHold: String, Codable, Sendable, Hashable, CaseIterable {
        /// Keep the order pending until credit is released; no 855 yet.
        case hold
        case reject
    }

    /// A price within this percentage of ours is accepted as sent.
    public var priceTolerancePercent: Decimal
    /// … or within this absolute amount per unit (whichever is larger).
    public var priceTolerance: Decimal
    public var onPriceMismatch: PriceMismatch
    public var onShortage: Shortage
    public var onUnknownItem: UnknownItem
    public var onCreditHold: CreditHold
    /// An order total above the customer's available credit.
    public var onOverLimit: CreditHold
    /// A ship-to the ERP does not know (one belonging to another customer is always rejected).
    public var onUnknownShipTo: CreditHold
    /// How long approved ERP prices are reused, seconds (0 = never).
    public var priceCacheSeconds: Int

    public init(priceTolerancePercent: Decimal = 0, priceTolerance: Decimal = 0, onPriceMismatch: PriceMismatch = .change, onShortage: Shortage = .backorder, onUnknownItem: UnknownItem = .reject, onCreditHold: CreditHold = .hold, onOverLimit: CreditHold = .hold, onUnknownShipTo: CreditHold = .reject, priceCacheSeconds: Int = 60) {
        self.onOverLimit = onOverLimit
        self.onUnknownShipTo = onUnknownShipTo
        self.priceCacheSeconds = priceCacheSeconds
        self.priceTolerancePercent = priceTolerancePercent
        self.priceTolerance = priceTolerance
        self.onPriceMismatch = onPriceMismatch
        self.onShortage = onShortage
        self.onUnknownItem = onUnknownItem
        self.onCreditHold = onCreditHold
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PartnerValidationPolicy()
        priceTolerancePercent = try c.decodeIfPresent(Decimal.self, forKey: .priceTolerancePercent) ?? d.priceTolerancePercent
        priceTolerance = try c.decodeIfPresent(Decimal.self, forKey: .priceTolerance) ?? d.priceTolerance
        onPriceMismatch = try c.decodeIfPresent(PriceMismatch.self, forKey: .onPriceMismatch) ?? d.onPriceMismatch
        onShortage = try c.decodeIfPresent(Shortage.self, forKey: .onShortage) ?? d.onShortage
        onUnknownItem = try c.decodeIfPresent(UnknownItem.self, forKey: .onUnknownItem) ?? d.onUnknownItem
        onCreditHold = try c.decodeIfPresent(CreditHold.self, forKey: .onCreditHold) ?? d.onCreditHold
        onOverLimit = try c.decodeIfPresent(CreditHold.self, forKey: .onOverLimit) ?? d.onOverLimit
        onUnknownShipTo = try c.decodeIfPresent(CreditHold.self, forKey: .onUnknownShipTo) ?? d.onUnknownShipTo
        priceCacheSeconds = try c.decodeIfPresent(Int.self, forKey: .priceCacheSeconds) ?? d.priceCacheSeconds
    }

    /// Whether `offered` is close enough to `expected` to accept without a change.
    public func priceWithinTolerance(offered: Decimal, expected: Decimal) -> Bool {
        let difference = offered > expected ? offered - expected : expected - offered
        let relative = expected * priceTolerancePercent / 100
        return difference <= max(priceTolerance, relative < 0 ? -relative : relative)
    }
}
