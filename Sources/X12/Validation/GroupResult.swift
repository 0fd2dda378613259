/// The outcome of validating one functional group: what its AK1 … AK9 report.
public struct GroupResult: Sendable {
    /// GS01, e.g. `PO`.
    public let functionalID: String
    /// GS02 and GS03: the acknowledgment's GS reverses them.
    public let senderCode: String
    public let receiverCode: String
    /// GS06.
    public let control: String
    /// GS08.
    public let version: String
    public let versionSupported: Bool
    /// GE01 as received (AK902); the received count when GE01 is missing or not a number.
    public let includedCount: Int
    public let sets: [TransactionSetResult]
    /// Group envelope errors (AK905…AK909 codes).
    public let envelopeErrors: [EnvelopeError]
    /// AK905…AK909, at most five.
    public let errorCodes: [String]

    /// AK903.
    public var receivedCount: Int { sets.count }
    /// AK904.
    public var acceptedCount: Int { sets.filter(\.isAccepted).count }

    /// AK901: `A` all accepted, `E` all accepted and some with errors, `P` some accepted,
    /// `R` none accepted or the group itself is in error.
    public var acknowledgmentCode: String {
        if !errorCodes.isEmpty { return "R" }
        if sets.isEmpty { return "A" }
        let accepted = acceptedCount
        if accepted == 0 { return "R" }
        if accepted < sets.count { return "P" }
        return sets.allSatisfy { $0.acknowledgmentCode == "A" } ? "A" : "E"
    }

    public var isValid: Bool { errorCodes.isEmpty && envelopeErrors.isEmpty && sets.allSatisfy(\.isValid) }
}
