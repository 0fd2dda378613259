import X12

/// The values each envelope level may take before wrapping back to its lower bound. ISA13 and
/// GS06 hold up to nine digits; ST02 is 4 to 9 characters (written zero-padded to four), so all
/// three default to 1...999_999_999. Some partners want less (an ST02 that stays four digits);
/// they get a per-partner range.
public struct ControlNumberRanges: Sendable, Hashable {
    public static let widest: ClosedRange<Int> = 1...999_999_999

    private var defaults: [ControlNumberKind: ClosedRange<Int>] = [:]
    private var partners: [String: [ControlNumberKind: ClosedRange<Int>]] = [:]

    public init() {}

    /// Sets the range of one kind, for every partner or for one. Zero is refused: an ISA13 or
    /// GS06 of zero is rejected by many translators, and a wrap to zero would look like a reset.
    public mutating func set(_ range: ClosedRange<Int>, for kind: ControlNumberKind, partner: String? = nil) throws {
        guard range.lowerBound >= 1, range.upperBound <= Self.widest.upperBound else {
            throw GatewayStoreError.invalidControlNumberRange(kind: kind.rawValue, lower: range.lowerBound, upper: range.upperBound,
                                                              reason: "must lie within 1...999999999")
        }
        if let partner { partners[partner, default: [:]][kind] = range } else { defaults[kind] = range }
    }

    public func range(for kind: ControlNumberKind, partner: String) -> ClosedRange<Int> {
        partners[partner]?[kind] ?? defaults[kind] ?? Self.widest
    }
}
