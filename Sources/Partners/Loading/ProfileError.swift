import Mapping

/// A problem in a partner profile, at its line: `file:line: field: message`.
public enum ProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case syntax(SourceLocation, message: String)
    case unknownKey(SourceLocation, field: String, allowed: [String])
    case missing(SourceLocation, field: String)
    case invalid(SourceLocation, field: String, message: String)
    /// A password or passphrase written into the profile instead of referenced.
    case inlineSecret(SourceLocation, field: String)
    /// A map of the partner (default or override) has errors.
    case map(MapError)

    public var location: SourceLocation {
        switch self {
        case .unreadable(let file, _): return SourceLocation(file: file, line: 0)
        case .syntax(let l, _), .unknownKey(let l, _, _), .missing(let l, _), .invalid(let l, _, _), .inlineSecret(let l, _): return l
        case .map(let e): return e.location
        }
    }

    public var message: String {
        switch self {
        case .unreadable(_, let reason): return "cannot read: \(reason)"
        case .syntax(_, let message): return "YAML syntax: \(message)"
        case .unknownKey(_, let field, let allowed): return "unknown key '\(field)' (expected one of: \(allowed.joined(separator: ", ")))"
        case .missing(_, let field): return "\(field) is required"
        case .invalid(_, let field, let message): return "\(field): \(message)"
        case .inlineSecret(_, let field): return "\(field): secrets go by reference only (env:NAME or file:PATH), never inline"
        case .map(let e): return e.message
        }
    }

    public var description: String {
        let l = location
        return l.line > 0 ? "\(l.file):\(l.line): \(message)" : "\(l.file): \(message)"
    }
}

public struct ProfileErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public let errors: [ProfileError]
    public init(_ errors: [ProfileError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
