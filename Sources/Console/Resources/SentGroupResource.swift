import Foundation
import Store
import X12

/// A group we sent that expects a 997/999, its verdict, and whether it is overdue: still
/// awaiting longer than the acknowledgment window after it was sent.
struct SentGroupResource: Encodable, Sendable {
    let id: Int64
    let outboundId: Int64
    let partner: String
    let interchangeControl: String
    let partnerInterchangeId: String
    let functionalId: String
    let groupControl: String
    let sets: [SentGroup.SentSet]
    let sentAt: String
    let outcome: AcknowledgmentReconciler.Outcome
    let overdue: Bool
    let decidedBy: String?
    let acknowledgedAt: String?
    let setOutcomes: [AcknowledgmentReconciler.SetOutcome]
    let notes: [String]

    init(_ record: SentGroupRecord, acknowledgmentWindowSeconds: Int64, now: Date) {
        id = record.id
        outboundId = record.outboundID
        partner = record.partner
        interchangeControl = record.group.interchangeControl
        partnerInterchangeId = record.group.partnerID
        functionalId = record.group.functionalID
        groupControl = record.group.groupControl
        sets = record.group.sets
        sentAt = GatewayTimestamp.text(Date(timeIntervalSince1970: TimeInterval(record.group.sentAt)))
        outcome = record.outcome
        overdue = Self.isOverdue(record, windowSeconds: acknowledgmentWindowSeconds, now: now)
        decidedBy = record.decidedBy
        acknowledgedAt = record.acknowledgedAt.map(GatewayTimestamp.text)
        setOutcomes = record.setOutcomes
        notes = record.notes
    }

    /// The reconciler's rule (`AcknowledgmentReconciler.reconcile`): awaiting and the window
    /// has passed since `sentAt`.
    static func isOverdue(_ record: SentGroupRecord, windowSeconds: Int64, now: Date) -> Bool {
        record.outcome == .awaiting && Int64(now.timeIntervalSince1970) - record.group.sentAt > windowSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case id, outboundId, partner, interchangeControl, partnerInterchangeId, functionalId, groupControl, sets, sentAt
        case outcome, overdue, decidedBy, acknowledgedAt, setOutcomes, notes
    }

    // Absent values are written as null, not left out (see InboundFileResource).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(outboundId, forKey: .outboundId)
        try container.encode(partner, forKey: .partner)
        try container.encode(interchangeControl, forKey: .interchangeControl)
        try container.encode(partnerInterchangeId, forKey: .partnerInterchangeId)
        try container.encode(functionalId, forKey: .functionalId)
        try container.encode(groupControl, forKey: .groupControl)
        try container.encode(sets, forKey: .sets)
        try container.encode(sentAt, forKey: .sentAt)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(overdue, forKey: .overdue)
        try container.encode(decidedBy, forKey: .decidedBy)
        try container.encode(acknowledgedAt, forKey: .acknowledgedAt)
        try container.encode(setOutcomes, forKey: .setOutcomes)
        try container.encode(notes, forKey: .notes)
    }
}
