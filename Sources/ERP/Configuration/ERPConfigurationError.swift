public enum ERPConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    case secretUnavailable(String, String)
    case invalidURL(String)
    case tls(String)
    /// A field of `ERPConnection` (named as written in YAML) that cannot be used.
    case invalidField(field: String, reason: String)
    /// Plain http to a host that is not loopback while the connection carries credentials.
    case credentialsInClearText(field: String, url: String, credentials: [String])

    /// The `ERPConnection` field the problem is in, when it is one field.
    public var field: String? {
        switch self {
        case .invalidField(let field, _), .credentialsInClearText(let field, _, _): field
        case .secretUnavailable, .invalidURL, .tls: nil
        }
    }

    /// The problem without the field name.
    public var reason: String {
        switch self {
        case .secretUnavailable(let ref, let why): "secret \(ref) cannot be read: \(why)"
        case .invalidURL(let url): "'\(url)' is not an http(s) URL"
        case .tls(let why): "TLS configuration: \(why)"
        case .invalidField(_, let reason): reason
        case .credentialsInClearText(_, let url, let credentials):
            "'\(url)' is plain http, but this connection carries credentials (\(credentials.joined(separator: ", "))): "
                + Self.clearTextConsequence(credentials)
                + ". Use https, or plain http only to a loopback host (127.0.0.0/8, ::1, localhost)"
        }
    }

    public var description: String {
        field.map { "\($0): \(reason)" } ?? reason
    }

    static func clearTextConsequence(_ credentials: [String]) -> String {
        var consequences: [String] = []
        if credentials.contains(where: { ["tokenURL", "clientId", "clientSecret"].contains($0) }) {
            consequences.append("the OAuth2 client secret and the bearer tokens would cross the network in clear text, readable by anyone on the path")
        }
        if credentials.contains(where: { ["tlsCertificatePath", "tlsKeyPath"].contains($0) }) {
            consequences.append("the client certificate is only presented over TLS, so the ERP would get the requests unauthenticated and in clear text")
        }
        return consequences.joined(separator: "; ")
    }
}

/// A problem in an ERP connection file (`edigate gateway poll --erp-config FILE`), at its
/// line when known: `file:line: field: message`.
public struct ERPConnectionFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem has no line (an unreadable file).
    public var line: Int
    /// The field as written in the file, with its `erp.` prefix when the block is nested.
    public var field: String?
    public var message: String

    public init(file: String, line: Int, field: String?, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return field.map { "\(place): \($0): \(message)" } ?? "\(place): \(message)"
    }
}
