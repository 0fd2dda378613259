/// A problem in a map file, with where it is. `description` is `file:line: message`, the
/// form `edigate partner check` prints.
public enum MapError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// YAML that does not parse.
    case syntax(SourceLocation, message: String)
    /// A key the map grammar does not have.
    case unknownKey(SourceLocation, key: String, allowed: [String])
    /// A required key is absent.
    case missingKey(SourceLocation, key: String, context: String)
    /// A value of the wrong shape or out of range.
    case invalidValue(SourceLocation, field: String, message: String)
    /// An override names a rule the default map does not have.
    case unknownRule(SourceLocation, id: String)
    case duplicateRule(SourceLocation, id: String)
    /// A binding names a field the canonical document does not have.
    case unknownField(SourceLocation, path: String, document: String)

    public var location: SourceLocation {
        switch self {
        case .unreadable(let file, _): return SourceLocation(file: file, line: 0)
        case .syntax(let l, _), .unknownKey(let l, _, _), .missingKey(let l, _, _), .invalidValue(let l, _, _),
             .unknownRule(let l, _), .duplicateRule(let l, _), .unknownField(let l, _, _):
            return l
        }
    }

    public var message: String {
        switch self {
        case .unreadable(_, let reason): return "cannot read: \(reason)"
        case .syntax(_, let message): return "YAML syntax: \(message)"
        case .unknownKey(_, let key, let allowed): return "unknown key '\(key)' (expected one of: \(allowed.joined(separator: ", ")))"
        case .missingKey(_, let key, let context): return "\(context) needs '\(key)'"
        case .invalidValue(_, let field, let message): return "\(field): \(message)"
        case .unknownRule(_, let id): return "no rule '\(id)' in the default map to override, remove or place against"
        case .duplicateRule(_, let id): return "rule id '\(id)' is used twice at the same level"
        case .unknownField(_, let path, let document): return "\(document) has no field '\(path)'"
        }
    }

    public var description: String {
        let l = location
        return l.line > 0 ? "\(l.file):\(l.line): \(message)" : "\(l.file): \(message)"
    }
}

/// Every problem found in one or more map files (loading goes on past the first).
public struct MapErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public let errors: [MapError]
    public init(_ errors: [MapError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
