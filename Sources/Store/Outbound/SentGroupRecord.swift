import Foundation
import X12

/// A group we sent that expects a 997/999, and what the partner's acknowledgment said.
public struct SentGroupRecord: Sendable, Hashable, Identifiable {
    public let id: Int64
    public let outboundID: Int64
    /// Our partner profile ID (the SentGroup's `partnerID` is the ISA08 interchange ID).
    public let partner: String
    public let group: SentGroup
    /// `awaiting` until the reconciler decides.
    public let outcome: AcknowledgmentReconciler.Outcome
    /// `997`, `999` or `TA1` once decided.
    public let decidedBy: String?
    public let setOutcomes: [AcknowledgmentReconciler.SetOutcome]
    public let notes: [String]
    public let acknowledgedAt: Date?

    init(row: StoreRow) throws {
        id = row["id"]
        outboundID = row["outbound_id"]
        partner = row["partner"]
        let key = "\(id)"
        let sets = try StoredJSON.decode([SentGroup.SentSet].self, row["sets"], table: "sent_groups", key: key)
        group = SentGroup(interchangeControl: row["interchange_control"], partnerID: row["partner_interchange_id"],
                          functionalID: row["functional_id"], senderCode: row["sender_code"], receiverCode: row["receiver_code"],
                          groupControl: row["group_control"], sets: sets, sentAt: row["sent_at"])
        let outcomeText: String = row["outcome"]
        guard let outcome = AcknowledgmentReconciler.Outcome(rawValue: outcomeText) else {
            throw GatewayStoreError.corruptRow(table: "sent_groups", key: key, detail: "unknown outcome '\(outcomeText)'")
        }
        self.outcome = outcome
        decidedBy = row["decided_by"]
        let setOutcomesText: String? = row["set_outcomes"]
        setOutcomes = try setOutcomesText.map { try StoredJSON.decode([AcknowledgmentReconciler.SetOutcome].self, $0, table: "sent_groups", key: key) } ?? []
        let notesText: String? = row["notes"]
        notes = try notesText.map { try StoredJSON.decode([String].self, $0, table: "sent_groups", key: key) } ?? []
        let acknowledgedText: String? = row["acknowledged_at"]
        acknowledgedAt = acknowledgedText.flatMap(GatewayTimestamp.date)
    }
}
