/// Reads an ISA from bytes and works out the interchange's delimiters.
///
/// The fixed layout is tried first. Real partner files also carry ISAs a byte short,
/// padded with UTF-8 no-break spaces, without ISA16, or terminated by a multi-byte
/// character; the tolerant mode reads those by splitting on the element separator and
/// records a warning for each, the strict mode rejects them.
struct InterchangeHeaderParser {
    let mode: ReadingMode
    let file: String?

    struct Result {
        var header: InterchangeHeader
        /// Bytes from the `I` of ISA up to and including its terminator and line break.
        var length: Int
        var warnings: [ReadWarning]
        var errors: [EnvelopeError]
    }

    /// Parses the ISA starting at `start`. `buffer` must hold the whole ISA (the reader keeps
    /// at least 512 bytes ahead unless the file ends sooner).
    func parse(_ buffer: [UInt8], at start: Int, end: Int, fileOffset: Int) throws -> Result {
        let absolute = fileOffset + start
        func fail(_ text: String, _ code: String) -> X12Error {
            X12Error(.invalidInterchangeHeader(text), file: file, byteOffset: absolute, ta1Code: code)
        }
        guard end - start >= 4 else { throw fail("file ends inside the ISA", TA1NoteCode.prematureEndOfFile) }
        let separator = buffer[start + 3]
        if Delimiters.isAlphanumeric(separator) || separator == 0x20 || separator == 0x0A || separator == 0x0D {
            throw fail("byte 4 \(Delimiters.describe([separator])) cannot be the element separator", TA1NoteCode.invalidElementSeparator)
        }
        var warnings: [ReadWarning] = []

        // Locate the 16 separators: at the fixed offsets if the ISA is well formed, by
        // scanning otherwise.
        var separatorPositions: [Int] = []
        let fixed = end - start > 105 && InterchangeHeader.separatorOffsets.allSatisfy { buffer[start + $0] == separator }
        if fixed {
            separatorPositions = InterchangeHeader.separatorOffsets.map { start + $0 }
        } else {
            var i = start + 3
            let limit = min(end, start + 400)
            while i < limit && separatorPositions.count < 16 {
                if buffer[i] == separator { separatorPositions.append(i) }
                i += 1
            }
            guard separatorPositions.count == 16, separatorPositions[15] + 1 < end else {
                throw fail("fewer than 16 elements before the end of the data", TA1NoteCode.invalidControlStructure)
            }
            let widths = zip(separatorPositions, separatorPositions.dropFirst() + [separatorPositions[15] + 2]).map { $1 - $0 - 1 }
            let wrong = zip(widths, InterchangeHeader.fieldWidths).enumerated().filter { $0.element.0 != $0.element.1 }
            let detail = wrong.map { "ISA\(($0.offset + 1).twoDigits) is \($0.element.0) bytes, not \($0.element.1)" }.joined(separator: ", ")
            let message = "ISA is not the fixed 106-byte layout: \(detail)"
            if mode == .strict {
                let code = wrong.first.map { Self.widthErrorCodes[$0.offset] } ?? TA1NoteCode.invalidControlStructure
                throw fail(message, code)
            }
            warnings.append(ReadWarning(kind: .isaNotFixedWidth, message: message, byteOffset: absolute))
        }

        let componentPosition = separatorPositions[15] + 1
        var component = buffer[componentPosition]
        var terminatorStart = componentPosition + 1
        var terminator: [UInt8]
        guard terminatorStart < end else { throw fail("file ends before the segment terminator", TA1NoteCode.prematureEndOfFile) }
        let first = buffer[terminatorStart]

        if (first == 0x0A || first == 0x0D) && Self.nextLineEnds(with: component, buffer, from: terminatorStart, end: end) {
            // ISA16 is missing: the byte there is really the terminator, followed by a line break.
            let message = "ISA16 is missing: \(Delimiters.describe([component])) ends every segment, so it is the terminator"
            if mode == .strict { throw fail(message, TA1NoteCode.invalidComponentSeparator) }
            warnings.append(ReadWarning(kind: .missingComponentSeparator, message: message, byteOffset: fileOffset + componentPosition))
            terminator = [component]
            terminatorStart = componentPosition
            component = 0x1F  // unit separator: never data, so nothing is split as a composite
        } else if first == 0x20, terminatorStart + 1 < end, buffer[terminatorStart + 1] == 0x0D || buffer[terminatorStart + 1] == 0x0A {
            let message = "a space stands where the terminator should be, before a line break: the line break ends segments and trailing spaces are dropped"
            if mode == .strict { throw fail(message, TA1NoteCode.invalidSegmentTerminator) }
            warnings.append(ReadWarning(kind: .spaceBeforeLineBreak, message: message, byteOffset: fileOffset + terminatorStart))
            terminatorStart += 1
            terminator = [buffer[terminatorStart]]
        } else if first >= 0xC2 && first <= 0xF4, let length = Self.utf8SequenceLength(buffer, at: terminatorStart, end: end), length > 1 {
            terminator = Array(buffer[terminatorStart..<terminatorStart + length])
            let message = "the segment terminator is the \(length)-byte UTF-8 character \(String(decoding: terminator, as: UTF8.self))"
            if mode == .strict { throw fail(message, TA1NoteCode.invalidSegmentTerminator) }
            warnings.append(ReadWarning(kind: .multiByteTerminator, message: message, byteOffset: fileOffset + terminatorStart))
        } else {
            terminator = [first]
        }
        if terminator.count == 1, Delimiters.isAlphanumeric(terminator[0]) || terminator[0] == separator || terminator[0] == 0x20 {
            throw fail("\(Delimiters.describe(terminator)) cannot be the segment terminator", TA1NoteCode.invalidSegmentTerminator)
        }
        if component == separator || component == 0x20 || Delimiters.isAlphanumeric(component) || (terminator.count == 1 && component == terminator[0]) {
            throw fail("\(Delimiters.describe([component])) cannot be the component separator", TA1NoteCode.invalidComponentSeparator)
        }

        // The line break after the ISA's terminator sets the style of the whole interchange.
        var position = terminatorStart + terminator.count
        var lineBreak: [UInt8] = []
        while position < end, buffer[position] == 0x0D || buffer[position] == 0x0A, lineBreak.count < 2 {
            if terminator == [buffer[position]] { break }
            lineBreak.append(buffer[position])
            position += 1
        }

        let segmentText = ByteText(base: buffer, range: start..<separatorPositions[15] + 2)
        var delimiters = Delimiters(element: separator, component: component, repetition: nil, segment: terminator, lineBreak: lineBreak)
        let provisional = Segment(text: segmentText, delimiters: delimiters, byteOffset: absolute)
        let version = provisional.element(12)?.trimmed ?? ""
        var errors: [EnvelopeError] = []
        if let isa11 = provisional.element(11), isa11.count == 1 {
            let value = isa11.base[isa11.range.lowerBound]
            if InterchangeHeader.hasRepetitionSeparator(version: version) {
                if value == UInt8(ascii: "U") {
                    warnings.append(ReadWarning(kind: .isaRepetitionSeparatorU, message: "ISA11 is U in version \(version), which has a repetition separator there: no repetition separator", byteOffset: absolute + 82))
                } else if Delimiters.isAlphanumeric(value) || value == separator || value == component || terminator == [value] || value == 0x20 {
                    errors.append(headerError(TA1NoteCode.invalidStandardsIdentifier, "ISA11 \(Delimiters.describe([value])) cannot be the repetition separator", provisional, 11, isa11.string))
                } else {
                    delimiters.repetition = value
                }
            } else if value != UInt8(ascii: "U") {
                errors.append(headerError(TA1NoteCode.invalidStandardsIdentifier, "ISA11 must be U before version 00403", provisional, 11, isa11.string))
            }
        }
        let segment = Segment(text: segmentText, delimiters: delimiters, byteOffset: absolute)
        errors += valueErrors(segment)
        let header = InterchangeHeader(segment: segment, delimiters: delimiters, isFixedWidth: fixed)
        return Result(header: header, length: position - start, warnings: warnings, errors: errors)
    }

    /// TA1 codes for a field of the wrong width, ISA01…ISA16.
    static let widthErrorCodes = [
        TA1NoteCode.invalidAuthorizationQualifier, TA1NoteCode.invalidAuthorizationValue,
        TA1NoteCode.invalidSecurityQualifier, TA1NoteCode.invalidSecurityValue,
        TA1NoteCode.invalidSenderQualifier, TA1NoteCode.invalidSenderID,
        TA1NoteCode.invalidReceiverQualifier, TA1NoteCode.invalidReceiverID,
        TA1NoteCode.invalidDate, TA1NoteCode.invalidTime, TA1NoteCode.invalidStandardsIdentifier,
        TA1NoteCode.invalidVersion, TA1NoteCode.invalidControlNumber, TA1NoteCode.invalidAckRequested,
        TA1NoteCode.invalidTestIndicator, TA1NoteCode.invalidComponentSeparator,
    ]

    private func headerError(_ code: String, _ message: String, _ segment: Segment, _ element: Int, _ value: String) -> EnvelopeError {
        EnvelopeError(code: .ta1(code), message: message, file: file, byteOffset: segment.byteOffset, segmentPosition: 1, segmentID: "ISA", elementPosition: element, value: value)
    }

    /// Value checks on the fields whose content is fixed by the standard.
    private func valueErrors(_ segment: Segment) -> [EnvelopeError] {
        var errors: [EnvelopeError] = []
        func check(_ position: Int, _ code: String, _ what: String, _ valid: (String) -> Bool) {
            let value = segment.element(position)?.string ?? ""
            if !valid(value) { errors.append(headerError(code, "ISA\(position.twoDigits) \(what)", segment, position, value)) }
        }
        let digits: (String, Int) -> Bool = { v, n in v.utf8.count == n && v.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        check(6, TA1NoteCode.invalidSenderID, "sender ID is empty") { !$0.trimmingSpaces.isEmpty }
        check(8, TA1NoteCode.invalidReceiverID, "receiver ID is empty") { !$0.trimmingSpaces.isEmpty }
        check(9, TA1NoteCode.invalidDate, "date must be YYMMDD") { digits($0, 6) }
        check(10, TA1NoteCode.invalidTime, "time must be HHMM") { digits($0, 4) }
        check(12, TA1NoteCode.invalidVersion, "version must be 5 digits") { digits($0, 5) }
        check(13, TA1NoteCode.invalidControlNumber, "control number must be 9 digits") { digits($0, 9) }
        check(14, TA1NoteCode.invalidAckRequested, "acknowledgment requested must be 0 or 1") { $0 == "0" || $0 == "1" }
        check(15, TA1NoteCode.invalidTestIndicator, "usage indicator must be P, T or I") { $0 == "P" || $0 == "T" || $0 == "I" }
        return errors
    }

    /// Whether the line after `position` ends with `byte` just before its line break.
    private static func nextLineEnds(with byte: UInt8, _ buffer: [UInt8], from position: Int, end: Int) -> Bool {
        var i = position
        while i < end, buffer[i] == 0x0A || buffer[i] == 0x0D { i += 1 }
        let lineStart = i
        while i < end, buffer[i] != 0x0A, buffer[i] != 0x0D { i += 1 }
        guard i < end, i > lineStart else { return false }
        return buffer[i - 1] == byte
    }

    private static func utf8SequenceLength(_ buffer: [UInt8], at position: Int, end: Int) -> Int? {
        let lead = buffer[position]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard position + length <= end else { return nil }
        for i in 1..<length where buffer[position + i] & 0xC0 != 0x80 { return nil }
        return length
    }
}
