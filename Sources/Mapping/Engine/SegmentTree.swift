import X12

/// The segments of one transaction set grouped into loop repetitions by the set's schema,
/// with HL loops nested by their HL02 parent links (in X12 they are flat siblings).
final class LoopInstance {
    enum Child {
        case segment(Segment)
        case loop(LoopInstance)
    }

    let loopID: String
    var children: [Child] = []

    init(loopID: String) { self.loopID = loopID }

    var trigger: Segment? {
        if case .segment(let s)? = children.first { return s }
        return nil
    }
}

enum SegmentTree {
    /// Groups the body (between ST and SE) of `set`. Without a schema every segment stays at
    /// the top level, which still lets segment rules read it.
    static func build(_ set: TransactionSet, schema: TransactionSetSchema?) -> LoopInstance {
        let root = LoopInstance(loopID: "")
        let segments = Array(set.segments)
        let body = segments.dropFirst().dropLast(set.hasTrailer ? 1 : 0)
        guard let schema else {
            root.children = body.map { .segment($0) }
            return root
        }
        struct Frame {
            let nodes: [StructureNode]
            var index: Int
            let instance: LoopInstance
            let isLoop: Bool
        }
        var frames = [Frame(nodes: schema.structure, index: 0, instance: root, isLoop: false)]
        for segment in body {
            let id = segment.idString
            var placed = false
            for depth in stride(from: frames.count - 1, through: 0, by: -1) {
                let frame = frames[depth]
                let start = max(frame.index, frame.isLoop ? 1 : 0)
                guard start < frame.nodes.count, let j = (start..<frame.nodes.count).first(where: { frame.nodes[$0].triggerID == id }) else { continue }
                frames.removeLast(frames.count - 1 - depth)
                frames[depth].index = j
                switch frame.nodes[j] {
                case .segment:
                    frame.instance.children.append(.segment(segment))
                case .loop(let loop):
                    let instance = LoopInstance(loopID: loop.id)
                    instance.children.append(.segment(segment))
                    frame.instance.children.append(.loop(instance))
                    frames.append(Frame(nodes: loop.content, index: 0, instance: instance, isLoop: true))
                }
                placed = true
                break
            }
            // A segment with no place stays where it was found, so a lenient map can still read it.
            if !placed { frames[frames.count - 1].instance.children.append(.segment(segment)) }
        }
        nestHierarchy(root)
        return root
    }

    /// Moves every HL loop under the HL loop its HL02 names.
    private static func nestHierarchy(_ instance: LoopInstance) {
        var byID: [String: LoopInstance] = [:]
        var kept: [LoopInstance.Child] = []
        for child in instance.children {
            guard case .loop(let loop) = child, let hl = loop.trigger, hl.idString == "HL" else {
                if case .loop(let loop) = child { nestHierarchy(loop) }
                kept.append(child)
                continue
            }
            let id = hl[1]
            let parent = hl[2]
            if !parent.isEmpty, parent != id, let owner = byID[parent] {
                owner.children.append(.loop(loop))
            } else {
                kept.append(child)
            }
            if !id.isEmpty { byID[id] = loop }
        }
        instance.children = kept
    }
}
