/// One functional group we sent and expect a 997/999 for.
public struct SentGroup: Sendable, Hashable, Codable {
    public struct SentSet: Sendable, Hashable, Codable {
        public var type: String
        public var control: String
        public init(type: String, control: String) {
            self.type = type
            self.control = control
        }
    }

    /// Our ISA13.
    public var interchangeControl: String
    /// ISA08 of our interchange: the partner's interchange ID.
    public var partnerID: String
    /// GS01, e.g. `PR` (855), `SH` (856), `IN` (810).
    public var functionalID: String
    /// Our GS02 / GS03.
    public var senderCode: String
    public var receiverCode: String
    /// Our GS06.
    public var groupControl: String
    public var sets: [SentSet]
    /// When it was sent, in seconds since 1970.
    public var sentAt: Int64

    public init(interchangeControl: String, partnerID: String, functionalID: String, senderCode: String, receiverCode: String, groupControl: String, sets: [SentSet], sentAt: Int64) {
        self.interchangeControl = interchangeControl
        self.partnerID = partnerID
        self.functionalID = functionalID
        self.senderCode = senderCode
        self.receiverCode = receiverCode
        self.groupControl = groupControl
        self.sets = sets
        self.sentAt = sentAt
    }

    /// The groups of an interchange we wrote, as records to reconcile later.
    public static func records(of interchange: Interchange, sentAt: Int64) -> [SentGroup] {
        interchange.groups.filter { $0.functionalID != "FA" }.map { group in
            SentGroup(interchangeControl: interchange.header.controlNumber, partnerID: interchange.header.receiverID, functionalID: group.functionalID, senderCode: group.senderCode, receiverCode: group.receiverCode, groupControl: group.control, sets: group.transactionSets.map { SentSet(type: $0.type, control: $0.control) }, sentAt: sentAt)
        }
    }
}
