import Foundation

/// A partner's rules for turning ERP findings into an 855. Which findings reject and which
/// only change a line is commercial policy, agreed per partner, so it lives in the profile.
public struct ValidationPolicy: Codable, Sendable, Hashable {
    public enum PriceMismatchAction: String, Codable, Sendable, Hashable {
        /// Acknowledge the line at the ERP's price (IP).
        case change
        /// Reject the line (IR).
        case reject
        /// Reject the whole order.
        case rejectOrder
    }

    public enum ShortageAction: String, Codable, Sendable, Hashable {
        /// Keep the quantity and promise the fill date (IB); a line with no receipt in sight
        /// falls back to `change`.
        case backorder
        /// Acknowledge what is available now (IQ).
        case change
        case reject
    }

    public enum LineRejectAction: String, Codable, Sendable, Hashable {
        /// Reject the line only (R2 for unknown items, IR otherwise).
        case rejectLine
        case rejectOrder
    }

    public enum AccountAction: String, Codable, Sendable, Hashable {
        case reject
        /// Neither accept nor reject: park the order for a person (credit department,
        /// customer service) and send no 855 yet.
        case hold
    }

    /// A partner price within either tolerance of the ERP's net price is accepted as sent.
    public var priceTolerancePercent: Decimal
    public var priceToleranceAbsolute: Decimal
    public var priceMismatch: PriceMismatchAction
    /// A line without a price is acknowledged at the ERP price (IA), or treated as a mismatch.
    public var missingPriceIsMismatch: Bool
    public var shortage: ShortageAction
    public var unknownItem: LineRejectAction
    public var unknownUOM: LineRejectAction
    public var creditHold: AccountAction
    public var overLimit: AccountAction
    /// A ship-to the ERP does not know. One that belongs to another customer is always
    /// rejected: shipping goods to an address the buyer may not use is not a commercial choice.
    public var unknownShipTo: AccountAction
    public var currencyMismatch: AccountAction
    /// How long approved price answers are reused, seconds (0 = never cached).
    public var priceCacheTTLSeconds: Double
    /// When an order is held because the ERP could not answer: waits between attempts.
    public var heldRetryDelaysSeconds: [Double]

    public init(priceTolerancePercent: Decimal = 0, priceToleranceAbsolute: Decimal = Decimal(string: "0.01")!, priceMismatch: PriceMismatchAction = .change, missingPriceIsMismatch: Bool = false, shortage: ShortageAction = .backorder, unknownItem: LineRejectAction = .rejectLine, unknownUOM: LineRejectAction = .rejectLine, creditHold: AccountAction = .hold, overLimit: AccountAction = .hold, unknownShipTo: AccountAction = .reject, currencyMismatch: AccountAction = .reject, priceCacheTTLSeconds: Double = 60, heldRetryDelaysSeconds: [Double] = [30, 120, 600, 1800]) {
        self.priceTolerancePercent = priceTolerancePercent
        self.priceToleranceAbsolute = priceToleranceAbsolute
        self.priceMismatch = priceMismatch
        self.missingPriceIsMismatch = missingPriceIsMismatch
        self.shortage = shortage
        self.unknownItem = unknownItem
        self.unknownUOM = unknownUOM
        self.creditHold = creditHold
        self.overLimit = overLimit
        self.unknownShipTo = unknownShipTo
        self.currencyMismatch = currencyMismatch
        self.priceCacheTTLSeconds = priceCacheTTLSeconds
        self.heldRetryDelaysSeconds = heldRetryDelaysSeconds
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ValidationPolicy()
        priceTolerancePercent = try c.decodeIfPresent(Decimal.self, forKey: .priceTolerancePercent) ?? d.priceTolerancePercent
        priceToleranceAbsolute = try c.decodeIfPresent(Decimal.self, forKey: .priceToleranceAbsolute) ?? d.priceToleranceAbsolute
        priceMismatch = try c.decodeIfPresent(PriceMismatchAction.self, forKey: .priceMismatch) ?? d.priceMismatch
        missingPriceIsMismatch = try c.decodeIfPresent(Bool.self, forKey: .missingPriceIsMismatch) ?? d.missingPriceIsMismatch
        shortage = try c.decodeIfPresent(ShortageAction.self, forKey: .shortage) ?? d.shortage
        unknownItem = try c.decodeIfPresent(LineRejectAction.self, forKey: .unknownItem) ?? d.unknownItem
        unknownUOM = try c.decodeIfPresent(LineRejectAction.self, forKey: .unknownUOM) ?? d.unknownUOM
        creditHold = try c.decodeIfPresent(AccountAction.self, forKey: .creditHold) ?? d.creditHold
        overLimit = try c.decodeIfPresent(AccountAction.self, forKey: .overLimit) ?? d.overLimit
        unknownShipTo = try c.decodeIfPresent(AccountAction.self, forKey: .unknownShipTo) ?? d.unknownShipTo
        currencyMismatch = try c.decodeIfPresent(AccountAction.self, forKey: .currencyMismatch) ?? d.currencyMismatch
        priceCacheTTLSeconds = try c.decodeIfPresent(Double.self, forKey: .priceCacheTTLSeconds) ?? d.priceCacheTTLSeconds
        heldRetryDelaysSeconds = try c.decodeIfPresent([Double].self, forKey: .heldRetryDelaysSeconds) ?? d.heldRetryDelaysSeconds
    }

    /// Whether `offered` is close enough to `net` to accept as sent.
    public func priceWithinTolerance(offered: Decimal, net: Decimal) -> Bool {
        let difference = abs(offered - net)
        if difference <= priceToleranceAbsolute { return true }
        guard net != 0 else { return false }
        return difference / abs(net) * 100 <= priceTolerancePercent
    }
}

/// Who the order is for in the ERP. The profile maps a trading partner to its sold-to.
public struct PartnerAccount: Codable, Sendable, Hashable {
    /// The gateway's partner id; with the PO number it makes the order idempotent in the ERP.
    public var partnerId: String
    /// The ERP sold-to customer number.
    public var customerId: String
    /// Used when the ship-to does not name a warehouse.
    public var defaultWarehouse: String?

    public init(partnerId: String, customerId: String, defaultWarehouse: String? = nil) {
        self.partnerId = partnerId
        self.customerId = customerId
        self.defaultWarehouse = defaultWarehouse
    }
}
