/// Merges a partner's override map over a default map: a rule with the path of a default
/// rule replaces it in place; `remove` drops rules; any other rule is added where its
/// `after`, `before` or `inside` says, or at the end of the map.
public enum MapOverlay {
    public static func apply(_ override: MapFile, to base: TransactionMap) throws(MapErrors) -> TransactionMap {
        var errors: [MapError] = []
        if let set = override.transactionSet, set != base.transactionSet {
            errors.append(.invalidValue(SourceLocation(file: override.file, line: 1), field: "transactionSet", message: "\(set) does not match the default map's \(base.transactionSet)"))
        }
        if let document = override.document, document != base.document {
            errors.append(.invalidValue(SourceLocation(file: override.file, line: 1), field: "document", message: "\(document.rawValue) does not match the default map's \(base.document.rawValue)"))
        }
        var rules = base.rules
        for removal in override.removals {
            if !remove(path: removal.path[...].split(separator: "/").map(String.init), from: &rules) {
                errors.append(.unknownRule(removal.location, id: removal.path))
            }
        }
        for item in override.rules {
            let path = item.path.split(separator: "/").map(String.init)
            var replacement = item.rule
            replacement.id = path.last ?? item.rule.id
            if item.placement == nil, replace(path: path, with: replacement, in: &rules) { continue }
            let ok: Bool
            switch item.placement {
            case nil:
                if path.count > 1 {
                    // A nested path that names no rule: add at the end of its parent loop.
                    ok = insert(replacement, intoLoop: Array(path.dropLast()), in: &rules)
                } else {
                    rules.append(replacement)
                    ok = true
                }
            case .inside(let target):
                ok = insert(replacement, intoLoop: target.split(separator: "/").map(String.init), in: &rules)
            case .after(let target):
                ok = insert(replacement, next: target.split(separator: "/").map(String.init), after: true, in: &rules)
            case .before(let target):
                ok = insert(replacement, next: target.split(separator: "/").map(String.init), after: false, in: &rules)
            }
            if !ok {
                switch item.placement {
                case .after(let t)?, .before(let t)?, .inside(let t)?: errors.append(.unknownRule(item.rule.location, id: t))
                case nil: errors.append(.unknownRule(item.rule.location, id: path.dropLast().joined(separator: "/")))
                }
            }
        }
        if !errors.isEmpty { throw MapErrors(errors) }
        return TransactionMap(transactionSet: base.transactionSet, document: base.document, rules: rules, sources: base.sources + [override.file])
    }

    private static func replace(path: [String], with rule: MapRule, in rules: inout [MapRule]) -> Bool {
        guard let first = path.first, let index = rules.firstIndex(where: { $0.id == first }) else { return false }
        if path.count == 1 {
            rules[index] = rule
            return true
        }
        guard case .loop(var loop) = rules[index].kind else { return false }
        let done = replace(path: Array(path.dropFirst()), with: rule, in: &loop.rules)
        rules[index].kind = .loop(loop)
        return done
    }

    private static func remove(path: [String], from rules: inout [MapRule]) -> Bool {
        guard let first = path.first, let index = rules.firstIndex(where: { $0.id == first }) else { return false }
        if path.count == 1 {
            rules.remove(at: index)
            return true
        }
        guard case .loop(var loop) = rules[index].kind else { return false }
        let done = remove(path: Array(path.dropFirst()), from: &loop.rules)
        rules[index].kind = .loop(loop)
        return done
    }

    private static func insert(_ rule: MapRule, intoLoop path: [String], in rules: inout [MapRule]) -> Bool {
        guard let first = path.first, let index = rules.firstIndex(where: { $0.id == first }), case .loop(var loop) = rules[index].kind else { return false }
        let done: Bool
        if path.count == 1 {
            loop.rules.append(rule)
            done = true
        } else {
            done = insert(rule, intoLoop: Array(path.dropFirst()), in: &loop.rules)
        }
        rules[index].kind = .loop(loop)
        return done
    }

    private static func insert(_ rule: MapRule, next path: [String], after: Bool, in rules: inout [MapRule]) -> Bool {
        guard let first = path.first, let index = rules.firstIndex(where: { $0.id == first }) else { return false }
        if path.count == 1 {
            rules.insert(rule, at: after ? index + 1 : index)
            return true
        }
        guard case .loop(var loop) = rules[index].kind else { return false }
        let done = insert(rule, next: Array(path.dropFirst()), after: after, in: &loop.rules)
        rules[index].kind = .loop(loop)
        return done
    }
}
