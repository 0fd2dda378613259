import Foundation

/// One recorded inbound file: who sent it, what it was called, its checksum and where it stands.
/// The bytes stay in the store (`GatewayStore.contents(ofInbound:)`), so a replay reads exactly
/// what arrived.
public struct InboundFile: Sendable, Hashable, Identifiable {
    public let id: Int64
    public let partner: String
    /// The name on the partner's server when it was first picked up.
    public let name: String
    public let sha256: String
    public let size: Int64
    public let receivedAt: Date
    public let state: InboundState
    /// How many times it was sent back to `received` by `retry` or a due hold.
    public let attempts: Int
    /// How many times it was held for the ERP: the index into the hold schedule.
    public let holds: Int
    /// How many times its processing was taken over from a worker that stopped (or lost its lease).
    public let interruptions: Int
    /// The worker processing it, and until when its lease runs, while `processing`.
    public let owner: String?
    public let leaseExpiresAt: Date?
    public let updatedAt: Date

    /// The audit trail's document reference for this file.
    public var documentReference: String { "inbound/\(id)" }

    init(row: StoreRow) throws {
        id = row["id"]
        partner = row["partner"]
        name = row["name"]
        sha256 = row["sha256"]
        size = row["size"]
        attempts = row["attempts"]
        holds = row["holds"]
        interruptions = row["interruptions"]
        owner = row["owner"]
        let key = "\(id)"
        func date(_ column: String) throws -> Date {
            let text: String = row[column]
            guard let date = GatewayTimestamp.date(text) else {
                throw GatewayStoreError.corruptRow(table: "inbound_files", key: key, detail: "\(column) '\(text)' is not a timestamp")
            }
            return date
        }
        receivedAt = try date("received_at")
        updatedAt = try date("updated_at")
        leaseExpiresAt = try (row["lease_expires_at"] as String?).map { _ in try date("lease_expires_at") }
        let stateText: String = row["state"]
        guard let kind = InboundState.Kind(rawValue: stateText) else {
            throw GatewayStoreError.corruptRow(table: "inbound_files", key: key, detail: "unknown state '\(stateText)'")
        }
        let reason: String? = row["reason"]
        switch kind {
        case .received: state = .received
        case .processing: state = .processing
        case .done: state = .done
        case .failed: state = .failed(reason: reason ?? "")
        case .held: state = .held(reason: reason ?? "", retryAt: try (row["retry_at"] as String?).map { _ in try date("retry_at") })
        case .quarantined: state = .quarantined(reason: reason ?? "")
        case .deadLetter: state = .deadLetter(reason: reason ?? "")
        }
    }
}
