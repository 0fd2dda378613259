import Store

/// `GET /api/audit/verify`. `entries` counts the entries that verified: all of them when
/// intact, those before `brokenAt` otherwise. `head` is the last entry's hash when intact,
/// the value ops note elsewhere to anchor a later check (docs/gateway-store.md).
struct AuditVerificationResource: Encodable, Sendable {
    let intact: Bool
    let entries: Int64
    let head: String?
    let brokenAt: Int64?
    let reason: String?

    init(_ verification: AuditVerification) {
        switch verification {
        case .intact(let entries, let head):
            intact = true
            self.entries = entries
            self.head = head
            brokenAt = nil
            reason = nil
        case .broken(let sequence, let problem):
            intact = false
            entries = sequence - 1
            head = nil
            brokenAt = sequence
            reason = problem.description
        }
    }

    private enum CodingKeys: String, CodingKey { case intact, entries, head, brokenAt, reason }

    // Absent values are written as null, not left out (see InboundFileResource).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(intact, forKey: .intact)
        try container.encode(entries, forKey: .entries)
        try container.encode(head, forKey: .head)
        try container.encode(brokenAt, forKey: .brokenAt)
        try container.encode(reason, forKey: .reason)
    }
}
