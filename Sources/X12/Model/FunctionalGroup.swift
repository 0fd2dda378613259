/// A functional group (GS … GE) held whole in memory.
public struct FunctionalGroup: Sendable {
    public let header: Segment
    public internal(set) var transactionSets: [TransactionSet] = []
    public internal(set) var trailer: Segment?
    /// Errors of the group envelope itself (GE counts and control numbers).
    public internal(set) var errors: [EnvelopeError] = []

    /// GS01, e.g. `PO` or `FA`.
    public var functionalID: String { header[1] }
    public var senderCode: String { header[2] }
    public var receiverCode: String { header[3] }
    public var date: String { header[4] }
    public var time: String { header[5] }
    /// GS06.
    public var control: String { header[6] }
    public var agency: String { header[7] }
    /// GS08, e.g. `004010` or `005010X231`.
    public var version: String { header[8] }
}
