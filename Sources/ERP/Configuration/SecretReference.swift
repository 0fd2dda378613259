import Foundation

/// A secret named, never written, in a profile: `env:NAME` or `file:PATH`, so profiles can
/// live in git and the secret in the environment or a mounted file.
public struct SecretReference: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Source: Sendable, Hashable {
        case environment(String)
        case file(String)
    }

    public var source: Source

    public init(_ source: Source) {
        self.source = source
    }

    public init(parsing text: String) throws(ERPConfigurationError) {
        if text.hasPrefix("env:"), text.count > 4 {
            source = .environment(String(text.dropFirst(4)))
        } else if text.hasPrefix("file:"), text.count > 5 {
            source = .file(String(text.dropFirst(5)))
        } else {
            throw .invalidSecretReference(text)
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try SecretReference(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public var description: String {
        switch source {
        case .environment(let name): "env:\(name)"
        case .file(let path): "file:\(path)"
        }
    }

    /// Reads the secret now; trailing newlines of a file are not part of it.
    public func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ERPConfigurationError) -> String {
        switch source {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else { throw .secretUnavailable(description, "environment variable not set") }
            return value
        case .file(let path):
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                return text.trimmingCharacters(in: .newlines)
            } catch {
                throw .secretUnavailable(description, "\(error)")
            }
        }
    }
}

public enum ERPConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidSecretReference(String)
    case secretUnavailable(String, String)
    case invalidURL(String)
    case tls(String)

    public var description: String {
        switch self {
        case .invalidSecretReference(let text): "secret reference '\(text)' is neither env:NAME nor file:PATH"
        case .secretUnavailable(let ref, let why): "secret \(ref) cannot be read: \(why)"
        case .invalidURL(let url): "'\(url)' is not an http(s) URL"
        case .tls(let why): "TLS configuration: \(why)"
        }
    }
}
