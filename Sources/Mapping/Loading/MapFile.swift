import Yams

/// One map file as written: a default map (`Maps/850-in.yaml`) or a partner's override
/// (`Maps/<partner>/850-in.yaml`), before overrides are merged.
public struct MapFile: Sendable, Hashable {
    /// Where an added rule goes in the default map.
    public enum Placement: Sendable, Hashable {
        case after(String)
        case before(String)
        /// At the end of the loop rule with this path.
        case inside(String)
    }

    /// A rule of an override file: replaces the rule with the same path, or is added.
    public struct OverrideRule: Sendable, Hashable {
        public var path: String
        public var rule: MapRule
        public var placement: Placement?
    }

    public var file: String
    public var transactionSet: String?
    public var document: CanonicalDocumentType?
    public var rules: [OverrideRule]
    /// Paths of default rules an override removes.
    public var removals: [(path: String, location: SourceLocation)]

    public static func == (a: MapFile, b: MapFile) -> Bool {
        a.file == b.file && a.transactionSet == b.transactionSet && a.document == b.document && a.rules == b.rules && a.removals.map(\.path) == b.removals.map(\.path)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(rules)
    }

    /// The map as a default map: every rule in file order.
    public func asMap() throws(MapErrors) -> TransactionMap {
        guard let transactionSet, let document else {
            throw MapErrors([.missingKey(SourceLocation(file: file, line: 1), key: transactionSet == nil ? "transactionSet" : "document", context: "a default map")])
        }
        return TransactionMap(transactionSet: transactionSet, document: document, rules: rules.map(\.rule), sources: [file])
    }
}

/// Reads map files (see docs/maps.md for the grammar), reporting every problem with its line.
public enum MapLoader {
    static let topKeys = ["transactionSet", "document", "templates", "rules", "remove", "description"]
    static let ruleKeys = ["id", "segment", "loop", "where", "when", "elements", "qualifiers", "repeat", "array", "object", "rules", "use", "versions", "after", "before", "inside", "description"]
    static let bindingKeys = ["field", "value", "count", "compute", "format", "translate", "otherwise", "default", "when", "only"]
    static let computedValues = ["hlCount"]

    public static func load(path: String, displayName: String? = nil, isOverride: Bool = false) throws(MapErrors) -> MapFile {
        let tree: YAMLTree
        do { tree = try YAMLTree.read(path: path, displayName: displayName) } catch { throw MapErrors([error]) }
        return try parse(tree, isOverride: isOverride)
    }

    public static func parse(text: String, file: String, isOverride: Bool = false) throws(MapErrors) -> MapFile {
        let tree: YAMLTree
        do { tree = try YAMLTree(file: file, text: text) } catch { throw MapErrors([error]) }
        return try parse(tree, isOverride: isOverride)
    }

    static func parse(_ tree: YAMLTree, isOverride: Bool) throws(MapErrors) -> MapFile {
        var errors: [MapError] = []
        guard let root = tree.root else {
            throw MapErrors([.invalidValue(SourceLocation(file: tree.file, line: 1), field: "map", message: "the file is empty")])
        }
        var file = MapFile(file: tree.file, transactionSet: nil, document: nil, rules: [], removals: [])
        var templates: [String: Node] = [:]
        var rulesNode: Node?
        for (key, keyNode, value) in tree.entries(root, context: "map", allowed: topKeys, errors: &errors) {
            switch key {
            case "transactionSet":
                file.transactionSet = tree.scalar(value, field: key, errors: &errors)
            case "document":
                if let name = tree.scalar(value, field: key, errors: &errors) {
                    file.document = CanonicalDocumentType(rawValue: name)
                    if file.document == nil {
                        errors.append(.invalidValue(tree.location(value), field: key, message: "'\(name)' is not one of \(CanonicalDocumentType.allCases.map(\.rawValue).joined(separator: ", "))"))
                    }
                }
            case "templates":
                for (name, _, body) in tree.entries(value, context: key, errors: &errors) { templates[name] = body }
            case "rules":
                rulesNode = value
            case "remove":
                guard isOverride else {
                    errors.append(.invalidValue(tree.location(keyNode), field: key, message: "only a partner's override map can remove rules"))
                    continue
                }
                for item in tree.sequence(value, field: key, errors: &errors) {
                    if let path = tree.scalar(item, field: key, errors: &errors) { file.removals.append((path, tree.location(item))) }
                }
            default:
                break
            }
        }
        if !isOverride {
            if file.transactionSet == nil { errors.append(.missingKey(SourceLocation(file: tree.file, line: 1), key: "transactionSet", context: "a map")) }
            if file.document == nil, !errors.contains(where: { if case .invalidValue(_, "document", _) = $0 { return true } else { return false } }) {
                errors.append(.missingKey(SourceLocation(file: tree.file, line: 1), key: "document", context: "a map"))
            }
        }
        if let rulesNode {
            var context = Context(tree: tree, templates: templates, isOverride: isOverride)
            file.rules = context.rules(rulesNode, parentPath: nil, topLevel: true, errors: &errors)
        } else if !isOverride {
            errors.append(.missingKey(SourceLocation(file: tree.file, line: 1), key: "rules", context: "a map"))
        }
        if !errors.isEmpty { throw MapErrors(errors) }
        return file
    }

    struct Context {
        let tree: YAMLTree
        let templates: [String: Node]
        let isOverride: Bool
        var expanding: [String] = []

        mutating func rules(_ node: Node, parentPath: String?, topLevel: Bool, errors: inout [MapError]) -> [MapFile.OverrideRule] {
            var result: [MapFile.OverrideRule] = []
            var seen: Set<String> = []
            for item in tree.sequence(node, field: "rules", errors: &errors) {
                guard let parsed = rule(item, parentPath: parentPath, topLevel: topLevel, errors: &errors) else { continue }
                if !seen.insert(parsed.path).inserted {
                    errors.append(.duplicateRule(tree.location(item), id: parsed.path))
                }
                result.append(parsed)
            }
            return result
        }

        mutating func rule(_ node: Node, parentPath: String?, topLevel: Bool, errors: inout [MapError]) -> MapFile.OverrideRule? {
            let location = tree.location(node)
            let entries = tree.entries(node, context: "rule", allowed: MapLoader.ruleKeys, errors: &errors)
            let values = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            guard let idNode = values["id"], let id = tree.scalar(idNode, field: "id", errors: &errors), !id.isEmpty else {
                errors.append(.missingKey(location, key: "id", context: "every rule"))
                return nil
            }
            // Overrides name nested rules by their whole path (`lines/po1`).
            let path = (isOverride && topLevel) ? id : (parentPath.map { "\($0)/\(id)" } ?? id)
            let localID = path.split(separator: "/").last.map(String.init) ?? id
            var conditions: [Int: [String]] = [:]
            if let whereNode = values["where"] {
                for (key, keyNode, value) in tree.entries(whereNode, context: "where", errors: &errors) {
                    guard let position = Int(key), position > 0 else {
                        errors.append(.invalidValue(tree.location(keyNode), field: "where", message: "'\(key)' is not an element position"))
                        continue
                    }
                    let codes = tree.scalars(value, field: "where \(key)", errors: &errors)
                    if codes.isEmpty { errors.append(.invalidValue(tree.location(value), field: "where \(key)", message: "needs at least one code")) }
                    conditions[position] = codes
                }
            }
            let versions = values["versions"].map { tree.scalars($0, field: "versions", errors: &errors) } ?? []
            for (i, v) in versions.enumerated() where v.count != 6 || Int(v) == nil {
                errors.append(.invalidValue(tree.location(values["versions"]), field: "versions[\(i)]", message: "'\(v)' is not a version like 004010"))
            }
            var placement: MapFile.Placement?
            for key in ["after", "before", "inside"] {
                guard let n = values[key] else { continue }
                guard isOverride, topLevel else {
                    errors.append(.invalidValue(tree.location(n), field: key, message: "only a top-level rule of a partner's override map is placed with '\(key)'"))
                    continue
                }
                guard let target = tree.scalar(n, field: key, errors: &errors) else { continue }
                if placement != nil { errors.append(.invalidValue(tree.location(n), field: key, message: "use only one of after, before, inside")) }
                placement = key == "after" ? .after(target) : key == "before" ? .before(target) : .inside(target)
            }
            let kind: MapRule.Kind
            switch (values["segment"], values["loop"]) {
            case (let s?, nil):
                guard let segmentID = tree.scalar(s, field: "segment", errors: &errors) else { return nil }
                if !Self.isSegmentID(segmentID) { errors.append(.invalidValue(tree.location(s), field: "segment", message: "'\(segmentID)' is not a segment ID")) }
                for key in ["array", "object", "rules", "use"] where values[key] != nil {
                    errors.append(.invalidValue(tree.location(values[key]), field: key, message: "only a loop rule has '\(key)'; this rule is a segment"))
                }
                var elements: [ElementBinding] = []
                if let e = values["elements"] {
                    for (key, keyNode, value) in tree.entries(e, context: "elements", errors: &errors) {
                        if let binding = self.binding(key: key, keyNode: keyNode, value: value, errors: &errors) { elements.append(binding) }
                    }
                }
                var qualified: QualifiedPairs?
                if let q = values["qualifiers"] { qualified = qualifiers(q, errors: &errors) }
                var maxRepeat = 1
                if let r = values["repeat"], let n = tree.integer(r, field: "repeat", errors: &errors) {
                    if n < 1 { errors.append(.invalidValue(tree.location(r), field: "repeat", message: "must be at least 1")) } else { maxRepeat = n }
                }
                if elements.isEmpty, qualified == nil, segmentID != "HL" {
                    errors.append(.invalidValue(location, field: "rule \(path)", message: "a segment rule needs 'elements' or 'qualifiers'"))
                }
                for binding in elements where conditions[binding.position] != nil && binding.component == nil {
                    errors.append(.invalidValue(binding.location, field: "elements", message: "element \(binding.position) is both a 'where' condition and bound"))
                }
                kind = .segment(SegmentRule(segmentID: segmentID, elements: elements, qualified: qualified, maxRepeat: maxRepeat))
            case (nil, let l?):
                guard let trigger = tree.scalar(l, field: "loop", errors: &errors) else { return nil }
                if !Self.isSegmentID(trigger) { errors.append(.invalidValue(tree.location(l), field: "loop", message: "'\(trigger)' is not a segment ID")) }
                for key in ["elements", "qualifiers", "repeat"] where values[key] != nil {
                    errors.append(.invalidValue(tree.location(values[key]), field: key, message: "a loop rule has no '\(key)'; put them on a segment rule inside 'rules'"))
                }
                var target = LoopRule.Target.inline
                if let a = values["array"], let name = tree.scalar(a, field: "array", errors: &errors) { target = .array(name) }
                if let o = values["object"], let name = tree.scalar(o, field: "object", errors: &errors) {
                    if case .array = target { errors.append(.invalidValue(tree.location(o), field: "object", message: "a loop fills either an array or an object")) }
                    target = .object(name)
                }
                var inner: [MapRule] = []
                if let u = values["use"], let name = tree.scalar(u, field: "use", errors: &errors) {
                    if let body = templates[name] {
                        if expanding.contains(name) {
                            errors.append(.invalidValue(tree.location(u), field: "use", message: "template '\(name)' uses itself"))
                        } else {
                            expanding.append(name)
                            inner += rules(body, parentPath: path, topLevel: false, errors: &errors).map(\.rule)
                            expanding.removeLast()
                        }
                    } else {
                        errors.append(.invalidValue(tree.location(u), field: "use", message: "no template '\(name)' in this file (templates: \(templates.keys.sorted().joined(separator: ", ")))"))
                    }
                }
                if let r = values["rules"] {
                    let own = rules(r, parentPath: path, topLevel: false, errors: &errors).map(\.rule)
                    for rule in own where inner.contains(where: { $0.id == rule.id }) {
                        errors.append(.duplicateRule(rule.location, id: rule.id))
                    }
                    inner += own
                }
                if inner.isEmpty { errors.append(.invalidValue(location, field: "rule \(path)", message: "a loop rule needs 'rules' or 'use'")) }
                // The loop's conditions select its first segment; the rule that writes that
                // segment must write the qualifier too.
                if !conditions.isEmpty, let first = inner.firstIndex(where: { $0.segmentID == trigger }), case .segment = inner[first].kind {
                    for (position, codes) in conditions where inner[first].conditions[position] == nil {
                        inner[first].conditions[position] = codes
                    }
                }
                kind = .loop(LoopRule(triggerID: trigger, target: target, rules: inner))
            case (nil, nil):
                errors.append(.missingKey(location, key: "segment' or 'loop", context: "rule \(path)"))
                return nil
            case (_?, _?):
                errors.append(.invalidValue(location, field: "rule \(path)", message: "has both 'segment' and 'loop'"))
                return nil
            }
            var rule = MapRule(id: localID, kind: kind, conditions: conditions, versions: versions, location: location)
            if let w = values["when"], let field = tree.scalar(w, field: "when", errors: &errors) {
                if !Self.isFieldPath(field) { errors.append(.invalidValue(tree.location(w), field: "when", message: "'\(field)' is not a field path")) }
                rule.onlyWith = field
            }
            return MapFile.OverrideRule(path: path, rule: rule, placement: placement)
        }

        static func isSegmentID(_ s: String) -> Bool {
            (2...3).contains(s.count) && s.allSatisfy { ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") }
        }

        func binding(key: String, keyNode: Node, value: Node, errors: inout [MapError]) -> ElementBinding? {
            let location = tree.location(keyNode)
            let parts = key.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let position = Int(parts[0]), position > 0, position < 100,
                  parts.count == 1 || Int(parts[1]).map({ $0 > 0 }) == true else {
                errors.append(.invalidValue(location, field: "elements", message: "'\(key)' is not an element position like 3 or 5.2"))
                return nil
            }
            let component = parts.count == 2 ? Int(parts[1]) : nil
            if case .scalar(let s) = value {
                guard Self.isFieldPath(s.string) else {
                    errors.append(.invalidValue(tree.location(value), field: "element \(key)", message: "'\(s.string)' is not a field path like poNumber, carrier.scac or address[]"))
                    return nil
                }
                return ElementBinding(position: position, component: component, source: .field(s.string), location: location)
            }
            let entries = tree.entries(value, context: "element \(key)", allowed: MapLoader.bindingKeys, errors: &errors)
            var source: ElementBinding.Source?
            var binding = ElementBinding(position: position, component: component, source: .constant(""), location: location)
            for (k, kn, v) in entries {
                switch k {
                case "field", "value", "count", "compute":
                    guard let text = tree.scalar(v, field: k, errors: &errors) else { continue }
                    if source != nil { errors.append(.invalidValue(tree.location(kn), field: "element \(key)", message: "use only one of field, value, count, compute")) }
                    switch k {
                    case "field":
                        if !Self.isFieldPath(text) { errors.append(.invalidValue(tree.location(v), field: "field", message: "'\(text)' is not a field path")) }
                        source = .field(text)
                    case "value": source = .constant(text)
                    case "count": source = .count(text)
                    default:
                        if !MapLoader.computedValues.contains(text) { errors.append(.invalidValue(tree.location(v), field: "compute", message: "'\(text)' is not one of \(MapLoader.computedValues.joined(separator: ", "))")) }
                        source = .computed(text)
                    }
                case "format":
                    guard let text = tree.scalar(v, field: k, errors: &errors) else { continue }
                    if let f = ValueFormat(rawValue: text) { binding.format = f } else {
                        errors.append(.invalidValue(tree.location(v), field: "format", message: "'\(text)' is not one of \(ValueFormat.allCases.map(\.rawValue).joined(separator: ", "))"))
                    }
                case "translate":
                    for (code, _, target) in tree.entries(v, context: "translate", errors: &errors) {
                        // One value, or a list (many-to-one: `IR: [IR, R2]`).
                        if case .sequence = target {
                            let values = tree.scalars(target, field: "translate \(code)", errors: &errors)
                            if values.isEmpty { errors.append(.invalidValue(tree.location(target), field: "translate \(code)", message: "needs at least one value")) }
                            for value in values {
                                if binding.translate.contains(where: { $0.value == value }) {
                                    errors.append(.invalidValue(tree.location(target), field: "translate \(code)", message: "value '\(value)' is listed under two codes"))
                                }
                                binding.translate.append((code, value))
                            }
                        } else if let t = tree.scalar(target, field: "translate \(code)", errors: &errors) {
                            binding.translate.append((code, t))
                        }
                    }
                case "otherwise":
                    guard let text = tree.scalar(v, field: k, errors: &errors) else { continue }
                    binding.otherwise = text == "as-is" ? .asIs : .code(text)
                case "default": binding.defaultValue = tree.scalar(v, field: k, errors: &errors)
                case "when": binding.onlyWith = tree.scalar(v, field: k, errors: &errors)
                case "only":
                    guard let text = tree.scalar(v, field: k, errors: &errors) else { continue }
                    if let d = ElementBinding.Direction(rawValue: text), d != .both { binding.direction = d } else {
                        errors.append(.invalidValue(tree.location(v), field: "only", message: "'\(text)' is not 'in' or 'out'"))
                    }
                default: break
                }
            }
            guard let source else {
                errors.append(.missingKey(location, key: "field', 'value', 'count' or 'compute", context: "element \(key)"))
                return nil
            }
            binding.source = source
            return binding
        }

        static func isFieldPath(_ s: String) -> Bool {
            guard !s.isEmpty else { return false }
            return s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
                let name = part.hasSuffix("[]") ? part.dropLast(2) : part[...]
                return !name.isEmpty && name.first!.isLetter && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            }
        }

        func qualifiers(_ node: Node, errors: inout [MapError]) -> QualifiedPairs? {
            var positions: [Int] = []
            var codes: [QualifiedPairs.Code] = []
            var all: String?
            for (k, _, v) in tree.entries(node, context: "qualifiers", allowed: ["positions", "codes", "all"], errors: &errors) {
                if k == "all" {
                    guard let f = tree.scalar(v, field: "all", errors: &errors) else { continue }
                    if !Self.isFieldPath(f) { errors.append(.invalidValue(tree.location(v), field: "all", message: "'\(f)' is not a field path")) }
                    all = f
                } else if k == "positions" {
                    for item in tree.sequence(v, field: "positions", errors: &errors) {
                        if let p = tree.integer(item, field: "positions", errors: &errors) {
                            if p < 1 || p > 98 { errors.append(.invalidValue(tree.location(item), field: "positions", message: "\(p) is not a qualifier position")) } else { positions.append(p) }
                        }
                    }
                } else {
                    for (code, codeNode, field) in tree.entries(v, context: "codes", errors: &errors) {
                        guard let f = tree.scalar(field, field: "codes \(code)", errors: &errors) else { continue }
                        if !Self.isFieldPath(f) { errors.append(.invalidValue(tree.location(field), field: "codes \(code)", message: "'\(f)' is not a field path")) }
                        if codes.contains(where: { $0.qualifier == code }) { errors.append(.invalidValue(tree.location(codeNode), field: "codes", message: "qualifier \(code) is listed twice")) }
                        codes.append(.init(qualifier: code, field: f))
                    }
                }
            }
            if positions.isEmpty || codes.isEmpty {
                errors.append(.invalidValue(tree.location(node), field: "qualifiers", message: "needs 'positions' (qualifier element positions) and 'codes' (qualifier: field)"))
                return nil
            }
            return QualifiedPairs(qualifierPositions: positions, codes: codes, all: all, location: tree.location(node))
        }
    }
}
