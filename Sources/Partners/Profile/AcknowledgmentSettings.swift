/// Functional and technical acknowledgments, both ways.
public struct AcknowledgmentSettings: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case functional997 = "997"
        case implementation999 = "999"
        case none
    }

    public enum TA1Policy: String, Codable, Sendable, Hashable {
        case always, onError, never
    }

    /// What we answer the partner's documents with.
    public var send: Kind
    /// What the partner answers ours with.
    public var expect: Kind
    /// When we send a TA1 for an inbound interchange.
    public var ta1: TA1Policy
    /// ISA14 on our interchanges: ask the partner for a TA1.
    public var requestTA1: Bool
    /// How long the partner has to acknowledge our documents before it is an alert.
    public var expectWithinMinutes: Int
    /// How soon we must acknowledge theirs (a promise the gateway is measured against).
    public var sendWithinMinutes: Int

    public init(send: Kind, expect: Kind, ta1: TA1Policy = .onError, requestTA1: Bool = false, expectWithinMinutes: Int = 1440, sendWithinMinutes: Int = 60) {
        self.send = send
        self.expect = expect
        self.ta1 = ta1
        self.requestTA1 = requestTA1
        self.expectWithinMinutes = expectWithinMinutes
        self.sendWithinMinutes = sendWithinMinutes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        send = try c.decode(Kind.self, forKey: .send)
        expect = try c.decode(Kind.self, forKey: .expect)
        ta1 = try c.decodeIfPresent(TA1Policy.self, forKey: .ta1) ?? .onError
        requestTA1 = try c.decodeIfPresent(Bool.self, forKey: .requestTA1) ?? false
        expectWithinMinutes = try c.decodeIfPresent(Int.self, forKey: .expectWithinMinutes) ?? 1440
        sendWithinMinutes = try c.decodeIfPresent(Int.self, forKey: .sendWithinMinutes) ?? 60
    }
}
