import Foundation

/// An entry to append, before the trail gives it a sequence, a time and its hashes.
public struct AuditEvent: Sendable, Hashable {
    /// Partner profile ID; nil for gateway-wide events.
    public var partner: String?
    /// What the event is about, e.g. `inbound/42`, `outbound/7`, `invoice/INV-1001`.
    public var document: String?
    public var kind: AuditEventKind
    /// Compact JSON with sorted keys; stored and hashed exactly as given here.
    public var details: String

    public init(partner: String?, document: String?, kind: AuditEventKind, details: [String: AuditValue] = [:]) {
        self.partner = partner
        self.document = document
        self.kind = kind
        self.details = Self.json(details)
    }

    /// Details as JSON text the caller produced (must be a JSON object; it is stored verbatim).
    public init(partner: String?, document: String?, kind: AuditEventKind, detailsJSON: String) {
        self.partner = partner
        self.document = document
        self.kind = kind
        self.details = detailsJSON
    }

    static func json(_ details: [String: AuditValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, integers and booleans cannot fail.
        return String(decoding: try! encoder.encode(details), as: UTF8.self)
    }
}
