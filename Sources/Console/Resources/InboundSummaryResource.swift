import Store

/// How many inbound files are in each state (every state present, zero included), and how
/// many sent groups still await an acknowledgment and how many of those are overdue.
struct InboundSummaryResource: Encodable, Sendable {
    let inbound: [String: Int]
    let awaitingAcknowledgments: Int
    let overdueAcknowledgments: Int
}
