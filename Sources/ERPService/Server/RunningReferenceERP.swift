import ServiceLifecycle

/// A reference service started in-process; `stop()` shuts it down gracefully.
public struct RunningReferenceERP: Sendable {
    public let server: ReferenceERPServer
    public let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    public var baseURL: String { "\(server.configuration.tls == nil ? "http" : "https")://127.0.0.1:\(port)" }

    /// Stops accepting, lets calls in flight finish, closes the port.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}
