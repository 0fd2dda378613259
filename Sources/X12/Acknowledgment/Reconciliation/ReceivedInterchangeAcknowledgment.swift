/// A partner's TA1: its answer to one of our interchanges.
public struct ReceivedInterchangeAcknowledgment: Sendable, Hashable {
    /// TA101: our ISA13.
    public var interchangeControl: String
    public var date: String
    public var time: String
    /// TA104: A accepted, E accepted with errors, R rejected.
    public var status: String
    /// TA105 note code.
    public var noteCode: String
    /// ISA06 of the interchange that carried the TA1: the partner.
    public var senderID: String

    public init?(_ segment: Segment, in header: InterchangeHeader) {
        guard segment.idString == "TA1" else { return nil }
        interchangeControl = segment[1]
        date = segment[2]
        time = segment[3]
        status = segment[4]
        noteCode = segment[5]
        senderID = header.senderID
    }
}
