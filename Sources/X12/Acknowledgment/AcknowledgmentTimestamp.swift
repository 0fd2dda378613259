/// The moment written into an acknowledgment's envelopes (ISA09/10, GS04/05). Passed in so
/// that X12 needs no clock and tests produce exact bytes.
public struct AcknowledgmentTimestamp: Sendable, Hashable {
    /// CCYYMMDD.
    public let date: String
    /// HHMM.
    public let time: String

    public init(date: String, time: String) {
        self.date = date
        self.time = time
    }

    /// YYMMDD for ISA09.
    public var shortDate: String { String(date.suffix(6)) }
}
