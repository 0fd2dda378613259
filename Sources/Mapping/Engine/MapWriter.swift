import X12

/// Canonical → X12: writes the body of one transaction set (between ST and SE) from a
/// document tree, rule by rule. Qualifiers in `where` are written as constants; HL loops
/// are numbered by `HierarchyNumbering`.
public struct MapWriter: Sendable {
    public let map: TransactionMap
    public let version: String

    public init(map: TransactionMap, version: String) {
        self.map = map
        self.version = version
    }

    public func write(_ document: CanonicalValue) throws(MappingError) -> [OutboundSegment] {
        var state = State(root: document)
        var out: [OutboundSegment] = []
        try write(map.rules, object: document, out: &out, state: &state)
        return out
    }

    struct State {
        let root: CanonicalValue
        var hierarchy = HierarchyNumbering()
    }

    private func write(_ rules: [MapRule], object: CanonicalValue, out: inout [OutboundSegment], state: inout State) throws(MappingError) {
        for rule in rules where rule.applies(toVersion: version) {
            if let with = rule.onlyWith, CanonicalPath.get(with, in: object).map({ $0.isEmptyValue }) ?? true { continue }
            switch rule.kind {
            case .segment(let segmentRule):
                if segmentRule.segmentID == "HL", state.hierarchy.isOpenLevelPending {
                    out.append(state.hierarchy.openLevel(code: rule.conditions[3]?.first ?? ""))
                    continue
                }
                try write(rule, segmentRule, object: object, out: &out, state: &state)
            case .loop(let loop):
                let instances: [CanonicalValue]
                switch loop.target {
                case .inline: instances = [object]
                case .object(let path):
                    guard let value = CanonicalPath.get(path, in: object), !value.isEmptyValue else { continue }
                    instances = [value]
                case .array(let path):
                    instances = CanonicalPath.get(path, in: object)?.arrayItems ?? []
                }
                for instance in instances {
                    var body: [OutboundSegment] = []
                    let isHierarchy = loop.triggerID == "HL"
                    if isHierarchy { state.hierarchy.prepareLevel() }
                    try write(loop.rules, object: instance, out: &body, state: &state)
                    if isHierarchy {
                        state.hierarchy.closeLevel(&body)
                    }
                    // A repetition whose first segment was not written has nothing to say.
                    guard body.first?.id == loop.triggerID else { continue }
                    out += body
                }
            }
        }
    }

    private func write(_ rule: MapRule, _ segmentRule: SegmentRule, object: CanonicalValue, out: inout [OutboundSegment], state: inout State) throws(MappingError) {
        var cursors: [String: Int] = [:]
        let hasDataBindings = segmentRule.qualified != nil || segmentRule.elements.contains { b in
            switch b.source { case .constant: return false; default: return b.direction != .inbound }
        }
        for _ in 0..<segmentRule.maxRepeat {
            var elements: [Int: ElementValue] = [:]
            var components: [Int: [Int: String]] = [:]
            var hasData = false
            func place(_ position: Int, _ component: Int?, _ text: String) {
                if let component { components[position, default: [:]][component] = text } else { elements[position] = .simple(text) }
            }
            for (position, codes) in rule.conditions { if let code = codes.first { elements[position] = .simple(code) } }
            for binding in segmentRule.elements where binding.direction != .inbound {
                if let with = binding.onlyWith, CanonicalPath.get(with, in: object).map({ $0.isEmptyValue }) ?? true { continue }
                switch binding.source {
                case .constant(let text):
                    place(binding.position, binding.component, text)
                case .count(let path):
                    place(binding.position, binding.component, String(CanonicalPath.get(path, in: state.root)?.arrayItems?.count ?? 0))
                    hasData = true
                case .computed:
                    place(binding.position, binding.component, String(state.hierarchy.count))
                    hasData = true
                case .field(let path):
                    var value: CanonicalValue?
                    if CanonicalPath.isList(path.utf8) {
                        let key = String(path.dropLast(2))
                        let index = cursors[key, default: 0]
                        if let items = CanonicalPath.get(key, in: object)?.arrayItems, index < items.count {
                            value = items[index]
                            cursors[key] = index + 1
                        }
                    } else {
                        value = CanonicalPath.get(path, in: object)
                    }
                    if let value, !value.isEmptyValue {
                        place(binding.position, binding.component, try text(value, binding: binding, path: path))
                        hasData = true
                    } else if let fallback = binding.defaultValue {
                        place(binding.position, binding.component, fallback)
                    }
                }
            }
            if let pairs = segmentRule.qualified {
                var free = pairs.qualifierPositions[...]
                // The buyer's own pairs first, as sent; then each named field whose value is not
                // already written under some qualifier.
                var written: Set<String> = []
                var qualifiersWritten: Set<String> = []
                if let all = pairs.all {
                    for item in CanonicalPath.get(all, in: object)?.arrayItems ?? [] {
                        guard case .object(let pair) = item, let qualifier = pair["qualifier"]?.scalarText, let id = pair["id"]?.scalarText,
                              !qualifier.isEmpty, !id.isEmpty, !qualifiersWritten.contains(qualifier) else { continue }
                        guard let position = free.popFirst() else { break }
                        elements[position] = .simple(qualifier)
                        elements[position + 1] = .simple(id)
                        written.insert(id)
                        qualifiersWritten.insert(qualifier)
                        hasData = true
                    }
                }
                for code in pairs.codes {
                    guard let value = CanonicalPath.get(code.field, in: object), !value.isEmptyValue, let text = value.scalarText else { continue }
                    guard !written.contains(text), !qualifiersWritten.contains(code.qualifier) else { continue }
                    written.insert(text)
                    qualifiersWritten.insert(code.qualifier)
                    guard let position = free.popFirst() else { break }
                    elements[position] = .simple(code.qualifier)
                    elements[position + 1] = .simple(text)
                    hasData = true
                }
            }
            for (position, parts) in components {
                let width = parts.keys.max() ?? 0
                elements[position] = .composite((1...max(width, 1)).map { parts[$0] ?? "" })
            }
            guard hasData || !hasDataBindings else { break }
            let width = elements.keys.max() ?? 0
            out.append(OutboundSegment(segmentRule.segmentID, (0..<width).map { elements[$0 + 1] ?? .simple("") }))
            // Only list fields (`notes[]`) make a segment repeat.
            guard !cursors.isEmpty else { break }
        }
    }

    private func text(_ value: CanonicalValue, binding: ElementBinding, path: String) throws(MappingError) -> String {
        if !binding.translate.isEmpty, let scalar = value.scalarText {
            if let code = binding.translate.first(where: { $0.value == scalar }) { return code.code }
            if binding.translate.contains(where: { $0.code == scalar }) { return scalar }
            switch binding.otherwise {
            case .code(let code)?: return code
            case .asIs?: return scalar
            case nil: break
            }
            throw .noCode(field: path, value: scalar, codes: binding.translate.map { "\($0.value)→\($0.code)" }, rule: binding.location)
        }
        guard let text = ValueConversion.write(value, format: binding.format) else {
            throw .unwritableValue(field: path, value: value.scalarText ?? CanonicalJSON.write(value), format: binding.format, rule: binding.location)
        }
        return text
    }
}
