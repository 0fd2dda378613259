/// Validates the body of one transaction set against its schema: segment placement (order,
/// loops, requirement, maximum use → AK304 codes 1–8), elements (AK403 codes), and the HL
/// hierarchy. The envelope (ST/SE counts and control numbers) is the reader's job.
public struct TransactionSetValidator: Sendable {
    public let schema: TransactionSetSchema
    let elements: ElementValidator

    public init(schema: TransactionSetSchema) {
        self.schema = schema
        self.elements = ElementValidator(isVersion5010OrLater: (Int(schema.version) ?? 0) >= 5010)
    }

    /// One level of the table being walked: the top level or one repetition of a loop.
    private struct Frame {
        let nodes: [StructureNode]
        let loopID: String?
        /// Entry of `nodes` reached so far.
        var index: Int
        /// Uses of each entry (segment uses, or loop repetitions) in this repetition.
        var uses: [Int]
    }

    public func validate(_ set: TransactionSet) -> [SegmentError] {
        var errors: [SegmentError] = []
        var frames = [Frame(nodes: schema.structure, loopID: nil, index: 0, uses: Array(repeating: 0, count: schema.structure.count))]
        var hierarchy = HierarchyTracker(rule: schema.hierarchy)
        let segments = set.segments
        let bodyEnd = set.hasTrailer ? segments.count - 1 : segments.count
        var position = 1
        var index = 1
        while index < bodyEnd {
            let segment = segments[index]
            position = index + 1
            index += 1
            let id = segment.idString
            let loopBefore = frames.last?.loopID
            let placement = place(id, &frames, position: position, segment: segment, errors: &errors)
            guard let placement else {
                errors.append(unplaced(id, frames: frames, position: position, segment: segment, loopID: loopBefore))
                continue
            }
            var elementErrors: [ElementError] = []
            if let definition = schema.segments[id] {
                elementErrors = elements.validate(segment, definition)
            }
            if id == "HL" { elementErrors += hierarchy.check(segment) }
            let loopID = frames.last?.loopID
            if let code = placement {
                errors.append(SegmentError(segmentID: id, position: position, loopID: loopID, code: code, elementErrors: elementErrors, byteOffset: segment.byteOffset, message: code == .loopOccursOverMaximumTimes ? "loop \(id) repeats more often than its maximum" : "\(id) used more often than its maximum use"))
            } else if !elementErrors.isEmpty {
                errors.append(SegmentError(segmentID: id, position: position, loopID: loopID, code: .segmentHasDataElementErrors, elementErrors: elementErrors, byteOffset: segment.byteOffset, message: "\(id) has \(elementErrors.count) data element error(s)"))
            }
        }
        // At SE every open level must have had its mandatory entries.
        let sePosition = bodyEnd + 1
        let seOffset = set.hasTrailer ? segments[segments.count - 1].byteOffset : set.byteOffset
        while let frame = frames.popLast() {
            errors += missingMandatory(frame, from: frame.index + (frame.uses[safe: frame.index] ?? 0 > 0 ? 1 : 0), to: frame.nodes.count, position: sePosition, byteOffset: seOffset)
        }
        return errors
    }

    /// Finds `id`'s entry from the current point onwards, innermost level first, and moves
    /// there. Returns `nil` when the segment has no place ahead; otherwise the structural
    /// error of an over-used entry (codes 4 and 5), or `.some(nil)` when it fits.
    private func place(_ id: String, _ frames: inout [Frame], position: Int, segment: Segment, errors: inout [SegmentError]) -> SegmentErrorCode?? {
        for depth in stride(from: frames.count - 1, through: 0, by: -1) {
            let frame = frames[depth]
            // A loop's own trigger is matched through the loop entry one level up.
            let start = max(frame.index, frame.loopID == nil ? 0 : 1)
            guard start < frame.nodes.count else { continue }
            guard let j = (start..<frame.nodes.count).first(where: { frame.nodes[$0].triggerID == id }) else { continue }
            // Close the levels inside this one; their remaining mandatory entries are missing.
            while frames.count - 1 > depth {
                let inner = frames.removeLast()
                errors += missingMandatory(inner, from: inner.index + (inner.uses[inner.index] > 0 ? 1 : 0), to: inner.nodes.count, position: position, byteOffset: segment.byteOffset)
            }
            var current = frames[depth]
            let skippedFrom = current.index + (current.uses[current.index] > 0 ? 1 : 0)
            errors += missingMandatory(current, from: skippedFrom, to: j, position: position, byteOffset: segment.byteOffset)
            current.index = j
            current.uses[j] += 1
            var code: SegmentErrorCode?
            switch current.nodes[j] {
            case .segment(let use):
                if current.uses[j] > use.maxUse { code = .segmentExceedsMaximumUse }
                frames[depth] = current
            case .loop(let loop):
                if current.uses[j] > loop.maxRepeat { code = .loopOccursOverMaximumTimes }
                frames[depth] = current
                var uses = Array(repeating: 0, count: loop.content.count)
                uses[0] = 1
                frames.append(Frame(nodes: loop.content, loopID: loop.id, index: 0, uses: uses))
            }
            return .some(code)
        }
        return nil
    }

    private func missingMandatory(_ frame: Frame, from: Int, to: Int, position: Int, byteOffset: Int) -> [SegmentError] {
        guard from < to else { return [] }
        var errors: [SegmentError] = []
        for j in from..<to where frame.nodes[j].usage == .mandatory && frame.uses[j] == 0 {
            let node = frame.nodes[j]
            let loopID: String?
            if case .loop(let loop) = node { loopID = loop.id } else { loopID = frame.loopID }
            errors.append(SegmentError(segmentID: node.triggerID, position: position, loopID: loopID, code: .mandatorySegmentMissing, byteOffset: byteOffset, message: "mandatory \(node.triggerID) missing before segment \(position)"))
        }
        return errors
    }

    /// The error for a segment with no place ahead: unknown ID (1), not in this set (6),
    /// out of order (7) or in the set but not here (2).
    private func unplaced(_ id: String, frames: [Frame], position: Int, segment: Segment, loopID: String?) -> SegmentError {
        let code: SegmentErrorCode
        let message: String
        if !schema.knownSegmentIDs.contains(id) {
            code = .unrecognizedSegmentID
            message = "\(id) is not a segment of version \(schema.version)"
        } else if !schema.contains(segment: id) {
            code = .segmentNotInDefinedTransactionSet
            message = "\(id) is not part of the \(schema.transactionSet) transaction set"
        } else if frames.contains(where: { frame in frame.nodes[0..<min(frame.index + 1, frame.nodes.count)].contains { $0.triggerID == id } }) {
            code = .segmentNotInProperSequence
            message = "\(id) comes after segments that must follow it"
        } else {
            code = .unexpectedSegment
            message = "\(id) is not expected at this point of the \(schema.transactionSet)"
        }
        return SegmentError(segmentID: id, position: position, loopID: loopID, code: code, byteOffset: segment.byteOffset, message: message)
    }
}

/// HL numbering and parent links: HL01 unique, HL02 naming an earlier HL01, and the first
/// level code the schema asks for. Reported as invalid values (AK403 7) of HL01/02/03.
struct HierarchyTracker {
    let rule: HierarchyRule?
    var seen: Set<String> = []
    var count = 0

    mutating func check(_ segment: Segment) -> [ElementError] {
        var errors: [ElementError] = []
        let id = segment[1]
        let parent = segment[2]
        count += 1
        if !id.isEmpty {
            if seen.contains(id) {
                errors.append(ElementError(position: 1, reference: "628", code: .invalidCodeValue, value: id, message: "HL01 \(id) is used twice in the set"))
            }
            seen.insert(id)
        }
        if !parent.isEmpty, !seen.contains(parent) || parent == id {
            errors.append(ElementError(position: 2, reference: "734", code: .invalidCodeValue, value: parent, message: "HL02 \(parent) names no earlier HL01"))
        }
        if count == 1, let rule, !rule.firstLevelCodes.isEmpty {
            let level = segment[3]
            if !level.isEmpty, !rule.firstLevelCodes.contains(level) {
                errors.append(ElementError(position: 3, reference: "735", code: .invalidCodeValue, value: level, message: "the first HL must be level \(rule.firstLevelCodes.sorted().joined(separator: "/")), not \(level)"))
            }
        }
        return errors
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
