/// An interchange as the writer produced it: the bytes together with the control numbers
/// written into them, so that whoever records or sends it never reads back what it just wrote.
public struct WrittenInterchange: Sendable, Hashable {
    /// One functional group as written.
    public struct Group: Sendable, Hashable {
        /// GS01, e.g. `PR`, `SH`, `IN`, `FA`.
        public let functionalID: String
        /// GS02 / GS03.
        public let senderCode: String
        public let receiverCode: String
        /// GS06 as written.
        public let control: String
        /// ST01 / ST02 of each set, as written.
        public let sets: [SentGroup.SentSet]
    }

    public let bytes: [UInt8]
    /// ISA13 as written (nine digits).
    public let interchangeControl: String
    /// ISA08: the receiver's interchange ID.
    public let receiverID: String
    public let groups: [Group]
    /// What was changed in the data to write it (a delimiter inside a text replaced, a long
    /// note continued in a second segment), one sentence each; recorded with the interchange.
    public var adjustments: [String] = []

    public var groupControls: [String] { groups.map(\.control) }
    public var setControls: [String] { groups.flatMap { $0.sets.map(\.control) } }

    /// The groups that expect a 997/999 from the receiver: every group but acknowledgments (FA).
    public func awaitingAcknowledgment(sentAt: Int64) -> [SentGroup] {
        groups.filter { $0.functionalID != "FA" }.map { group in
            SentGroup(interchangeControl: interchangeControl, partnerID: receiverID, functionalID: group.functionalID,
                      senderCode: group.senderCode, receiverCode: group.receiverCode, groupControl: group.control,
                      sets: group.sets, sentAt: sentAt)
        }
    }
}

extension InterchangeWriter {
    /// Writes a whole interchange (as `write`) and returns it with the control numbers it holds.
    public static func compose(_ parameters: InterchangeParameters, serviceSegments: [OutboundSegment] = [], groups: [OutboundGroup],
                               delimiters: Delimiters) throws -> WrittenInterchange {
        let bytes = try write(parameters, serviceSegments: serviceSegments, groups: groups, delimiters: delimiters)
        return WrittenInterchange(
            bytes: bytes,
            interchangeControl: String(parameters.controlNumber).leftPadded(to: 9),
            receiverID: parameters.receiverID,
            groups: groups.map { group in
                WrittenInterchange.Group(functionalID: group.parameters.functionalID, senderCode: group.parameters.senderCode,
                                         receiverCode: group.parameters.receiverCode, control: String(group.parameters.controlNumber),
                                         sets: group.transactionSets.map { SentGroup.SentSet(type: $0.type, control: $0.control) })
            })
    }
}
