import Store

/// One row of ops's per-partner dashboard (`GET /api/partners`).
struct PartnerDashboardResource: Encodable, Sendable {
    let activity: PartnerActivity
    let overdueAcknowledgments: Int
    let lastSuccessfulPollAt: String?

    func encode(to encoder: any Encoder) throws {
        try activity.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(overdueAcknowledgments, forKey: .overdueAcknowledgments)
        try container.encode(lastSuccessfulPollAt, forKey: .lastSuccessfulPollAt)
    }

    private enum Key: String, CodingKey { case overdueAcknowledgments, lastSuccessfulPollAt }
}
