/// Validates the body of one transaction set against its schema: segment placement (order,
/// loops, requirement, maximum use → AK304 codes 1–8), elements (AK403 codes), and the HL
/// hierarchy. The envelope (ST/SE counts and control numbers) is the reader's job.
public struct TransactionSetValidator: Sendable {
    public let schema: TransactionSetSchema
    let elements: ElementValidator

    public init(schema: TransactionSetSchema) {
        self.schema = schema
        self.elements = ElementValidator(isVersion5010OrLater: schema.compiled.isVersion5010OrLater)
    }

    /// One level of the table being walked: the top level or one repetition of a loop.
    private struct Frame {
        /// The level's entries are `nodes[start..<start + count]`.
        let start: Int
        let count: Int
        /// Index in `names` of the loop ID; -1 at the top level.
        let loopName: Int32
        /// Entry reached so far (relative to `start`).
        var index: Int
        /// Uses of this level's entries are `uses[usesStart..<usesStart + count]`.
        let usesStart: Int
    }

    /// Walks the set's segments through pointers into the reader's buffer and the compiled
    /// schema. Strings, `Segment` views and error values are made only where an error is.
    public func validate(_ set: TransactionSet) -> [SegmentError] {
        validate(set, limit: .max).errors
    }

    /// At most `limit` errors: once they are found the walk stops (`truncated`), so a set of a
    /// million bad segments costs as much as one of `limit`.
    public func validate(_ set: TransactionSet, limit: Int) -> (errors: [SegmentError], truncated: Bool) {
        let compiled = schema.compiled
        var truncated = false
        let delimiters = set.delimiters
        var separators = ElementQuickCheck.Separators(element: delimiters.element, component: delimiters.component, repetition: -1)
        if let repetition = delimiters.repetition, compiled.isVersion5010OrLater { separators.repetition = Int(repetition) }
        var walk = Walk(schema: schema, set: set)
        defer { walk.deallocate() }
        let ranges = set.ranges
        let bodyEnd = set.hasTrailer ? ranges.count - 1 : ranges.count
        var hierarchy = HierarchyTracker(rule: schema.hierarchy)
        set.base.withUnsafeBufferPointer { buffer in
            let p = buffer.baseAddress!
            ranges.withUnsafeBufferPointer { ranges in
                var index = 1
                while index < bodyEnd {
                    if walk.errors.count >= limit {
                        truncated = true
                        break
                    }
                    let range = ranges[index]
                    let position = index + 1
                    index += 1
                    let (key, idEnd) = SegmentKey.read(p, from: range.lowerBound, to: range.upperBound, separator: separators.element)
                    let loopBefore = walk.frames[walk.frameCount - 1].loopName
                    guard let (definition, code) = walk.place(key, position: position, range: range) else {
                        walk.errors.append(walk.unplaced(range, position: position, loopName: loopBefore))
                        continue
                    }
                    var clean = true
                    if definition >= 0 {
                        clean = ElementQuickCheck.passes(p, idEnd: idEnd, end: range.upperBound, segment: compiled.segments[definition], schema: compiled, separators: separators)
                    }
                    let isHL = key == Self.keyHL
                    guard !clean || code != nil || isHL else { continue }
                    let segment = walk.segment(range)
                    var elementErrors: [ElementError] = []
                    if !clean { elementErrors = elements.validate(segment, compiled.definitions[definition]) }
                    if isHL { elementErrors += hierarchy.check(segment) }
                    let loopName = walk.frames[walk.frameCount - 1].loopName
                    let loopID = loopName < 0 ? nil : compiled.names[Int(loopName)]
                    let id = segment.idString
                    if let code {
                        walk.errors.append(SegmentError(segmentID: id, position: position, loopID: loopID, code: code, elementErrors: elementErrors, byteOffset: segment.byteOffset, message: code == .loopOccursOverMaximumTimes ? "loop \(id) repeats more often than its maximum" : "\(id) used more often than its maximum use"))
                    } else if !elementErrors.isEmpty {
                        walk.errors.append(SegmentError(segmentID: id, position: position, loopID: loopID, code: .segmentHasDataElementErrors, elementErrors: elementErrors, byteOffset: segment.byteOffset, message: "\(id) has \(elementErrors.count) data element error(s)"))
                    }
                }
            }
        }
        if truncated { return (Array(walk.errors.prefix(limit)), true) }
        // At SE every open level must have had its mandatory entries.
        let sePosition = bodyEnd + 1
        let seOffset = set.hasTrailer ? set.baseFileOffset + ranges[ranges.count - 1].lowerBound : set.byteOffset
        while let frame = walk.popFrame() {
            let reached = frame.index < frame.count && walk.uses[frame.usesStart + frame.index] > 0 ? 1 : 0
            walk.missingMandatory(frame, from: frame.index + reached, to: frame.count, position: sePosition, byteOffset: seOffset)
        }
        if walk.errors.count > limit { return (Array(walk.errors.prefix(limit)), true) }
        return (walk.errors, false)
    }

    private static let keyHL = SegmentKey.pack("HL")

    /// The state of one walk through a set's table.
    private struct Walk {
        let schema: TransactionSetSchema
        let compiled: CompiledTransactionSet
        let set: TransactionSet
        // Stacks with room for every level at once: a loop is never open twice, so the
        // open levels' entries never outnumber the table's. Pointers keep the per-segment
        // walk free of copy-on-write checks.
        let frames: UnsafeMutablePointer<Frame>
        var frameCount = 1
        let uses: UnsafeMutablePointer<Int>
        var useCount: Int
        var errors: [SegmentError] = []

        init(schema: TransactionSetSchema, set: TransactionSet) {
            self.schema = schema
            self.compiled = schema.compiled
            self.set = set
            frames = .allocate(capacity: compiled.nodes.count + 1)
            frames.initialize(to: Frame(start: 0, count: compiled.topLevelCount, loopName: -1, index: 0, usesStart: 0))
            uses = .allocate(capacity: compiled.nodes.count + 1)
            uses.initialize(repeating: 0, count: compiled.nodes.count + 1)
            useCount = compiled.topLevelCount
        }

        func deallocate() {
            frames.deallocate()
            uses.deallocate()
        }

        mutating func popFrame() -> Frame? {
            guard frameCount > 0 else { return nil }
            frameCount -= 1
            return frames[frameCount]
        }

        func segment(_ range: Range<Int>) -> Segment {
            Segment(text: ByteText(base: set.base, range: range), delimiters: set.delimiters, byteOffset: set.baseFileOffset + range.lowerBound)
        }

        /// Finds the segment's entry from the current point onwards, innermost level first,
        /// and moves there. Returns `nil` when the segment has no place ahead; otherwise the
        /// segment's definition (index in `segments`, -1 for none) and the structural error of an over-used entry (codes 4
        /// and 5), if any.
        mutating func place(_ key: UInt32, position: Int, range: Range<Int>) -> (Int, SegmentErrorCode?)? {
            let nodes = compiled.nodes.baseAddress!
            var depth = frameCount - 1
            while depth >= 0 {
                let frame = frames[depth]
                // A loop's own trigger is matched through the loop entry one level up.
                var j = max(frame.index, frame.loopName < 0 ? 0 : 1)
                while j < frame.count, nodes[frame.start + j].key != key { j += 1 }
                guard j < frame.count else {
                    depth -= 1
                    continue
                }
                // Close the levels inside this one; their remaining mandatory entries are missing.
                while frameCount - 1 > depth {
                    frameCount -= 1
                    let inner = frames[frameCount]
                    let reached = uses[inner.usesStart + inner.index] > 0 ? 1 : 0
                    missingMandatory(inner, from: inner.index + reached, to: inner.count, position: position, byteOffset: set.baseFileOffset + range.lowerBound)
                    useCount = inner.usesStart
                }
                let reached = uses[frame.usesStart + frame.index] > 0 ? 1 : 0
                missingMandatory(frame, from: frame.index + reached, to: j, position: position, byteOffset: set.baseFileOffset + range.lowerBound)
                frames[depth].index = j
                uses[frame.usesStart + j] += 1
                let node = nodes[frame.start + j]
                let used = uses[frame.usesStart + j]
                var code: SegmentErrorCode?
                if node.isLoop {
                    if used > node.maximum { code = .loopOccursOverMaximumTimes }
                    let usesStart = useCount
                    let levelCount = max(Int(node.contentCount), 1)
                    uses[usesStart] = 1
                    for k in 1..<levelCount { uses[usesStart + k] = 0 }
                    useCount += levelCount
                    frames[frameCount] = Frame(start: Int(node.contentStart), count: Int(node.contentCount), loopName: node.loopName, index: 0, usesStart: usesStart)
                    frameCount += 1
                    return (Int(node.definition), code)
                }
                if used > node.maximum { code = .segmentExceedsMaximumUse }
                return (Int(node.definition), code)
            }
            return nil
        }

        mutating func missingMandatory(_ frame: Frame, from: Int, to: Int, position: Int, byteOffset: Int) {
            guard from < to else { return }
            let nodes = compiled.nodes.baseAddress!
            for j in from..<to where nodes[frame.start + j].isMandatory && uses[frame.usesStart + j] == 0 {
                let node = nodes[frame.start + j]
                let loopName = node.isLoop ? node.loopName : frame.loopName
                let trigger = compiled.names[Int(node.triggerName)]
                errors.append(SegmentError(segmentID: trigger, position: position, loopID: loopName < 0 ? nil : compiled.names[Int(loopName)], code: .mandatorySegmentMissing, byteOffset: byteOffset, message: "mandatory \(trigger) missing before segment \(position)"))
            }
        }

        /// The error for a segment with no place ahead: unknown ID (1), not in this set (6),
        /// out of order (7) or in the set but not here (2).
        func unplaced(_ range: Range<Int>, position: Int, loopName: Int32) -> SegmentError {
            let segment = segment(range)
            let id = segment.idString
            let nodes = compiled.nodes.baseAddress!
            let code: SegmentErrorCode
            let message: String
            if !schema.knownSegmentIDs.contains(id) {
                code = .unrecognizedSegmentID
                message = "\(id) is not a segment of version \(schema.version)"
            } else if !compiled.structureIDs.contains(id) {
                code = .segmentNotInDefinedTransactionSet
                message = "\(id) is not part of the \(schema.transactionSet) transaction set"
            } else if UnsafeBufferPointer(start: frames, count: frameCount).contains(where: { frame in (0..<min(frame.index + 1, frame.count)).contains { compiled.names[Int(nodes[frame.start + $0].triggerName)] == id } }) {
                code = .segmentNotInProperSequence
                message = "\(id) comes after segments that must follow it"
            } else {
                code = .unexpectedSegment
                message = "\(id) is not expected at this point of the \(schema.transactionSet)"
            }
            return SegmentError(segmentID: id, position: position, loopID: loopName < 0 ? nil : compiled.names[Int(loopName)], code: code, byteOffset: segment.byteOffset, message: message)
        }
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
