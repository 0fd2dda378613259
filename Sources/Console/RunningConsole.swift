import ServiceLifecycle

/// A console started in-process; `stop()` shuts it down and closes the port.
public struct RunningConsole: Sendable {
    public let host: String
    public let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    public var baseURL: String { "http://\(host):\(port)" }

    /// Stops accepting, lets requests in flight finish, closes the port.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}
