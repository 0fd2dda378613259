import Foundation

/// A partner's rules for turning ERP findings into an 855: the one policy type, read from the
/// `validation:` section of a partner profile and from `edigate erp validate --policy FILE`,
/// with one set of defaults (docs/erp.md, "Validation policy"). Which findings reject and
/// which only change a line is commercial policy, agreed per partner, so it lives in the
/// profile.
public struct ValidationPolicy: Codable, Sendable, Hashable {
    public enum PriceMismatchAction: String, Codable, Sendable, Hashable, CaseIterable {
        /// Acknowledge the line at the ERP's price (IP).
        case change
        /// Reject the line (IR).
        case reject
        /// Reject the whole order.
        case rejectOrder
    }

    public enum ShortageAction: String, Codable, Sendable, Hashable, CaseIterable {
        /// Keep the quantity and promise the fill date (IB); a line with no receipt in sight
        /// falls back to `change`.
        case backorder
        /// Acknowledge what is available now (IQ).
        case change
        case reject
    }

    public enum LineRejectAction: String, Codable, Sendable, Hashable, CaseIterable {
        /// Reject the line only (R2 for unknown items, IR otherwise).
        case rejectLine
        case rejectOrder

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            // `reject` is how profiles spelled "reject the order" before there was one policy.
            switch text {
            case "rejectLine": self = .rejectLine
            case "rejectOrder", "reject": self = .rejectOrder
            default:
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not one of rejectLine, rejectOrder"))
            }
        }
    }

    public enum AccountAction: String, Codable, Sendable, Hashable, CaseIterable {
        case reject
        /// Neither accept nor reject: park the order for a person (credit department,
        /// customer service) and send no 855 yet.
        case hold
    }

    /// A partner price within either tolerance of the ERP's net price is accepted as sent.
    public var priceTolerancePercent: Decimal
    /// `priceTolerance` in files: an amount per unit.
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

    public init(priceTolerancePercent: Decimal = 0, priceToleranceAbsolute: Decimal = Decimal(string: "0.01")!, priceMismatch: PriceMismatchAction = .change, missingPriceIsMismatch: Bool = false, shortage: ShortageAction = .backorder, unknownItem: LineRejectAction = .rejectLine, unknownUOM: LineRejectAction = .rejectLine, creditHold: AccountAction = .hold, overLimit: AccountAction = .hold, unknownShipTo: AccountAction = .reject, currencyMismatch: AccountAction = .reject, priceCacheTTLSeconds: Double = 60) {
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
    }

    /// The keys as files spell them (profiles and `--policy` files alike).
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case priceTolerancePercent, priceTolerance, onPriceMismatch, missingPriceIsMismatch, onShortage, onUnknownItem, onUnknownUOM
        case onCreditHold, onOverLimit, onUnknownShipTo, onCurrencyMismatch, priceCacheSeconds
    }

    /// Earlier spellings of `--policy` JSON files, still read so that existing files keep working.
    private enum LegacyKeys: String, CodingKey {
        case priceToleranceAbsolute, priceMismatch, shortage, unknownItem, unknownUOM, creditHold, overLimit, unknownShipTo, currencyMismatch, priceCacheTTLSeconds
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let old = try decoder.container(keyedBy: LegacyKeys.self)
        let d = ValidationPolicy()
        func value<T: Decodable>(_ key: CodingKeys, _ legacy: LegacyKeys?, _ fallback: T) throws -> T {
            if let found = try c.decodeIfPresent(T.self, forKey: key) { return found }
            if let legacy, let found = try old.decodeIfPresent(T.self, forKey: legacy) { return found }
            return fallback
        }
        priceTolerancePercent = try value(.priceTolerancePercent, nil, d.priceTolerancePercent)
        priceToleranceAbsolute = try value(.priceTolerance, .priceToleranceAbsolute, d.priceToleranceAbsolute)
        priceMismatch = try value(.onPriceMismatch, .priceMismatch, d.priceMismatch)
        missingPriceIsMismatch = try value(.missingPriceIsMismatch, nil, d.missingPriceIsMismatch)
        shortage = try value(.onShortage, .shortage, d.shortage)
        unknownItem = try value(.onUnknownItem, .unknownItem, d.unknownItem)
        unknownUOM = try value(.onUnknownUOM, .unknownUOM, d.unknownUOM)
        creditHold = try value(.onCreditHold, .creditHold, d.creditHold)
        overLimit = try value(.onOverLimit, .overLimit, d.overLimit)
        unknownShipTo = try value(.onUnknownShipTo, .unknownShipTo, d.unknownShipTo)
        currencyMismatch = try value(.onCurrencyMismatch, .currencyMismatch, d.currencyMismatch)
        priceCacheTTLSeconds = try value(.priceCacheSeconds, .priceCacheTTLSeconds, d.priceCacheTTLSeconds)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(priceTolerancePercent, forKey: .priceTolerancePercent)
        try c.encode(priceToleranceAbsolute, forKey: .priceTolerance)
        try c.encode(priceMismatch, forKey: .onPriceMismatch)
        try c.encode(missingPriceIsMismatch, forKey: .missingPriceIsMismatch)
        try c.encode(shortage, forKey: .onShortage)
        try c.encode(unknownItem, forKey: .onUnknownItem)
        try c.encode(unknownUOM, forKey: .onUnknownUOM)
        try c.encode(creditHold, forKey: .onCreditHold)
        try c.encode(overLimit, forKey: .onOverLimit)
        try c.encode(unknownShipTo, forKey: .onUnknownShipTo)
        try c.encode(currencyMismatch, forKey: .onCurrencyMismatch)
        try c.encode(priceCacheTTLSeconds, forKey: .priceCacheSeconds)
    }

    /// What is wrong with the values, by key (the loaders add file and line).
    public var problems: [(key: String, message: String)] {
        var found: [(String, String)] = []
        if priceTolerancePercent < 0 { found.append(("priceTolerancePercent", "must not be negative")) }
        if priceToleranceAbsolute < 0 { found.append(("priceTolerance", "must not be negative")) }
        if !(priceCacheTTLSeconds >= 0) { found.append(("priceCacheSeconds", "must not be negative")) }
        return found
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
