public enum ERPConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    case secretUnavailable(String, String)
    case invalidURL(String)
    case tls(String)

    public var description: String {
        switch self {
        case .secretUnavailable(let ref, let why): "secret \(ref) cannot be read: \(why)"
        case .invalidURL(let url): "'\(url)' is not an http(s) URL"
        case .tls(let why): "TLS configuration: \(why)"
        }
    }
}
