import Store
/// Why the pipeline could not take a file further. Each case names the partner and the inbound
/// file so that ops can find it in the store and the audit trail; the text becomes the
/// `failed` reason, which is what ops read first.
public enum PipelineError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The reader gave up on the bytes (no ISA, a strict-mode deviation, a cut file).
    case unreadable(partner: String, inbound: Int64, reason: String)
    /// The file holds no interchange at all: nothing to acknowledge or process.
    case noInterchange(partner: String, inbound: Int64)
    /// The ISA sender is not the partner whose folder the file came from; answering it would
    /// send our acknowledgment to a party we have no agreement with.
    case foreignSender(partner: String, inbound: Int64, found: String, expected: String)
    /// TA1 rejected the interchange envelope: the partner must resend.
    case envelopeRejected(partner: String, inbound: Int64, interchange: String, noteCode: String, reason: String)
    /// The 997/999 rejected every set of the file: the partner must correct and resend.
    case allSetsRejected(partner: String, inbound: Int64, interchange: String)
    /// An accepted 850 that our maps cannot turn into a purchase order (a map problem on our side).
    case untranslatable(partner: String, inbound: Int64, set: String, reason: String)
    /// An 855 our generator or validator refused; nothing was sent.
    case acknowledgmentNotGenerated(partner: String, inbound: Int64, poNumber: String, reason: String)
    /// The acknowledgment we built cannot be read back to record its envelope.
    case outboundUnreadable(partner: String, type: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let partner, let inbound, let reason):
            return "partner \(partner) inbound/\(inbound): unreadable: \(reason)"
        case .noInterchange(let partner, let inbound):
            return "partner \(partner) inbound/\(inbound): no interchange in the file"
        case .foreignSender(let partner, let inbound, let found, let expected):
            return "partner \(partner) inbound/\(inbound): ISA sender \(found) is not the partner's \(expected)"
        case .envelopeRejected(let partner, let inbound, let interchange, let noteCode, let reason):
            return "partner \(partner) inbound/\(inbound): interchange \(interchange) rejected (TA1 R, note \(noteCode)): \(reason)"
        case .allSetsRejected(let partner, let inbound, let interchange):
            return "partner \(partner) inbound/\(inbound): interchange \(interchange): every transaction set rejected"
        case .untranslatable(let partner, let inbound, let set, let reason):
            return "partner \(partner) inbound/\(inbound): \(set) cannot be translated: \(reason)"
        case .acknowledgmentNotGenerated(let partner, let inbound, let poNumber, let reason):
            return "partner \(partner) inbound/\(inbound): 855 for PO \(poNumber) not generated: \(reason)"
        case .outboundUnreadable(let partner, let type, let reason):
            return "partner \(partner): the \(type) we built cannot be read back: \(reason)"
        }
    }
}
