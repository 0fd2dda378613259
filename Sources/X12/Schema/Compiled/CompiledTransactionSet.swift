/// A transaction set's table and segment definitions compiled at schema load into flat,
/// trivially copyable arrays, which the validator walks through pointers: no reference
/// counting, no `String`, no enum payload copies per segment or element.
///
/// The source definitions stay alongside (`definitions`): when the quick check finds a
/// segment at fault, the detailed check on those produces the reported errors, so both
/// paths agree by construction on what is wrong and how it is worded.
final class CompiledTransactionSet: @unchecked Sendable {
    // Immutable after init and owned by this object; that is what makes it Sendable.
    let nodes: UnsafeMutableBufferPointer<CompiledNode>
    /// The top level of the table is `nodes[0..<topLevelCount]`.
    let topLevelCount: Int
    let segments: UnsafeMutableBufferPointer<CompiledSegment>
    let elements: UnsafeMutableBufferPointer<CompiledElement>
    let components: UnsafeMutableBufferPointer<CompiledElement>
    let notes: UnsafeMutableBufferPointer<CompiledSyntaxNote>
    let codeLists: [CodeList]
    /// `segments[i]` was compiled from `definitions[i]`.
    let definitions: [SegmentDefinition]
    /// Segment and loop identifiers, for error messages.
    let names: [String]
    /// Every segment ID in the table at any depth (AK304 6 vs 2/7).
    let structureIDs: Set<String>
    let isVersion5010OrLater: Bool

    init(structure: [StructureNode], segments definitionsByID: [String: SegmentDefinition], version: String) {
        var nodes: [CompiledNode] = []
        var names: [String] = []
        var nameIndex: [String: Int32] = [:]
        var segmentIndex: [String: Int32] = [:]
        var definitions: [SegmentDefinition] = []
        var structureIDs: Set<String> = []

        func name(_ text: String) -> Int32 {
            if let i = nameIndex[text] { return i }
            names.append(text)
            nameIndex[text] = Int32(names.count - 1)
            return Int32(names.count - 1)
        }
        func definition(_ id: String) -> Int32 {
            if let i = segmentIndex[id] { return i }
            guard let d = definitionsByID[id] else { return -1 }
            definitions.append(d)
            segmentIndex[id] = Int32(definitions.count - 1)
            return Int32(definitions.count - 1)
        }
        // Lays out one level at `start` (already reserved), then the levels inside it.
        func layOut(_ level: [StructureNode], at start: Int) {
            for (i, node) in level.enumerated() {
                let trigger = node.triggerID
                var compiled = CompiledNode(key: SegmentKey.pack(trigger), definition: definition(trigger), isMandatory: node.usage == .mandatory, isLoop: false, maximum: 0, contentStart: 0, contentCount: 0, triggerName: name(trigger), loopName: -1)
                switch node {
                case .segment(let use):
                    structureIDs.insert(use.id)
                    compiled.maximum = use.maxUse
                case .loop(let loop):
                    compiled.isLoop = true
                    compiled.maximum = loop.maxRepeat
                    compiled.loopName = name(loop.id)
                    compiled.contentStart = Int32(nodes.count)
                    compiled.contentCount = Int32(loop.content.count)
                    let content = nodes.count
                    nodes.append(contentsOf: repeatElement(compiled, count: loop.content.count))
                    layOut(loop.content, at: content)
                }
                nodes[start + i] = compiled
            }
        }
        let placeholder = CompiledNode(key: 0, definition: -1, isMandatory: false, isLoop: false, maximum: 0, contentStart: 0, contentCount: 0, triggerName: 0, loopName: -1)
        nodes.append(contentsOf: repeatElement(placeholder, count: structure.count))
        layOut(structure, at: 0)

        var compiledSegments: [CompiledSegment] = []
        var elements: [CompiledElement] = []
        var components: [CompiledElement] = []
        var notes: [CompiledSyntaxNote] = []
        var codeLists: [CodeList] = []
        func codeList(_ codes: Set<String>?) -> Int32 {
            guard let codes else { return -1 }
            codeLists.append(CodeList(codes))
            return Int32(codeLists.count - 1)
        }
        for d in definitions {
            var segment = CompiledSegment(elementStart: Int32(elements.count), elementCount: Int32(d.elements.count), noteStart: Int32(notes.count), noteCount: Int32(d.syntaxNotes.count), mandatoryMask: 0, isScreenable: d.elements.count < 64)
            for (i, element) in d.elements.enumerated() {
                if element.usage == .mandatory, i + 1 < 64 { segment.mandatoryMask |= 1 << UInt64(i + 1) }
                switch element.content {
                case .simple(let simple):
                    elements.append(CompiledElement(simple, maxRepeat: element.maxRepeat, codeList: codeList(simple.codes)))
                case .composite(let parts):
                    elements.append(CompiledElement(compositeUsage: element.usage, maxRepeat: element.maxRepeat, componentStart: components.count, componentCount: parts.count))
                    for part in parts { components.append(CompiledElement(part, maxRepeat: 1, codeList: codeList(part.codes))) }
                }
            }
            for note in d.syntaxNotes {
                var compiled = CompiledSyntaxNote(kind: note.kind, mask: 0, firstMask: 0, restMask: 0)
                if Set(note.positions).count != note.positions.count || note.positions.contains(where: { $0 < 1 || $0 > 63 }) || note.positions.isEmpty {
                    segment.isScreenable = false
                } else {
                    for (i, p) in note.positions.enumerated() {
                        let bit: UInt64 = 1 << UInt64(p)
                        compiled.mask |= bit
                        if i == 0 { compiled.firstMask = bit } else { compiled.restMask |= bit }
                    }
                }
                notes.append(compiled)
            }
            compiledSegments.append(segment)
        }

        self.nodes = Self.copy(nodes)
        self.topLevelCount = structure.count
        self.segments = Self.copy(compiledSegments)
        self.elements = Self.copy(elements)
        self.components = Self.copy(components)
        self.notes = Self.copy(notes)
        self.codeLists = codeLists
        self.definitions = definitions
        self.names = names
        self.structureIDs = structureIDs
        self.isVersion5010OrLater = (Int(version) ?? 0) >= 5010
    }

    deinit {
        nodes.deallocate()
        segments.deallocate()
        elements.deallocate()
        components.deallocate()
        notes.deallocate()
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        // Never empty, so that every buffer has a base address.
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
        _ = buffer.initialize(from: array)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
    }
}
