/// Which transaction sets flow which way with this partner.
public struct DocumentExchange: Codable, Sendable, Hashable {
    /// Sets the partner sends us (e.g. `850`).
    public var receive: [String]
    /// Sets we send the partner (e.g. `855`, `856`, `810`).
    public var send: [String]

    /// The sets we take from the partner: what it sends us and its acknowledgments of ours.
    /// Anything else is answered AK5 1 (not supported), never accepted and left unprocessed.
    public var acceptedSets: Set<String> { Set(receive).union(["997", "999"]) }

    public init(receive: [String], send: [String]) {
        self.receive = receive
        self.send = send
    }
}
