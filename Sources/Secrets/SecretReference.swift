import Foundation

/// Where a secret lives, so that profiles and configuration never contain one: `env:NAME` or
/// `file:PATH`. One type for every secret the gateway reads (SFTP passphrases and passwords,
/// the ERP's OAuth2 client secret), so the rules are the same everywhere.
public struct SecretReference: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Source: Sendable, Hashable {
        case environment(String)
        case file(String)
    }

    public let source: Source

    public init(_ source: Source) { self.source = source }

    /// Parses `env:NAME` or `file:PATH`; anything else (an inline secret) is refused.
    public init(parsing text: String) throws(SecretReferenceError) {
        if text.hasPrefix("env:"), text.count > 4 {
            source = .environment(String(text.dropFirst(4)))
        } else if text.hasPrefix("file:"), text.count > 5 {
            source = .file(String(text.dropFirst(5)))
        } else {
            throw .invalidReference(text)
        }
    }

    public init(from decoder: any Decoder) throws {
        self = try SecretReference(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The description never contains the secret itself.
    public var description: String {
        switch source {
        case .environment(let name): return "env:\(name)"
        case .file(let path): return "file:\(path)"
        }
    }

    /// Reads the secret now.
    public func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SecretReferenceError) -> String {
        switch source {
        case .environment(let name):
            guard let value = environment[name] else {
                throw .unavailable(reference: description, reason: "environment variable not set")
            }
            // An empty variable is a deployment mistake, not a secret: say so rather than
            // fail later with "wrong passphrase" or an HTTP 401.
            guard !value.isEmpty else {
                throw .unavailable(reference: description, reason: "environment variable is empty")
            }
            return value
        case .file(let path):
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw .unavailable(reference: description, reason: "cannot read file: \(error.localizedDescription)")
            }
            var text = String(decoding: data, as: UTF8.self)
            // Files written by `echo` or editors end with a newline that is not part of the secret.
            while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
            return text
        }
    }
}

/// Why a secret reference cannot be used.
public enum SecretReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidReference(String)
    case unavailable(reference: String, reason: String)

    public var reference: String {
        switch self {
        case .invalidReference(let text): return text
        case .unavailable(let reference, _): return reference
        }
    }

    public var reason: String {
        switch self {
        case .invalidReference: return "expected env:NAME or file:PATH"
        case .unavailable(_, let reason): return reason
        }
    }

    public var description: String { "secret \(reference): \(reason)" }
}
