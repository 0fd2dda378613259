import Foundation
import Store

/// An inbound file as the API lists it. Times are `GatewayTimestamp` text (UTC, fixed
/// width), the same form as in the database and the audit trail, so they can be compared
/// with either by eye.
struct InboundFileResource: Encodable, Sendable {
    let id: Int64
    let partner: String
    let name: String
    let state: InboundState.Kind
    let reason: String?
    let retryAt: String?
    let attempts: Int
    let receivedAt: String
    let updatedAt: String
    let sha256: String
    let size: Int64

    init(_ file: InboundFile) {
        id = file.id
        partner = file.partner
        name = file.name
        state = file.state.kind
        reason = file.state.reason
        // A hold without a retry time waits for a person: null here.
        if case .held(_, let retryAt?) = file.state {
            self.retryAt = GatewayTimestamp.text(retryAt)
        } else {
            retryAt = nil
        }
        attempts = file.attempts
        receivedAt = GatewayTimestamp.text(file.receivedAt)
        updatedAt = GatewayTimestamp.text(file.updatedAt)
        sha256 = file.sha256
        size = file.size
    }

    private enum CodingKeys: String, CodingKey {
        case id, partner, name, state, reason, retryAt, attempts, receivedAt, updatedAt, sha256, size
    }

    // Absent values are written as null, not left out: a client then sees every field the
    // documentation names, whatever the state.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(partner, forKey: .partner)
        try container.encode(name, forKey: .name)
        try container.encode(state, forKey: .state)
        try container.encode(reason, forKey: .reason)
        try container.encode(retryAt, forKey: .retryAt)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(size, forKey: .size)
    }
}
