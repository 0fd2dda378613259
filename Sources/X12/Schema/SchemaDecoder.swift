/// Turns the JSON of schema files into schema values, naming the file and the place of
/// any mistake (a schema typo must fail loudly at load time, not validate wrongly).
struct SchemaDecoder {
    let file: String

    func fail(_ message: String) -> SchemaError { SchemaError(file: file, message: message) }

    /// `">1"` (unbounded) or a positive integer.
    func count(_ value: JSONValue?, _ context: String) throws(SchemaError) -> Int {
        if let s = value?.string, s == ">1" { return Int.max }
        guard let n = value?.int, n >= 1 else { throw fail("\(context): expected a positive count or \">1\"") }
        return n
    }

    func usage(_ value: JSONValue?, _ context: String) throws(SchemaError) -> Usage {
        guard let code = value?.string, let usage = Usage(schemaCode: code) else { throw fail("\(context): usage must be M or O") }
        return usage
    }

    func structure(_ value: JSONValue?, _ context: String) throws(SchemaError) -> [StructureNode] {
        guard let items = value?.array else { throw fail("\(context): expected an array of entries") }
        var nodes: [StructureNode] = []
        for (i, item) in items.enumerated() {
            let here = "\(context)[\(i)]"
            if let id = item["segment"]?.string {
                nodes.append(.segment(SegmentUse(id: id, usage: try usage(item["usage"], here), maxUse: try count(item["max"], here))))
            } else if let id = item["loop"]?.string {
                let content = try structure(item["content"], "\(here) loop \(id)")
                guard case .segment = content.first else { throw fail("\(here): loop \(id) must start with a segment") }
                nodes.append(.loop(LoopDefinition(id: id, usage: try usage(item["usage"], here), maxRepeat: try count(item["repeat"], here), content: content)))
            } else {
                throw fail("\(here): entry needs \"segment\" or \"loop\"")
            }
        }
        return nodes
    }

    func simpleElement(_ value: JSONValue, _ context: String) throws(SchemaError) -> SimpleElementDefinition {
        guard let typeCode = value["type"]?.string, let type = ElementDataType(code: typeCode) else { throw fail("\(context): unknown type") }
        guard let min = value["min"]?.int, let max = value["max"]?.int, min >= 0, max >= min, max > 0 else { throw fail("\(context): min/max lengths") }
        var codes: Set<String>?
        if let list = value["codes"]?.array {
            codes = Set(list.compactMap(\.string))
            guard codes!.count == list.count else { throw fail("\(context): codes must be strings") }
        }
        return SimpleElementDefinition(reference: value["ref"]?.string, type: type, minLength: min, maxLength: max, usage: try usage(value["usage"], context), codes: codes)
    }

    func segment(_ id: String, _ value: JSONValue) throws(SchemaError) -> SegmentDefinition {
        guard let items = value["elements"]?.array else { throw fail("segment \(id): no elements") }
        var elements: [ElementDefinition] = []
        for (i, item) in items.enumerated() {
            let here = "\(id)\((i + 1).twoDigits)"
            let repeats = item["repeat"] == nil ? 1 : try count(item["repeat"], here)
            if let components = item["components"]?.array {
                var parts: [SimpleElementDefinition] = []
                for (j, component) in components.enumerated() {
                    parts.append(try simpleElement(component, "\(here)-\(j + 1)"))
                }
                elements.append(ElementDefinition(usage: try usage(item["usage"], here), content: .composite(parts), maxRepeat: repeats))
            } else {
                let simple = try simpleElement(item, here)
                elements.append(ElementDefinition(usage: simple.usage, content: .simple(simple), maxRepeat: repeats))
            }
        }
        var notes: [SyntaxNote] = []
        for note in value["syntax"]?.array ?? [] {
            guard let text = note.string, let parsed = SyntaxNote(text), parsed.positions.allSatisfy({ $0 <= elements.count }) else {
                throw fail("segment \(id): bad syntax note \(note)")
            }
            notes.append(parsed)
        }
        return SegmentDefinition(id: id, elements: elements, syntaxNotes: notes)
    }
}
