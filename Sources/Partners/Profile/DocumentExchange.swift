/// Which transaction sets flow which way with this partner.
public struct DocumentExchange: Codable, Sendable, Hashable {
    /// Sets the partner sends us (e.g. `850`).
    public var receive: [String]
    /// Sets we send the partner (e.g. `855`, `856`, `810`).
    public var send: [String]

    public init(receive: [String], send: [String]) {
        self.receive = receive
        self.send = send
    }
}
