#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads X12 interchanges from a byte source, one event at a time, in bounded memory.
///
/// Only the current transaction set (and one read chunk) is held in memory, so files of any
/// size stream through. Segment terminators are found with `memchr` (they are sparse);
/// elements are split only for envelope segments, and for other segments when a caller asks.
public final class InterchangeReader {
    public let file: String?
    public let mode: ReadingMode
    /// Deviations accepted in tolerant mode, one entry per kind and interchange.
    public private(set) var warnings: [ReadWarning] = []
    /// Every envelope error found so far, in file order.
    public private(set) var errors: [EnvelopeError] = []

    private var source: any ByteSource
    private let chunkSize: Int
    private let maxSegmentLength: Int
    private var window: [UInt8] = []
    private var windowFileOffset = 0
    private var position = 0
    private var endOfData = false
    private var pending: [InterchangeEvent] = []
    private var pendingIndex = 0

    private var delimiters: Delimiters?
    private var interchange: OpenInterchange?
    private var group: OpenGroup?
    private var set: OpenSet?
    private var seenInterchangeControls: Set<String> = []
    private var warningIndex: [ReadWarning.Kind: Int] = [:]
    private var lineBreakAfterTrailer = false

    private struct OpenInterchange {
        var header: InterchangeHeader
        var segmentCount = 1
        var groupCount = 0
        var groupControls: Set<String> = []
    }

    private struct OpenGroup {
        var header: Segment
        var control: String
        var setCount = 0
        var setControls = ControlNumberSet()
    }

    private struct OpenSet {
        var ranges: [Range<Int>]
        var type: String
        var control: String
        var errors: [EnvelopeError]
    }

    public init(source: any ByteSource, file: String? = nil, mode: ReadingMode = .tolerant, chunkSize: Int = 1 << 22, maxSegmentLength: Int = 1 << 24) {
        self.source = source
        self.file = file
        self.mode = mode
        self.chunkSize = chunkSize
        self.maxSegmentLength = maxSegmentLength
    }

    public convenience init(path: String, mode: ReadingMode = .tolerant, chunkSize: Int = 1 << 22) throws {
        self.init(source: try FileByteSource(path: path), file: path, mode: mode, chunkSize: chunkSize)
    }

    public convenience init(bytes: [UInt8], file: String? = nil, mode: ReadingMode = .tolerant) {
        self.init(source: MemoryByteSource(bytes), file: file, mode: mode, chunkSize: max(bytes.count, 4096))
    }

    /// The next event, or `nil` at the end of the data.
    public func next() throws -> InterchangeEvent? {
        while pendingIndex >= pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            if try !advance() { break }
        }
        guard pendingIndex < pending.count else { return nil }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    // MARK: - Segments

    /// Reads one segment (or an ISA) and queues its events; `false` at the end of the data.
    private func advance() throws -> Bool {
        if set != nil, let delimiters, delimiters.segment.count == 1 {
            scanSetBody(delimiters)
        }
        guard try skipBetweenSegments() else {
            closeAtEndOfData()
            return false
        }
        guard let delimiters else {
            try readInterchangeHeader()
            return true
        }
        var (start, end) = try findSegment(delimiters)
        if segmentID(start, end, delimiters.element) == Self.idIEA, !delimiters.lineBreak.isEmpty {
            while window.count - position < delimiters.lineBreak.count, !endOfData {
                let shift = try refill(keepingFrom: start)
                start -= shift
                end -= shift
            }
            lineBreakAfterTrailer = window[position...].starts(with: delimiters.lineBreak)
        }
        handleSegment(start: start, end: end, delimiters: delimiters)
        return true
    }

    /// Skips line breaks, blank lines and (tolerantly) indentation; `false` at the end of the data.
    private func skipBetweenSegments() throws -> Bool {
        while true {
            if position >= window.count {
                if endOfData { return false }
                try refill()
                continue
            }
            let byte = window[position]
            if byte == 0x0A || byte == 0x0D {
                position += 1
            } else if byte == 0x20 || byte == 0x09 {
                try deviation(.leadingWhitespace, "segments are indented or separated by spaces", at: position)
                position += 1
            } else if byte == 0xEF, windowFileOffset + position == 0 {
                try ensureAvailable(3)
                if window.count - position >= 3, window[position + 1] == 0xBB, window[position + 2] == 0xBF {
                    try deviation(.byteOrderMark, "the file starts with a UTF-8 byte-order mark", at: position)
                    position += 3
                } else {
                    return true
                }
            } else if delimiters == nil, byte == 0x00 || byte == 0x1A {
                // NUL and SUB padding after the last interchange, left by some transfer tools.
                position += 1
            } else {
                return true
            }
        }
    }

    private func readInterchangeHeader() throws {
        try ensureAvailable(512)
        let available = window.count - position
        guard available >= 3, window[position] == 0x49, window[position + 1] == 0x53, window[position + 2] == 0x41 else {
            throw X12Error(.noInterchangeHeader, file: file, byteOffset: windowFileOffset + position, ta1Code: TA1NoteCode.invalidControlStructure)
        }
        let parser = InterchangeHeaderParser(mode: mode, file: file)
        let result = try parser.parse(window, at: position, end: window.count, fileOffset: windowFileOffset)
        for warning in result.warnings { record(warning) }
        var headerErrors = result.errors
        let header = result.header
        if seenInterchangeControls.contains(header.controlNumber) {
            headerErrors.append(EnvelopeError(code: .ta1(TA1NoteCode.duplicateControlNumber), message: "interchange control number \(header.controlNumber) was already used in this file", file: file, byteOffset: header.segment.byteOffset, segmentPosition: 1, segmentID: "ISA", elementPosition: 13, value: header.controlNumber))
        }
        seenInterchangeControls.insert(header.controlNumber)
        errors += headerErrors
        position += result.length
        delimiters = header.delimiters
        interchange = OpenInterchange(header: header)
        pending.append(.interchangeStart(header, errors: headerErrors))
    }

    /// Finds the next segment's bounds (terminator excluded, trailing spaces trimmed).
    private func findSegment(_ delimiters: Delimiters) throws -> (Int, Int) {
        let terminator = delimiters.segment
        let first = terminator[0]
        var searchFrom = position
        while true {
            let found: Int? = window.withUnsafeBufferPointer { buffer in
                guard searchFrom < buffer.count else { return nil }
                let base = buffer.baseAddress!
                guard let hit = memchr(base + searchFrom, Int32(first), buffer.count - searchFrom) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            if let found {
                if terminator.count > 1 {
                    if found + terminator.count > window.count, !endOfData {
                        let shift = try refill()
                        searchFrom = found - shift
                        continue
                    }
                    if !window[found..<min(window.count, found + terminator.count)].elementsEqual(terminator) {
                        searchFrom = found + 1
                        continue
                    }
                }
                var end = found
                let start = position
                position = found + terminator.count
                end = trimTrailing(start: start, end: end, delimiters: delimiters)
                return (start, end)
            }
            if endOfData {
                let start = position
                position = window.count
                try deviation(.missingFinalTerminator, "the last segment has no terminator", at: start)
                return (start, trimTrailing(start: start, end: window.count, delimiters: delimiters))
            }
            if window.count - position > maxSegmentLength {
                throw X12Error(.segmentTooLong(maxSegmentLength), file: file, byteOffset: windowFileOffset + position, ta1Code: TA1NoteCode.invalidSegmentTerminator)
            }
            let shift = try refill()
            searchFrom = max(position, window.count > 0 ? searchFrom - shift : 0)
        }
    }

    private func trimTrailing(start: Int, end: Int, delimiters: Delimiters) -> Int {
        var end = end
        // A CR before a line-feed terminator is the line-break style, not data.
        if delimiters.segment == [0x0A], end > start, window[end - 1] == 0x0D { end -= 1 }
        if end > start, window[end - 1] == 0x20 {
            let offset = end
            while end > start, window[end - 1] == 0x20 { end -= 1 }
            // Strict mode keeps them: trailing spaces are then data, and the validator
            // reports them where the element type forbids them.
            if mode == .tolerant {
                record(ReadWarning(kind: .trailingSpaces, message: "spaces before the segment terminator were dropped", byteOffset: windowFileOffset + offset - 1))
            } else {
                end = offset
            }
        }
        return end
    }

    /// The hot path: consumes the body segments of the open set that lie in the window,
    /// with one pointer and no per-segment events. It stops, leaving `position` at the
    /// segment, at anything the general path must see: an envelope segment, indentation,
    /// trailing spaces, or the end of the window.
    private func scanSetBody(_ delimiters: Delimiters) {
        let terminator = delimiters.segment[0]
        let separator = delimiters.element
        let lineFeedTerminator = terminator == 0x0A
        var ranges = set!.ranges
        set!.ranges = []
        var consumed = 0
        window.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            let count = buffer.count
            var pos = position
            scanning: while pos < count {
                var byte = base[pos]
                while byte == 0x0A || byte == 0x0D {
                    pos += 1
                    if pos >= count { break scanning }
                    byte = base[pos]
                }
                if byte == 0x20 || byte == 0x09 { break }
                guard let hit = memchr(base + pos, Int32(terminator), count - pos) else { break }
                var end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if end - pos >= 3 {
                    let c1 = base[pos + 1], c2 = base[pos + 2]
                    switch byte {
                    case 0x53, 0x47:  // ST, SE, GS, GE
                        if (c1 == 0x54 || c1 == 0x45 || c1 == 0x53) && c2 == separator { break scanning }
                    case 0x49:  // ISA, IEA
                        if (c1 == 0x53 || c1 == 0x45) && c2 == 0x41 && (end - pos == 3 || base[pos + 3] == separator) { break scanning }
                    default:
                        break
                    }
                } else if end - pos == 2, byte == 0x53 || byte == 0x47 {
                    break
                }
                if lineFeedTerminator, end > pos, base[end - 1] == 0x0D { end -= 1 }
                if end > pos, base[end - 1] == 0x20 { break }
                ranges.append(pos..<end)
                consumed += 1
                pos = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
            position = pos
        }
        set!.ranges = ranges
        interchange?.segmentCount += consumed
    }

    // MARK: - Envelope

    private func segmentID(_ start: Int, _ end: Int, _ separator: UInt8) -> UInt32 {
        // The identifier packed into an integer: two or three letters, compared without allocating.
        var id: UInt32 = 0
        var i = start
        while i < end, i - start < 3, window[i] != separator {
            id = id << 8 | UInt32(window[i])
            i += 1
        }
        if i < end, window[i] != separator { return 0 }
        return id
    }

    private static let idISA: UInt32 = 0x495341, idIEA: UInt32 = 0x494541, idGS: UInt32 = 0x4753, idGE: UInt32 = 0x4745
    private static let idST: UInt32 = 0x5354, idSE: UInt32 = 0x5345

    private func handleSegment(start: Int, end: Int, delimiters: Delimiters) {
        let id = segmentID(start, end, delimiters.element)
        interchange?.segmentCount += 1
        if set != nil, id != Self.idSE, id != Self.idST, id != Self.idGE, id != Self.idGS, id != Self.idIEA, id != Self.idISA {
            set!.ranges.append(start..<end)
            return
        }
        let segment = Segment(text: ByteText(base: window, range: start..<end), delimiters: delimiters, byteOffset: windowFileOffset + start)
        switch id {
        case Self.idISA:
            // An ISA inside an interchange: the IEA is missing. Close and read it afresh.
            interchange?.segmentCount -= 1
            closeInterchange(trailer: nil, at: segment)
            position = start
        case Self.idIEA:
            closeInterchange(trailer: segment, at: segment)
        case Self.idGS:
            closeSet(trailer: nil, at: segment)
            closeGroup(trailer: nil, at: segment)
            openGroup(segment)
        case Self.idGE:
            closeSet(trailer: nil, at: segment)
            if group == nil {
                stray(segment, "GE without a GS", .ta1(TA1NoteCode.invalidContent))
            } else {
                closeGroup(trailer: segment, at: segment)
            }
        case Self.idST:
            closeSet(trailer: nil, at: segment)
            openSet(segment, start: start, end: end)
        case Self.idSE:
            if set == nil {
                stray(segment, "SE without an ST", .ta1(TA1NoteCode.invalidContent))
            } else {
                set!.ranges.append(start..<end)
                closeSet(trailer: segment, at: segment)
            }
        default:
            if group == nil, interchange != nil {
                pending.append(.serviceSegment(segment))
            } else {
                stray(segment, "segment \(segment.idString) outside a transaction set", .ta1(TA1NoteCode.invalidContent))
            }
        }
    }

    private func stray(_ segment: Segment, _ message: String, _ code: AcknowledgmentCode) {
        let error = EnvelopeError(code: code, message: message, file: file, byteOffset: segment.byteOffset, segmentPosition: interchange?.segmentCount ?? 0, segmentID: segment.idString)
        errors.append(error)
        pending.append(.strayError(error))
    }

    private func interchangeError(_ code: AcknowledgmentCode, _ message: String, _ segment: Segment, element: Int? = nil, value: String? = nil) -> EnvelopeError {
        let error = EnvelopeError(code: code, message: message, file: file, byteOffset: segment.byteOffset, segmentPosition: interchange?.segmentCount ?? 0, segmentID: segment.idString, elementPosition: element, value: value)
        errors.append(error)
        return error
    }

    private func openGroup(_ segment: Segment) {
        var errors: [EnvelopeError] = []
        let control = segment[6]
        if control.isEmpty || control.utf8.count > 9 || !control.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            errors.append(interchangeError(.ak9(AK9ErrorCode.controlNumberSyntax), "GS06 group control number must be 1 to 9 digits", segment, element: 6, value: control))
        }
        if interchange == nil {
            errors.append(interchangeError(.ta1(TA1NoteCode.invalidContent), "GS outside an interchange", segment))
        } else if interchange!.groupControls.contains(control) {
            errors.append(interchangeError(.ta1(TA1NoteCode.invalidContent), "group control number \(control) used twice in the interchange", segment, element: 6, value: control))
        }
        interchange?.groupControls.insert(control)
        interchange?.groupCount += 1
        group = OpenGroup(header: segment, control: control)
        pending.append(.groupStart(segment))
        if !errors.isEmpty { for e in errors { pending.append(.strayError(e)) } }
    }

    private func openSet(_ segment: Segment, start: Int, end: Int) {
        let type = segment[1]
        let control = segment[2]
        var setErrors: [EnvelopeError] = []
        func setError(_ code: String, _ message: String, element: Int, value: String) {
            let error = EnvelopeError(code: .ak5(code), message: message, file: file, byteOffset: segment.byteOffset, segmentPosition: 1, segmentID: "ST", elementPosition: element, value: value)
            setErrors.append(error)
            errors.append(error)
        }
        if type.utf8.count != 3 || !type.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            setError(AK5ErrorCode.missingOrInvalidIdentifier, "ST01 must be a 3-digit transaction set identifier", element: 1, value: type)
        }
        if control.utf8.count < 4 || control.utf8.count > 9 {
            setError(AK5ErrorCode.missingOrInvalidControlNumber, "ST02 must be 4 to 9 characters", element: 2, value: control)
        } else if group != nil, !group!.setControls.insert(control) {
            setError(AK5ErrorCode.controlNumberNotUnique, "transaction set control number \(control) is not unique within the group", element: 2, value: control)
        }
        if group == nil {
            let error = EnvelopeError(code: .ta1(TA1NoteCode.invalidContent), message: "ST outside a functional group", file: file, byteOffset: segment.byteOffset, segmentPosition: interchange?.segmentCount ?? 0, segmentID: "ST")
            setErrors.append(error)
            errors.append(error)
        }
        group?.setCount += 1
        set = OpenSet(ranges: [start..<end], type: type, control: control, errors: setErrors)
    }

    private func closeSet(trailer: Segment?, at segment: Segment) {
        guard var open = set else { return }
        set = nil
        func setError(_ code: String, _ message: String, position: Int, id: String, element: Int?, value: String?) {
            let error = EnvelopeError(code: .ak5(code), message: message, file: file, byteOffset: segment.byteOffset, segmentPosition: position, segmentID: id, elementPosition: element, value: value)
            open.errors.append(error)
            errors.append(error)
        }
        if let trailer {
            let count = trailer[1]
            if ByteText(count).unsignedValue != open.ranges.count {
                setError(AK5ErrorCode.segmentCountMismatch, "SE01 says \(count) segments, the set has \(open.ranges.count) from ST to SE", position: open.ranges.count, id: "SE", element: 1, value: count)
            }
            let control = trailer[2]
            if control != open.control {
                setError(AK5ErrorCode.controlNumberMismatch, "SE02 \(control) does not match ST02 \(open.control)", position: open.ranges.count, id: "SE", element: 2, value: control)
            }
        } else {
            setError(AK5ErrorCode.trailerMissing, "transaction set \(open.control) has no SE before \(segment.idString)", position: open.ranges.count + 1, id: segment.idString, element: nil, value: nil)
        }
        let result = TransactionSet(base: window, ranges: open.ranges, baseFileOffset: windowFileOffset, delimiters: delimiters!, type: open.type, control: open.control, hasTrailer: trailer != nil, errors: open.errors)
        pending.append(.transactionSet(result))
    }

    private func closeGroup(trailer: Segment?, at segment: Segment) {
        guard let open = group else { return }
        group = nil
        var groupErrors: [EnvelopeError] = []
        if let trailer {
            let count = trailer[1]
            if ByteText(count).unsignedValue != open.setCount {
                groupErrors.append(interchangeError(.ak9(AK9ErrorCode.setCountMismatch), "GE01 says \(count) transaction sets, the group has \(open.setCount)", trailer, element: 1, value: count))
            }
            let control = trailer[2]
            if !Self.sameNumber(control, open.control) {
                groupErrors.append(interchangeError(.ak9(AK9ErrorCode.controlNumberMismatch), "GE02 \(control) does not match GS06 \(open.control)", trailer, element: 2, value: control))
            }
        } else {
            groupErrors.append(interchangeError(.ak9(AK9ErrorCode.trailerMissing), "group \(open.control) has no GE before \(segment.idString)", segment))
        }
        pending.append(.groupEnd(trailer: trailer, setCount: open.setCount, errors: groupErrors))
    }

    private func closeInterchange(trailer: Segment?, at segment: Segment) {
        closeSet(trailer: nil, at: segment)
        closeGroup(trailer: nil, at: segment)
        guard let open = interchange else {
            stray(segment, "IEA without an ISA", .ta1(TA1NoteCode.invalidContent))
            return
        }
        var interchangeErrors: [EnvelopeError] = []
        if let trailer {
            let count = trailer[1]
            if ByteText(count).unsignedValue != open.groupCount {
                interchangeErrors.append(interchangeError(.ta1(TA1NoteCode.invalidGroupCount), "IEA01 says \(count) groups, the interchange has \(open.groupCount)", trailer, element: 1, value: count))
            }
            let control = trailer[2]
            let expected = open.header.controlNumber
            if control != expected {
                if Self.sameNumber(control, expected) {
                    interchangeErrors.append(interchangeError(.ta1(TA1NoteCode.invalidControlNumber), "IEA02 \(control) is the number of ISA13 \(expected) but not its 9 digits", trailer, element: 2, value: control))
                } else {
                    interchangeErrors.append(interchangeError(.ta1(TA1NoteCode.controlNumberMismatch), "IEA02 \(control) does not match ISA13 \(expected)", trailer, element: 2, value: control))
                }
            }
        } else {
            interchangeErrors.append(interchangeError(.ta1(TA1NoteCode.prematureEndOfFile), "interchange \(open.header.controlNumber) has no IEA", segment))
        }
        interchange = nil
        delimiters = nil
        pending.append(.interchangeEnd(trailer: trailer, groupCount: open.groupCount, errors: interchangeErrors, lineBreakAfterTrailer: trailer != nil && lineBreakAfterTrailer))
        lineBreakAfterTrailer = false
    }

    private func closeAtEndOfData() {
        guard let open = interchange else { return }
        let end = Segment(text: ByteText("EOF"), delimiters: open.header.delimiters, byteOffset: windowFileOffset + window.count)
        closeInterchange(trailer: nil, at: end)
    }

    /// Control numbers that are all digits compare by value (GS06 `1` is GE02 `0001`).
    static func sameNumber(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let x = ByteText(a).unsignedValue, let y = ByteText(b).unsignedValue else { return false }
        return x == y
    }

    // MARK: - Buffer

    private func ensureAvailable(_ count: Int) throws {
        while window.count - position < count, !endOfData { try refill() }
    }

    /// Drops consumed bytes (keeping the open transaction set) and reads the next chunk.
    /// Returns how far existing indices moved down.
    @discardableResult
    private func refill(keepingFrom floor: Int? = nil) throws -> Int {
        let keep = min(set?.ranges.first?.lowerBound ?? position, position, floor ?? position)
        let tail = window.count - keep
        var readCount = 0
        let fresh = try [UInt8](unsafeUninitializedCapacity: tail + chunkSize) { buffer, initialized in
            window.withUnsafeBufferPointer { old in
                if tail > 0 { buffer.baseAddress!.update(from: old.baseAddress! + keep, count: tail) }
            }
            readCount = try source.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[tail...])))
            initialized = tail + readCount
        }
        if readCount == 0 { endOfData = true }
        window = fresh
        windowFileOffset += keep
        position -= keep
        if keep > 0, set != nil {
            for i in set!.ranges.indices {
                set!.ranges[i] = (set!.ranges[i].lowerBound - keep)..<(set!.ranges[i].upperBound - keep)
            }
        }
        return keep
    }

    // MARK: - Warnings

    private func deviation(_ kind: ReadWarning.Kind, _ message: String, at index: Int) throws {
        if mode == .strict {
            throw X12Error(.strictModeViolation(kind, message), file: file, byteOffset: windowFileOffset + index)
        }
        record(ReadWarning(kind: kind, message: message, byteOffset: windowFileOffset + index))
    }

    private func record(_ warning: ReadWarning) {
        if let index = warningIndex[warning.kind] {
            warnings[index].occurrences += 1
        } else {
            warningIndex[warning.kind] = warnings.count
            warnings.append(warning)
        }
    }
}
