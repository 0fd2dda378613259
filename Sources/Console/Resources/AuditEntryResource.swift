import Foundation
import Store

/// One audit entry, with its `details` embedded as JSON (the stored text stays the one the
/// hash covers; `edigate audit list` prints the same shape).
struct AuditEntryResource: Encodable, Sendable {
    let sequence: Int64
    let recordedAt: String
    let partner: String
    let document: String
    let event: String
    let details: JSONValue
    let previousHash: String
    let hash: String

    init(_ entry: AuditEntry) {
        sequence = entry.sequence
        recordedAt = entry.recordedAt
        partner = entry.partner
        document = entry.document
        event = entry.event
        details = (try? JSONDecoder().decode(JSONValue.self, from: Data(entry.details.utf8))) ?? .string(entry.details)
        previousHash = entry.previousHash
        hash = entry.hash
    }
}
