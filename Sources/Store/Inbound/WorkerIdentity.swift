import Foundation

/// Who holds a lease: host, process id and a random instance tag (several pipelines may run in
/// one process). Stored as `host pid tag` in `owner` columns.
///
/// The host and pid let a worker on the same host see at once that the owner's process is gone
/// (after kill -9, say) instead of waiting for the lease to run out; an owner on another host,
/// or one whose process still exists, keeps its lease until it expires.
public struct WorkerIdentity: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let pid: Int32
    public let tag: String

    public init(host: String = ProcessInfo.processInfo.hostName, pid: Int32 = getpid(), tag: String = String(UUID().uuidString.prefix(8)).lowercased()) {
        // The owner column is split on spaces; a host name never has one, but make sure.
        self.host = host.replacingOccurrences(of: " ", with: "_")
        self.pid = pid
        self.tag = tag
    }

    public var description: String { "\(host) \(pid) \(tag)" }

    /// Whether the owner text names a process on this host that no longer exists.
    static func isDeadLocalOwner(_ owner: String, localHost: String) -> Bool {
        let parts = owner.split(separator: " ")
        guard parts.count == 3, parts[0] == localHost, let pid = Int32(parts[1]), pid > 0 else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) == -1 && errno == ESRCH
    }
}
