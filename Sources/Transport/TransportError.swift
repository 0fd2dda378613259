/// Everything that can go wrong while moving files, with the context a person needs to act on it:
/// which host, which path, what libssh2 or the SFTP server said, and which host key was presented.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// DNS, TCP connect or connect timeout. Retried by `ReconnectPolicy`.
    case connectFailed(host: String, port: Int, reason: String)
    /// The SSH session broke or stalled after it was established (server stopped, connection
    /// dropped, step timed out). Retried by `ReconnectPolicy` on a fresh session.
    case connectionLost(host: String, operation: String, code: Int32, message: String)
    /// No fingerprint is pinned for this host: refuse, and show what the server presented so ops can pin it.
    case hostKeyNotPinned(host: String, port: Int, presented: String, keyType: String)
    /// The server presented a key other than the pinned one.
    case hostKeyMismatch(host: String, port: Int, expected: String, presented: String, keyType: String)
    case authenticationFailed(host: String, user: String, method: String, code: Int32, message: String, hint: String?)
    /// A secret reference (`env:NAME`, `file:PATH`) could not be resolved.
    case secretUnavailable(reference: String, reason: String)
    /// The SFTP server answered a request with an error status.
    case remote(host: String, operation: String, path: String, status: UInt, statusText: String)
    case alreadyExists(host: String, path: String)
    case notFound(host: String, path: String)
    /// A name that must never become part of a path (from the server or from a caller).
    case unsafeName(name: String, reason: String)
    case fileTooLarge(path: String, size: Int64, limit: Int64)
    /// The remote file changed size while we read it: it was still being written.
    case changedDuringTransfer(path: String, expectedSize: Int64, actualSize: Int64)
    case local(operation: String, path: String, errno: Int32, message: String)
    case libssh2(host: String, operation: String, code: Int32, message: String)

    /// Errors after which a fresh session may succeed; everything else would fail the same way again.
    public var isWorthReconnecting: Bool {
        switch self {
        case .connectFailed, .connectionLost: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case let .connectFailed(host, port, reason):
            return "cannot connect to \(host):\(port): \(reason)"
        case let .connectionLost(host, operation, code, message):
            return "connection to \(host) lost during \(operation) (libssh2 \(code): \(message))"
        case let .hostKeyNotPinned(host, port, presented, keyType):
            return "host key of \(host):\(port) is not pinned; refusing. The server presented \(keyType) \(presented)"
        case let .hostKeyMismatch(host, port, expected, presented, keyType):
            return "host key of \(host):\(port) does not match the pinned one: expected \(expected), server presented \(keyType) \(presented)"
        case let .authenticationFailed(host, user, method, code, message, hint):
            let base = "authentication of \(user)@\(host) by \(method) failed (libssh2 \(code): \(message))"
            return hint.map { "\(base). \($0)" } ?? base
        case let .secretUnavailable(reference, reason):
            return "secret \(reference) is unavailable: \(reason)"
        case let .remote(host, operation, path, status, statusText):
            return "\(operation) \(path) on \(host) failed: SFTP status \(status) (\(statusText))"
        case let .alreadyExists(host, path):
            return "\(path) already exists on \(host); not overwriting"
        case let .notFound(host, path):
            return "\(path) does not exist on \(host)"
        case let .unsafeName(name, reason):
            return "unsafe file name \(name.debugDescription): \(reason)"
        case let .fileTooLarge(path, size, limit):
            return "\(path) is \(size) bytes, over the limit of \(limit) bytes"
        case let .changedDuringTransfer(path, expected, actual):
            return "\(path) changed while being read (\(expected) bytes listed, \(actual) read); it is still being written"
        case let .local(operation, path, errno, message):
            return "\(operation) \(path) failed locally: \(message) (errno \(errno))"
        case let .libssh2(host, operation, code, message):
            return "\(operation) on \(host) failed (libssh2 \(code): \(message))"
        }
    }
}
