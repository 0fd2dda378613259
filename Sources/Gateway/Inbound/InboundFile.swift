import Foundation
import GRDB

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
    public let updatedAt: Date

    /// The audit trail's document reference for this file.
    public var documentReference: String { "inbound/\(id)" }

    init(row: Row) throws {
        id = row["id"]
        partner = row["partner"]
        name = row["name"]
        sha256 = row["sha256"]
        size = row["size"]
        attempts = row["attempts"]
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
        case .held: state = .held(reason: reason ?? "", retryAt: try date("retry_at"))
        }
    }
}
