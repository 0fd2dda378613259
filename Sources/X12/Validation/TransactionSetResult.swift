/// The outcome of validating one transaction set: what its AK2 loop reports.
public struct TransactionSetResult: Sendable {
    /// ST01.
    public let type: String
    /// ST02.
    public let control: String
    /// ST03 (5010 implementation convention reference), if present.
    public let implementationReference: String?
    public let byteOffset: Int
    public let segmentErrors: [SegmentError]
    /// Envelope errors the reader found in the ST/SE (AK5 codes 2, 3, 4, 6, 7, 23).
    public let envelopeErrors: [EnvelopeError]
    /// AK502…AK506: transaction set syntax error codes, at most five.
    public let errorCodes: [String]
    /// AK501: `A` accepted, `E` accepted with errors noted, `R` rejected.
    public let acknowledgmentCode: String

    /// The set had more segment errors than its limit allowed to report; `segmentErrors`
    /// holds the first ones.
    public var segmentErrorsTruncated: Bool = false

    public var isAccepted: Bool { acknowledgmentCode == "A" || acknowledgmentCode == "E" }
    public var isValid: Bool { segmentErrors.isEmpty && envelopeErrors.isEmpty && errorCodes.isEmpty }
}
