import Yams

/// A parsed YAML file with the line of every node, for `file:line` errors. Shared by the
/// map loader and the partner profile loader.
public struct YAMLTree {
    public let file: String
    public let root: Node?

    /// Parses `text`; a syntax error is reported at its line.
    public init(file: String, text: String) throws(MapError) {
        self.file = file
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.locate(error, file: file)
        } catch {
            throw MapError.syntax(SourceLocation(file: file, line: 0), message: "\(error)")
        }
    }

    public static func read(path: String, displayName: String? = nil) throws(MapError) -> YAMLTree {
        let name = displayName ?? path
        guard let text = FileText.read(path) else { throw MapError.unreadable(file: name, reason: "no such file or not readable") }
        return try YAMLTree(file: name, text: text)
    }

    public func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line ?? 0)
    }

    static func locate(_ error: YamlError, file: String) -> MapError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            let where_ = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return .syntax(SourceLocation(file: file, line: mark.line), message: problem + where_)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .syntax(SourceLocation(file: file, line: context.mark.line), message: "duplicated key(s) \(duplicates.joined(separator: ", "))")
        default:
            return .syntax(SourceLocation(file: file, line: 0), message: "\(error)")
        }
    }

    // MARK: - Reading helpers that record errors instead of stopping at the first

    /// The entries of a mapping node in file order; records an error for a non-mapping and
    /// for keys outside `allowed` (when given).
    public func entries(_ node: Node, context: String, allowed: [String]? = nil, errors: inout [MapError]) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            errors.append(.invalidValue(location(node), field: context, message: "expected a mapping (key: value lines)"))
            return []
        }
        var result: [(String, Node, Node)] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            if let allowed, !allowed.contains(name) {
                errors.append(.unknownKey(location(key), key: name, allowed: allowed))
                continue
            }
            result.append((name, key, value))
        }
        return result
    }

    public func scalar(_ node: Node, field: String, errors: inout [MapError]) -> String? {
        if case .scalar(let s) = node { return s.string }
        errors.append(.invalidValue(location(node), field: field, message: "expected a single value"))
        return nil
    }

    public func sequence(_ node: Node, field: String, errors: inout [MapError]) -> [Node] {
        if case .sequence(let s) = node { return Array(s) }
        errors.append(.invalidValue(location(node), field: field, message: "expected a list"))
        return []
    }

    /// A scalar or a list of scalars.
    public func scalars(_ node: Node, field: String, errors: inout [MapError]) -> [String] {
        switch node {
        case .scalar(let s): return [s.string]
        case .sequence(let items): return items.compactMap { scalar($0, field: field, errors: &errors) }
        default:
            errors.append(.invalidValue(location(node), field: field, message: "expected a value or a list of values"))
            return []
        }
    }

    public func integer(_ node: Node, field: String, errors: inout [MapError]) -> Int? {
        guard let text = scalar(node, field: field, errors: &errors) else { return nil }
        guard let value = Int(text) else {
            errors.append(.invalidValue(location(node), field: field, message: "expected a whole number, not '\(text)'"))
            return nil
        }
        return value
    }
}
