import X12

/// X12 → canonical: applies a map's rules to one transaction set and returns the document
/// tree. Rules select segments by ID and qualifier (`where`), loops by their first segment.
public struct MapReader: Sendable {
    public let map: TransactionMap
    public let schema: TransactionSetSchema?
    public let version: String

    public init(map: TransactionMap, schema: TransactionSetSchema?, version: String) {
        self.map = map
        self.schema = schema
        self.version = version
    }

    public func read(_ set: TransactionSet) throws(MappingError) -> CanonicalValue {
        try read(set, log: nil)
    }

    private func read(_ set: TransactionSet, log: ConsumptionLog?) throws(MappingError) -> CanonicalValue {
        let tree = SegmentTree.build(set, schema: schema)
        var object: [String: CanonicalValue] = [:]
        try read(map.rules, children: tree.children, into: &object, log: log)
        return .object(object)
    }

    /// Reads the set and lists every segment and element with data that no rule took, so
    /// that nothing a partner sent is dropped without a word.
    public func readDocument(_ set: TransactionSet, unmapped: inout [UnmappedData]) throws(MappingError) -> CanonicalDocument {
        let log = ConsumptionLog()
        let document = try readDocument(set, log: log)
        unmapped += log.unmapped(in: set)
        return document
    }

    public func readDocument(_ set: TransactionSet) throws(MappingError) -> CanonicalDocument {
        try readDocument(set, log: nil)
    }

    private func readDocument(_ set: TransactionSet, log: ConsumptionLog?) throws(MappingError) -> CanonicalDocument {
        let value = try read(set, log: log)
        do {
            return try CanonicalDocument(type: map.document, value: value)
        } catch {
            throw .document(type: map.document, reason: "the \(set.type) \(set.control) does not make a complete document: \(Self.describe(error))")
        }
    }

    /// A decoding failure as a person reads it: which field, what is wrong.
    public static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let index = key.intValue { return text + "[\(index)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        if let e = error as? DecodingError {
            switch e {
            case .keyNotFound(let key, let context):
                return "missing \(path(context.codingPath + [key]))"
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                return "\(path(context.codingPath)): \(context.debugDescription)"
            @unknown default: return "\(e)"
            }
        }
        return "\(error)"
    }

    private func read(_ rules: [MapRule], children: [LoopInstance.Child], into object: inout [String: CanonicalValue], log: ConsumptionLog?) throws(MappingError) {
        for rule in rules where rule.applies(toVersion: version) {
            switch rule.kind {
            case .segment(let segmentRule):
                var matched = 0
                for child in children {
                    guard matched < segmentRule.maxRepeat, case .segment(let segment) = child, segment.idString == segmentRule.segmentID, Self.matches(segment, rule.conditions) else { continue }
                    matched += 1
                    try read(segment, segmentRule, into: &object)
                    log?.consumed(segment, segmentRule, conditions: rule.conditions)
                }
            case .loop(let loop):
                let instances = children.compactMap { child -> LoopInstance? in
                    guard case .loop(let instance) = child, let trigger = instance.trigger, trigger.idString == loop.triggerID, Self.matches(trigger, rule.conditions) else { return nil }
                    return instance
                }
                switch loop.target {
                case .inline:
                    for instance in instances { try read(loop.rules, children: instance.children, into: &object, log: log) }
                case .object(let path):
                    guard let instance = instances.first else { continue }
                    var inner: [String: CanonicalValue] = [:]
                    if case .object(let existing)? = CanonicalPath.get(path, in: .object(object)) { inner = existing }
                    try read(loop.rules, children: instance.children, into: &inner, log: log)
                    CanonicalPath.set(path, to: .object(inner), in: &object)
                case .array(let path):
                    var items = CanonicalPath.get(path, in: .object(object))?.arrayItems ?? []
                    for instance in instances {
                        var inner: [String: CanonicalValue] = [:]
                        try read(loop.rules, children: instance.children, into: &inner, log: log)
                        items.append(.object(inner))
                    }
                    CanonicalPath.set(path, to: .array(items), in: &object)
                }
            }
        }
    }

    static func matches(_ segment: Segment, _ conditions: [Int: [String]]) -> Bool {
        conditions.allSatisfy { position, codes in codes.contains(segment[position]) }
    }

    private func read(_ segment: Segment, _ rule: SegmentRule, into object: inout [String: CanonicalValue]) throws(MappingError) {
        for binding in rule.elements where binding.direction != .outbound {
            guard case .field(let path) = binding.source else { continue }
            var raw = segment[binding.position]
            if let component = binding.component {
                let components = segment.components(binding.position)
                raw = component <= components.count ? components[component - 1].string : ""
            }
            guard !raw.isEmpty else { continue }
            if let code = binding.translate.first(where: { $0.code == raw }) {
                CanonicalPath.set(path, to: .string(code.value), in: &object)
                continue
            }
            guard let value = ValueConversion.read(raw, format: binding.format) else {
                throw .unreadableElement(segment: segment.idString, position: binding.position, value: raw, format: binding.format, rule: binding.location)
            }
            CanonicalPath.set(path, to: value, in: &object)
        }
        if let pairs = rule.qualified {
            var every: [CanonicalValue] = []
            for position in pairs.qualifierPositions {
                let qualifier = segment[position]
                let value = segment[position + 1]
                guard !qualifier.isEmpty, !value.isEmpty else { continue }
                every.append(.object(["qualifier": .string(qualifier), "id": .string(value)]))
                guard let code = pairs.codes.first(where: { $0.qualifier == qualifier }) else { continue }
                if CanonicalPath.get(code.field, in: .object(object)) == nil {
                    CanonicalPath.set(code.field, to: .string(value), in: &object)
                }
            }
            if let all = pairs.all, !every.isEmpty {
                CanonicalPath.set(all, to: .array(every), in: &object)
            }
        }
    }
}
