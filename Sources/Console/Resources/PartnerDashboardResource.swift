import Gateway

/// One row of ops's per-partner dashboard (`GET /api/partners`).
struct PartnerDashboardResource: Encodable, Sendable {
    let activity: PartnerActivity
    let overdueAcknowledgments: Int

    func encode(to encoder: any Encoder) throws {
        try activity.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(overdueAcknowledgments, forKey: .overdueAcknowledgments)
    }

    private enum Key: String, CodingKey { case overdueAcknowledgments }
}
