import Store
/// What one poll did with one file: the JSON line `edigate gateway poll` prints per file.
public struct PipelineFileReport: Sendable, Hashable, Encodable {
    public enum Outcome: String, Sendable, Hashable, Encodable {
        /// Acknowledged and, for 850s, answered with an 855.
        case done
        /// Kept in the store with the reason; ops fix and retry.
        case failed
        /// Waiting on the ERP or a person; offered again at its retry time.
        case held
        /// The partner's bytes were already recorded; archived on the server, not processed again.
        case duplicate
        /// Could not be recorded; left on the partner's server for the next poll.
        case notRecorded
        /// Held past the last delay of the hold schedule; waits for ops.
        case deadLetter
        /// Interrupted too often (the process ended while on it); waits for ops.
        case quarantined
        /// Another worker took the file over (this one's lease ran out); this worker stopped.
        case abandoned
        /// An interchange we queued could not be uploaded; it stays in the outbox and goes out,
        /// unchanged, with the next poll. `name` is its file name.
        case uploadFailed
    }

    public var partner: String
    public var name: String
    /// `inbound/<id>` in the store, when recorded.
    public var inbound: Int64?
    public var outcome: Outcome
    /// What we answered with, e.g. `997 A` or `TA1 R, 997 R`.
    public var ack: String?
    /// ISA13 of each 855 sent for the file.
    public var control855: [String]
    /// ISA13 of each 865 sent for the file (its change orders); left out of the JSON when none.
    public var control865: [String] = []
    /// Our groups the partner's TA1/997/999 in this file decided, e.g. `PR 2 accepted`.
    public var reconciled: [String]
    public var reason: String?

    public init(partner: String, name: String, inbound: Int64?, outcome: Outcome, ack: String? = nil, control855: [String] = [], reconciled: [String] = [], reason: String? = nil) {
        self.reconciled = reconciled
        self.partner = partner
        self.name = name
        self.inbound = inbound
        self.outcome = outcome
        self.ack = ack
        self.control855 = control855
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case partner, name, inbound, outcome, ack, control855 = "855Control", control865 = "865Control", reconciled, reason
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(partner, forKey: .partner)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(inbound, forKey: .inbound)
        try c.encode(outcome, forKey: .outcome)
        try c.encodeIfPresent(ack, forKey: .ack)
        try c.encode(control855, forKey: .control855)
        if !control865.isEmpty { try c.encode(control865, forKey: .control865) }
        try c.encode(reconciled, forKey: .reconciled)
        try c.encodeIfPresent(reason, forKey: .reason)
    }
}
