import XCTest
@testable import X12

/// The shapes partner files come in: line breaks, blank lines, several interchanges with
/// their own delimiters, and the irregularities that tolerant mode accepts.
final class ReaderShapeTests: XCTestCase {
    func testSeveralInterchangesEachWithItsOwnDelimiters() throws {
        let first = try sample850(delimiters: .standard, control: 1)
        let second = try sample850(delimiters: Delimiters(element: 0x1D, component: 0x1F, segment: [0x1C], lineBreak: []), control: 2)
        let third = try sample850(delimiters: Delimiters(element: 0x7C, component: 0x3A, segment: [0x0A]), control: 3)
        let file = try InterchangeFile.read(bytes: first + second + [0x0A, 0x0A] + third, mode: .strict)
        XCTAssertEqual(file.interchanges.map(\.header.controlNumber), ["000000001", "000000002", "000000003"])
        XCTAssertEqual(file.interchanges.map(\.delimiters.element), [0x2A, 0x1D, 0x7C])
        XCTAssertEqual(file.errors, [])
        XCTAssertEqual(segmentFields(file).filter { $0[0] == "BEG" }.count, 3)
    }

    func testBlankLinesAndCRLFBetweenSegments() throws {
        let text = try sample850().text.replacingOccurrences(of: "~\n", with: "~\r\n\r\n")
        let file = try InterchangeFile.read(bytes: ("\n\r\n" + text).bytes, mode: .strict)
        XCTAssertEqual(file.errors, [])
        XCTAssertEqual(file.warnings, [])
        XCTAssertEqual(segmentFields(file).count, 7)
    }

    func testLineFeedTerminatorWithCRLFLines() throws {
        let lf = Delimiters(element: 0x2A, component: 0x3E, segment: [0x0A])
        let text = try sample850(delimiters: lf).text.replacingOccurrences(of: "\n", with: "\r\n")
        let file = try InterchangeFile.read(bytes: text.bytes, mode: .strict)
        XCTAssertEqual(file.errors, [])
        XCTAssertEqual(segmentFields(file).last, ["SE", "7", "0001"])
    }

    func testTolerantDeviationsGiveWarningsAndSameContent() throws {
        let clean = try sample850()
        let reference = segmentFields(try InterchangeFile.read(bytes: clean))
        var text = clean.text
        text = text.replacingOccurrences(of: "\nBEG", with: "\n\t  BEG").replacingOccurrences(of: "CTT*1~", with: "CTT*1  ~")
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + text.bytes
        let file = try InterchangeFile.read(bytes: bytes)
        XCTAssertEqual(segmentFields(file), reference)
        XCTAssertEqual(Set(file.warnings.map(\.kind)), [.byteOrderMark, .leadingWhitespace, .trailingSpaces])
        XCTAssertEqual(file.warnings.first { $0.kind == .leadingWhitespace }?.occurrences, 3)
        XCTAssertThrowsError(try InterchangeFile.read(bytes: bytes, mode: .strict)) { error in
            guard case .strictModeViolation(.byteOrderMark, _) = (error as? X12Error)?.reason else { return XCTFail("\(error)") }
        }
    }

    func testShortAndNoBreakSpacePaddedISA() throws {
        let clean = try sample850().text
        let reference = segmentFields(try InterchangeFile.read(bytes: clean.bytes))
        // ISA06 one byte short.
        let short = clean.replacingOccurrences(of: "*RETAILER       *", with: "*RETAILER      *")
        let shortFile = try InterchangeFile.read(bytes: short.bytes)
        XCTAssertEqual(segmentFields(shortFile), reference)
        XCTAssertEqual(shortFile.interchanges[0].header.senderID, "RETAILER")
        XCTAssertEqual(shortFile.warnings.map(\.kind), [.isaNotFixedWidth])
        XCTAssertThrowsError(try InterchangeFile.read(bytes: short.bytes, mode: .strict)) { error in
            XCTAssertEqual((error as? X12Error)?.ta1Code, "006")
        }
        // ISA08 padded with UTF-8 no-break spaces: 106 characters, more bytes.
        let nbsp = clean.replacingOccurrences(of: "*DISTRIBUTOR    *", with: "*DISTRIBUTOR\u{A0}\u{A0}\u{A0}\u{A0}*")
        let nbspFile = try InterchangeFile.read(bytes: nbsp.bytes)
        XCTAssertEqual(nbspFile.interchanges[0].header.receiverID, "DISTRIBUTOR")
        XCTAssertEqual(segmentFields(nbspFile), reference)
        XCTAssertEqual(nbspFile.errors, [])
    }

    /// Reading through chunks of any size gives the same result as reading all at once.
    func testChunkBoundariesDoNotMatter() throws {
        let bytes = try sample850(sets: 5) + (try sample850(delimiters: Delimiters(element: 0x2A, component: 0x3E, segment: [0xE2, 0x80, 0xA6], lineBreak: [0x0D, 0x0A]), control: 9))
        let whole = try InterchangeFile.read(bytes: bytes)
        for chunk in [1, 2, 3, 7, 64, 105, 106, 107, 333] {
            let reader = InterchangeReader(source: MemoryByteSource(bytes), file: nil, mode: .tolerant, chunkSize: chunk)
            let file = try InterchangeFile.read(reader)
            XCTAssertEqual(segmentFields(file), segmentFields(whole), "chunk \(chunk)")
            XCTAssertEqual(file.errors, whole.errors, "chunk \(chunk)")
            XCTAssertEqual(file.warnings.map(\.kind), whole.warnings.map(\.kind), "chunk \(chunk)")
            XCTAssertEqual(file.interchanges.map { $0.header.segment.byteOffset }, whole.interchanges.map { $0.header.segment.byteOffset })
        }
    }

    func testServiceSegmentsBeforeTheFirstGroup() throws {
        let file = try InterchangeFile.read(path: Fixtures.path("ta1/oboe__withTA1TestCase.edi"))
        XCTAssertEqual(file.interchanges[0].serviceSegments.map(\.idString), ["TA1"])
    }

    func testWriterRefusesDataContainingADelimiter() throws {
        var writer = try InterchangeWriter(delimiters: .standard)
        XCTAssertThrowsError(try writer.write(OutboundSegment("N1", "ST", "A*B"))) { error in
            XCTAssertEqual(error as? X12WriteError, .reservedCharacter(segment: "N1", element: 2, value: "A*B", character: "*"))
        }
        XCTAssertThrowsError(try InterchangeWriter(delimiters: Delimiters(element: 0x2A, component: 0x2A, segment: [0x7E])))
    }

    func testWriterPadsISAAndDropsTrailingEmptyElements() throws {
        let bytes = try sample850()
        let isaEnd = bytes.firstIndex(of: UInt8(ascii: "~"))!
        XCTAssertEqual(isaEnd, 105)
        XCTAssertTrue(bytes.text.contains("~\nPID*F****WIDGET, BLUE~\n"))
        var writer = try InterchangeWriter(delimiters: .standard)
        try writer.write(OutboundSegment("REF", "ZZ", "1", "", ""))
        XCTAssertEqual(writer.bytes.text, "REF*ZZ*1~\n")
    }
}

/// Property-style: random delimiters and random content, written then read back.
final class GeneratedInterchangeTests: XCTestCase {
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
    }

    func testRandomInterchangesRoundTrip() throws {
        var rng = SplitMix(state: 20261126)
        let separatorPool: [UInt8] = Array(0x01...0x1F).filter { $0 != 0x0A && $0 != 0x0D && $0 != 0x09 } + Array("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8)
        let textPool: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,-/()#&'!+:;=?@\"%".utf8)
        for iteration in 0..<300 {
            var picks = separatorPool.shuffled(using: &rng).prefix(4).map { $0 }
            let useLineTerminator = Int.random(in: 0..<6, using: &rng) == 0
            let terminator: [UInt8] = useLineTerminator ? [0x0A] : [picks[2]]
            let lineBreak: [UInt8] = useLineTerminator ? [] : [[], [0x0A], [0x0D, 0x0A]][Int.random(in: 0..<3, using: &rng)]
            let version = Bool.random(using: &rng) ? "00501" : "00401"
            let delimiters = Delimiters(element: picks[0], component: picks[1], repetition: version == "00501" ? picks[3] : nil, segment: terminator, lineBreak: lineBreak)
            picks.removeAll()
            let reserved = delimiters.reservedBytes
            let allowed = textPool.filter { !reserved.contains($0) }
            func randomText(_ max: Int) -> String {
                let length = Int.random(in: 1...max, using: &rng)
                var bytes = (0..<length).map { _ in allowed.randomElement(using: &rng)! }
                // Leading or trailing spaces are not X12 data; keep values tolerant-mode neutral.
                if bytes.first == 0x20 { bytes[0] = 0x41 }
                if bytes.last == 0x20 { bytes[bytes.count - 1] = 0x42 }
                return String(decoding: bytes, as: UTF8.self)
            }
            var sets: [OutboundTransactionSet] = []
            for s in 0..<Int.random(in: 1...4, using: &rng) {
                var body: [OutboundSegment] = []
                for _ in 0..<Int.random(in: 0...12, using: &rng) {
                    let id = ["BEG", "REF", "N1", "N3", "PO1", "PID", "DTM", "MSG"].randomElement(using: &rng)!
                    var elements: [ElementValue] = (0..<Int.random(in: 1...8, using: &rng)).map { _ in
                        Int.random(in: 0..<5, using: &rng) == 0 ? .simple("") : .simple(randomText(20))
                    }
                    if Bool.random(using: &rng) { elements.append(.composite([randomText(5), randomText(5)])) }
                    elements.append(.simple(randomText(10)))
                    body.append(OutboundSegment(id, elements))
                }
                sets.append(OutboundTransactionSet(type: "850", control: String(1000 + s), body: body))
            }
            let parameters = InterchangeParameters(senderQualifier: "ZZ", senderID: randomText(15), receiverQualifier: "ZZ", receiverID: randomText(15), date: "261126", time: "0930", version: version, controlNumber: Int.random(in: 0...999_999_999, using: &rng))
            let group = GroupParameters(functionalID: "PO", senderCode: randomText(15), receiverCode: randomText(15), date: "20261126", time: "0930", controlNumber: Int.random(in: 1...999_999_999, using: &rng), version: version == "00501" ? "005010" : "004010")
            let bytes = try InterchangeWriter.write(parameters, groups: [OutboundGroup(parameters: group, transactionSets: sets)], delimiters: delimiters)

            let file = try InterchangeFile.read(bytes: bytes, mode: .strict)
            XCTAssertEqual(file.errors, [], "iteration \(iteration)")
            let readSets = file.interchanges[0].groups[0].transactionSets
            XCTAssertEqual(readSets.count, sets.count)
            for (written, read) in zip(sets, readSets) {
                let body = read.segments.dropFirst().dropLast()
                XCTAssertEqual(body.count, written.body.count, "iteration \(iteration)")
                for (segment, outbound) in zip(body, written.body) {
                    XCTAssertEqual(segment.idString, outbound.id)
                    var expected = outbound.elements.map { value -> String in
                        switch value {
                        case .simple(let s): return s
                        case .composite(let parts): return parts.joined(separator: String(decoding: [delimiters.component], as: UTF8.self))
                        case .repeated: return ""
                        }
                    }
                    while expected.last == "" { expected.removeLast() }
                    XCTAssertEqual(segment.elements.map(\.string), expected, "iteration \(iteration)")
                }
            }
            XCTAssertEqual(try InterchangeWriter.write(file.interchanges[0]), bytes, "iteration \(iteration)")
        }
    }
}
