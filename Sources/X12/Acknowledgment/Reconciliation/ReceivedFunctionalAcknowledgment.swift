/// A partner's 997 or 999: its answer to one of our functional groups.
public struct ReceivedFunctionalAcknowledgment: Sendable, Hashable {
    /// How the partner answered one of our transaction sets (AK2 … AK5 / IK5).
    public struct SetResponse: Sendable, Hashable {
        public var type: String
        public var control: String
        /// AK501 / IK501: A accepted, E accepted with errors, M/R/W/X rejected.
        public var status: String
        /// AK502… / IK502… error codes.
        public var errorCodes: [String]
        /// AK3/IK3 and AK4/IK4 detail, as the partner sent it.
        public var detail: [[String]]
    }

    /// 997 or 999.
    public var type: String
    /// GS02 of the acknowledgment: the partner's application sender code.
    public var senderCode: String
    /// ISA06 of the interchange that carried it, when read from one: who sent it.
    public var interchangeSenderID: String?
    public var receiverCode: String
    /// AK101: functional identifier of the group acknowledged (e.g. `PR`, `SH`, `IN`).
    public var functionalID: String
    /// AK102: our GS06.
    public var groupControl: String
    /// AK901: A accepted, E accepted with errors, P partially accepted, R rejected.
    public var groupStatus: String
    public var includedSets: Int?
    public var receivedSets: Int?
    public var acceptedSets: Int?
    public var groupErrorCodes: [String]
    public var sets: [SetResponse]

    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case notAnAcknowledgment(type: String, control: String)
        case missingSegment(String, control: String)

        public var description: String {
            switch self {
            case .notAnAcknowledgment(let type, let control): return "transaction set \(control) is a \(type), not a 997 or 999"
            case .missingSegment(let id, let control): return "acknowledgment \(control) has no \(id) segment"
            }
        }
    }

    /// Reads a 997 or 999 transaction set of group `group`.
    public init(_ set: TransactionSet, in group: FunctionalGroup) throws {
        guard set.type == "997" || set.type == "999" else { throw ParseError.notAnAcknowledgment(type: set.type, control: set.control) }
        type = set.type
        senderCode = group.senderCode
        receiverCode = group.receiverCode
        functionalID = ""
        groupControl = ""
        groupStatus = ""
        groupErrorCodes = []
        sets = []
        var sawAK1 = false
        var sawAK9 = false
        for segment in set.segments {
            let fields = segment.fields
            switch fields[0] {
            case "AK1":
                functionalID = segment[1]
                groupControl = segment[2]
                sawAK1 = true
            case "AK2":
                sets.append(SetResponse(type: segment[1], control: segment[2], status: "", errorCodes: [], detail: []))
            case "AK3", "AK4", "IK3", "IK4", "CTX":
                if !sets.isEmpty { sets[sets.count - 1].detail.append(fields) }
            case "AK5", "IK5":
                if !sets.isEmpty {
                    sets[sets.count - 1].status = segment[1]
                    sets[sets.count - 1].errorCodes = Array(fields.dropFirst(2)).filter { !$0.isEmpty }
                }
            case "AK9":
                groupStatus = segment[1]
                includedSets = Int(segment[2])
                receivedSets = Int(segment[3])
                acceptedSets = Int(segment[4])
                groupErrorCodes = Array(fields.dropFirst(5)).filter { !$0.isEmpty }
                sawAK9 = true
            default:
                break
            }
        }
        guard sawAK1 else { throw ParseError.missingSegment("AK1", control: set.control) }
        guard sawAK9 else { throw ParseError.missingSegment("AK9", control: set.control) }
    }
}
