import Foundation

/// One interchange we send to a partner, with its control numbers and where it stands in the
/// outbox; the bytes stay in the store (`GatewayStore.contents(ofOutbound:)`) for uploads,
/// replays and disputes.
public struct OutboundDocument: Sendable, Hashable, Identifiable {
    public enum State: String, Sendable, Hashable, Codable {
        /// Recorded with its final name and bytes; not yet uploaded (or the upload failed).
        case pending
        /// Uploaded: the partner has it.
        case sent
    }

    public let id: Int64
    public let partner: String
    /// The transaction set type, e.g. `855`, `856`, `810`, `997`, `TA1`.
    public let type: String
    /// ISA13.
    public let interchangeControl: String
    /// GS06 of each group.
    public let groupControls: [String]
    /// ST02 of each transaction set.
    public let setControls: [String]
    public let sha256: String
    public let size: Int64
    /// When it was recorded (queued); `uploadedAt` says when the partner got it.
    public let sentAt: Date
    public let state: State
    /// The name it is uploaded under, `<type>-<ISA13>.edi`: the same on every attempt.
    public let fileName: String
    public let uploadedAt: Date?
    public let uploadAttempts: Int
    public let lastError: String?

    public var documentReference: String { "outbound/\(id)" }

    init(row: StoreRow) throws {
        id = row["id"]
        partner = row["partner"]
        type = row["type"]
        interchangeControl = row["interchange_control"]
        sha256 = row["sha256"]
        size = row["size"]
        let key = "\(id)"
        groupControls = try StoredJSON.decode([String].self, row["group_controls"], table: "outbound_documents", key: key)
        setControls = try StoredJSON.decode([String].self, row["set_controls"], table: "outbound_documents", key: key)
        func date(_ column: String) throws -> Date? {
            guard let text: String = row[column] else { return nil }
            guard let date = GatewayTimestamp.date(text) else {
                throw GatewayStoreError.corruptRow(table: "outbound_documents", key: key, detail: "\(column) '\(text)' is not a timestamp")
            }
            return date
        }
        guard let sentAt = try date("sent_at") else {
            throw GatewayStoreError.corruptRow(table: "outbound_documents", key: key, detail: "no sent_at")
        }
        self.sentAt = sentAt
        uploadedAt = try date("uploaded_at")
        let stateText: String = row["state"]
        guard let state = State(rawValue: stateText) else {
            throw GatewayStoreError.corruptRow(table: "outbound_documents", key: key, detail: "unknown state '\(stateText)'")
        }
        self.state = state
        fileName = row["file_name"] ?? "\(type)-\(interchangeControl).edi"
        uploadAttempts = row["upload_attempts"]
        lastError = row["last_error"]
    }
}
