import Foundation

/// Where a secret lives, so that profiles never contain one: `env:NAME` or `file:PATH`.
public struct SecretReference: Sendable, Hashable, CustomStringConvertible {
    public enum Source: Sendable, Hashable {
        case environment(String)
        case file(String)
    }

    public let source: Source

    public init(_ source: Source) { self.source = source }

    /// Parses `env:NAME` or `file:PATH`.
    public init(parsing text: String) throws {
        if text.hasPrefix("env:"), text.count > 4 {
            source = .environment(String(text.dropFirst(4)))
        } else if text.hasPrefix("file:"), text.count > 5 {
            source = .file(String(text.dropFirst(5)))
        } else {
            throw TransportError.secretUnavailable(reference: text, reason: "expected env:NAME or file:PATH")
        }
    }

    /// The description never contains the secret itself.
    public var description: String {
        switch source {
        case .environment(let name): return "env:\(name)"
        case .file(let path): return "file:\(path)"
        }
    }

    public func resolve() throws -> String {
        switch source {
        case .environment(let name):
            guard let value = ProcessInfo.processInfo.environment[name] else {
                throw TransportError.secretUnavailable(reference: description, reason: "environment variable is not set")
            }
            return value
        case .file(let path):
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw TransportError.secretUnavailable(reference: description, reason: "cannot read file: \(error.localizedDescription)")
            }
            var text = String(decoding: data, as: UTF8.self)
            // Files written by `echo` or editors end with a newline that is not part of the secret.
            while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
            return text
        }
    }
}
