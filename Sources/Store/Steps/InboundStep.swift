import Foundation

/// A step already done for an inbound file (`inbound_steps`): a file processed again after a
/// restart, a released hold or a retry skips it rather than answering twice.
public struct InboundStep: Sendable, Hashable {
    /// `ack <sender> <ISA13>` for an interchange checked and acknowledged; `855 <PO>` for an
    /// order decided and answered.
    public let step: String
    /// What the step came to, as reports show it: `997 A`, `TA1 R, 997 R`, `none` (nothing
    /// owed), `855 accepted`, `decided rejected` (a partner that gets no 855).
    public let outcome: String
    /// The interchange it queued, if any.
    public let outboundID: Int64?
    public let doneAt: Date

    package static func acknowledgment(sender: String, interchange: String) -> String { "ack \(sender) \(interchange)" }
    package static func orderAnswered(poNumber: String) -> String { "855 \(poNumber)" }
    package static func changeAnswered(poNumber: String, key: String) -> String { "865 \(poNumber) \(key)" }

    init(row: StoreRow) throws {
        step = row["step"]
        outcome = row["outcome"]
        outboundID = row["outbound_id"]
        let text: String = row["done_at"]
        guard let date = GatewayTimestamp.date(text) else {
            throw GatewayStoreError.corruptRow(table: "inbound_steps", key: step, detail: "done_at '\(text)' is not a timestamp")
        }
        doneAt = date
    }
}
