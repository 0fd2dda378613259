import Foundation

/// One row of the audit trail as stored: the text fields are exactly what the hash covers.
public struct AuditEntry: Sendable, Hashable {
    public let sequence: Int64
    /// `GatewayTimestamp` text, UTC.
    public let recordedAt: String
    /// Empty when the event concerns no partner.
    public let partner: String
    /// Empty when the event concerns no single document.
    public let document: String
    public let event: String
    /// JSON object text.
    public let details: String
    public let previousHash: String
    public let hash: String

    public var recordedDate: Date? { GatewayTimestamp.date(recordedAt) }

    /// The hash this row's fields give, which `hash` must equal.
    public var computedHash: String {
        AuditHash.hash(sequence: sequence, recordedAt: recordedAt, partner: partner, document: document,
                       event: event, details: details, previousHash: previousHash)
    }
}
