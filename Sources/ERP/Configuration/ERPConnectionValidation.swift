import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ERPConnection {
    /// The credential fields that are set: OAuth2 client credentials and the mutual-TLS
    /// client identity. `tlsCAPath` is not one (it only decides whom we trust).
    public var credentialFields: [String] {
        var names: [String] = []
        if tokenURL != nil { names.append("tokenURL") }
        if clientId != nil { names.append("clientId") }
        if clientSecret != nil { names.append("clientSecret") }
        if tlsCertificatePath != nil { names.append("tlsCertificatePath") }
        if tlsKeyPath != nil { names.append("tlsKeyPath") }
        return names
    }

    /// Checks what decoding cannot. `HTTPERPClient` runs it on every connection (from
    /// `--erp-url`, a connection file or code), so no path skips the https rule:
    ///
    /// - `baseURL` (and `tokenURL`) are http or https URLs with a host and no user or password;
    /// - OAuth2 needs `tokenURL`, `clientId` and `clientSecret` together, mutual TLS
    ///   `tlsCertificatePath` and `tlsKeyPath` together;
    /// - with any credential, both URLs are https unless their host is loopback
    ///   (127.0.0.0/8, ::1, localhost): the client secret and the bearer tokens must not
    ///   cross a network in clear text;
    /// - timeouts are positive, counts at least 1, delays not negative.
    public func validate() throws(ERPConfigurationError) {
        let base = try Self.checkedURL(baseURL, field: "baseURL")
        let token = try tokenURL.map { (url) throws(ERPConfigurationError) in try Self.checkedURL(url, field: "tokenURL") }

        let oauth: [(String, Bool)] = [("tokenURL", tokenURL != nil), ("clientId", clientId != nil), ("clientSecret", clientSecret != nil)]
        if oauth.contains(where: \.1), let missing = oauth.first(where: { !$0.1 }) {
            let present = oauth.filter(\.1).map(\.0).joined(separator: ", ")
            throw .invalidField(field: missing.0, reason: "required with \(present): OAuth2 client credentials need tokenURL, clientId and clientSecret together")
        }
        if (tlsCertificatePath == nil) != (tlsKeyPath == nil) {
            let missing = tlsCertificatePath == nil ? "tlsCertificatePath" : "tlsKeyPath"
            let present = tlsCertificatePath == nil ? "tlsKeyPath" : "tlsCertificatePath"
            throw .invalidField(field: missing, reason: "required with \(present): mutual TLS needs the client certificate and its key together")
        }

        let credentials = credentialFields
        if !credentials.isEmpty {
            for (field, url) in [("baseURL", Optional(base)), ("tokenURL", token)] {
                guard let url, url.scheme == "http", !Self.isLoopback(host: url.host) else { continue }
                throw .credentialsInClearText(field: field, url: field == "baseURL" ? baseURL : tokenURL ?? "", credentials: credentials)
            }
        }

        for (field, value) in [("requestTimeoutSeconds", requestTimeoutSeconds), ("connectTimeoutSeconds", connectTimeoutSeconds)] {
            guard value.isFinite, value > 0 else { throw .invalidField(field: field, reason: "must be a positive number of seconds, not \(value)") }
        }
        for (field, value) in [("tokenRefreshMarginSeconds", tokenRefreshMarginSeconds), ("retryBaseDelaySeconds", retryBaseDelaySeconds),
                               ("retryMaxDelaySeconds", retryMaxDelaySeconds), ("breakerOpenSeconds", breakerOpenSeconds)] {
            guard value.isFinite, value >= 0 else { throw .invalidField(field: field, reason: "must be a number of seconds, 0 or more, not \(value)") }
        }
        for (field, value) in [("maxAttempts", maxAttempts), ("breakerFailureThreshold", breakerFailureThreshold),
                               ("maxConcurrentRequests", maxConcurrentRequests), ("maxBatchLines", maxBatchLines)] {
            guard value >= 1 else { throw .invalidField(field: field, reason: "must be 1 or more, not \(value)") }
        }
    }

    /// Scheme (lowercased) and host (without IPv6 brackets) of an http(s) URL.
    struct CheckedURL {
        var scheme: String
        var host: String
    }

    static func checkedURL(_ text: String, field: String) throws(ERPConfigurationError) -> CheckedURL {
        guard let components = URLComponents(string: text) else {
            throw .invalidField(field: field, reason: "'\(text)' is not an http:// or https:// URL")
        }
        guard components.user == nil, components.password == nil else {
            // Never echo the URL: the part before @ may be a password.
            throw .invalidField(field: field, reason: "a user or password in the URL is not allowed (credentials go in clientId and clientSecret, the secret by reference)")
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .invalidField(field: field, reason: "'\(text)' is not an http:// or https:// URL")
        }
        guard var host = components.host, !host.isEmpty else {
            throw .invalidField(field: field, reason: "'\(text)' has no host")
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return CheckedURL(scheme: scheme, host: host)
    }

    /// `localhost`, 127.0.0.0/8, `::1` (and IPv4-mapped 127.x): traffic that never leaves the machine.
    public static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { $0[0] } == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            if bytes == Array(repeating: 0, count: 15) + [1] { return true }
            return bytes.prefix(12).elementsEqual(Array(repeating: 0, count: 10) + [0xff, 0xff]) && bytes[12] == 127
        }
        return false
    }
}
