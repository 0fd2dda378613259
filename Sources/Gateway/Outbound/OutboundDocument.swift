import Foundation
import GRDB

/// One interchange we sent to a partner, with its control numbers; the bytes stay in the
/// store (`GatewayStore.contents(ofOutbound:)`) for replays and disputes.
public struct OutboundDocument: Sendable, Hashable, Identifiable {
    public let id: Int64
    public let partner: String
    /// The transaction set type, e.g. `855`, `856`, `810`, `997`.
    public let type: String
    /// ISA13.
    public let interchangeControl: String
    /// GS06 of each group.
    public let groupControls: [String]
    /// ST02 of each transaction set.
    public let setControls: [String]
    public let sha256: String
    public let size: Int64
    public let sentAt: Date

    public var documentReference: String { "outbound/\(id)" }

    init(row: Row) throws {
        id = row["id"]
        partner = row["partner"]
        type = row["type"]
        interchangeControl = row["interchange_control"]
        sha256 = row["sha256"]
        size = row["size"]
        let key = "\(id)"
        groupControls = try StoredJSON.decode([String].self, row["group_controls"], table: "outbound_documents", key: key)
        setControls = try StoredJSON.decode([String].self, row["set_controls"], table: "outbound_documents", key: key)
        let sent: String = row["sent_at"]
        guard let sentAt = GatewayTimestamp.date(sent) else {
            throw GatewayStoreError.corruptRow(table: "outbound_documents", key: key, detail: "sent_at '\(sent)' is not a timestamp")
        }
        self.sentAt = sentAt
    }
}
