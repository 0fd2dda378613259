/// What a partner wants back, per partner profile (`acknowledgments:`; the defaults are
/// the standard's: a 997 per group, a TA1 when the interchange envelope is in error).
public struct AcknowledgmentOptions: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// 997 in the inbound GS08 version.
        case functional997
        /// 999 (005010X231), only where a partner asks for it.
        case implementation999
        /// No functional acknowledgment (a partner that does not want them); TA1s still
        /// follow the TA1 policy.
        case none
    }

    public enum TA1Policy: Sendable, Hashable {
        /// Only when the interchange header or trailer is in error (or ISA14 asks).
        case onError
        /// For every interchange.
        case always
        /// Never, even when ISA14 asks; for partners who reject TA1s.
        case never
    }

    public var kind: Kind
    public var ta1: TA1Policy
    /// ISA15 of the acknowledgment; `nil` mirrors the inbound ISA15.
    public var usage: String?

    public init(kind: Kind = .functional997, ta1: TA1Policy = .onError, usage: String? = nil) {
        self.kind = kind
        self.ta1 = ta1
        self.usage = usage
    }
}
