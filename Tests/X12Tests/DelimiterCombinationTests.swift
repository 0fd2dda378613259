import XCTest
@testable import X12

/// Interchanges written and read back in every kind of delimiter set seen in the field,
/// binary control characters and line-break terminators included.
final class DelimiterCombinationTests: XCTestCase {
    static let elementChoices: [UInt8] = [0x2A, 0x7C, 0x7E, 0x1D, 0x1C, 0x3E, 0x2B]
    static let componentChoices: [UInt8] = [0x3E, 0x3A, 0x5E, 0x1F, 0x5C, 0x60]
    static let terminatorChoices: [[UInt8]] = [[0x7E], [0x27], [0x0A], [0x0D], [0x1C], [0x1E], [0x21], [0x7C]]
    static let lineBreakChoices: [[UInt8]] = [[], [0x0A], [0x0D, 0x0A]]

    func testEveryCombinationRoundTrips() throws {
        var combinations = 0
        for element in Self.elementChoices {
            for component in Self.componentChoices {
                for terminator in Self.terminatorChoices {
                    for lineBreak in Self.lineBreakChoices {
                        // A line break after a line-break terminator would be a blank line: not a style.
                        if terminator == [0x0A] || terminator == [0x0D], !lineBreak.isEmpty { continue }
                        let delimiters = Delimiters(element: element, component: component, repetition: nil, segment: terminator, lineBreak: lineBreak)
                        guard delimiters.conflict == nil else { continue }
                        try assertRoundTrip(delimiters, version: "00401")
                        combinations += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(combinations, 700)
    }

    func testRepetitionSeparatorFromVersion00403() throws {
        for repetition: UInt8 in [0x5E, 0x7B, 0x1E, 0x21] {
            let delimiters = Delimiters(element: 0x2A, component: 0x3A, repetition: repetition, segment: [0x7E], lineBreak: [0x0A])
            let bytes = try assertRoundTrip(delimiters, version: "00501", groupVersion: "005010")
            let file = try InterchangeFile.read(bytes: bytes)
            XCTAssertEqual(file.interchanges.first?.delimiters.repetition, repetition)
        }
        // Before 00403, ISA11 is the standards identifier U even when a repetition separator is chosen.
        let old = try sample850(delimiters: .standard, version: "00401")
        let isa = try InterchangeFile.read(bytes: old).interchanges[0].header
        XCTAssertEqual(isa.field(11).string, "U")
        XCTAssertNil(isa.delimiters.repetition)
    }

    func testUAsRepetitionSeparatorIsToleratedWithAWarning() throws {
        var bytes = try sample850(delimiters: .standard, version: "00501", groupVersion: "005010")
        XCTAssertEqual(bytes[82], UInt8(ascii: "^"))
        bytes[82] = UInt8(ascii: "U")
        for mode in ReadingMode.allCases {
            let file = try InterchangeFile.read(bytes: bytes, mode: mode)
            XCTAssertNil(file.interchanges[0].delimiters.repetition)
            XCTAssertEqual(file.warnings.map(\.kind), [.isaRepetitionSeparatorU])
            XCTAssertEqual(file.errors, [])
        }
    }

    func testComponentsAndRepetitionsAreSplitOnDemand() throws {
        let delimiters = Delimiters(element: 0x1D, component: 0x1F, repetition: 0x1E, segment: [0x1C], lineBreak: [])
        let parameters = InterchangeParameters(senderQualifier: "ZZ", senderID: "A", receiverQualifier: "ZZ", receiverID: "B", date: "261126", time: "1200", version: "00501", controlNumber: 7)
        let group = GroupParameters(functionalID: "PO", senderCode: "A", receiverCode: "B", date: "20261126", time: "1200", controlNumber: 7, version: "005010")
        let body = [OutboundSegment("REF", "ZZ", "X", "", .composite(["A", "B", "C"])), OutboundSegment("XYZ", .repeated([.simple("1"), .simple("2")]))]
        let bytes = try InterchangeWriter.write(parameters, groups: [OutboundGroup(parameters: group, transactionSets: [OutboundTransactionSet(type: "850", control: "0001", body: body)])], delimiters: delimiters)
        let set = try InterchangeFile.read(bytes: bytes, mode: .strict).interchanges[0].groups[0].transactionSets[0]
        XCTAssertEqual(set.segments[1].components(4).map(\.string), ["A", "B", "C"])
        XCTAssertEqual(set.segments[2].repetitions(1).map(\.string), ["1", "2"])
        XCTAssertEqual(set.segments[1][3], "")
        XCTAssertNil(set.segments[1].element(5))
    }

    @discardableResult
    private func assertRoundTrip(_ delimiters: Delimiters, version: String, groupVersion: String = "004010", file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8] {
        let bytes = try sample850(delimiters: delimiters, version: version, groupVersion: groupVersion, sets: 2)
        let read = try InterchangeFile.read(bytes: bytes, mode: .strict)
        XCTAssertEqual(read.errors, [], "\(delimiters)", file: file, line: line)
        XCTAssertEqual(read.warnings, [], "\(delimiters)", file: file, line: line)
        XCTAssertEqual(read.interchanges.count, 1, file: file, line: line)
        let interchange = try XCTUnwrap(read.interchanges.first)
        XCTAssertEqual(interchange.delimiters.element, delimiters.element, file: file, line: line)
        XCTAssertEqual(interchange.delimiters.component, delimiters.component, file: file, line: line)
        XCTAssertEqual(interchange.delimiters.segment, delimiters.segment, file: file, line: line)
        XCTAssertEqual(interchange.delimiters.lineBreak, delimiters.lineBreak, file: file, line: line)
        XCTAssertEqual(segmentFields(read)[1], ["BEG", "00", "SA", "PO1", "", "20261126"], file: file, line: line)
        XCTAssertEqual(segmentFields(read)[4], ["PID", "F", "", "", "", "WIDGET, BLUE"], file: file, line: line)
        XCTAssertEqual(try InterchangeWriter.write(interchange), bytes, "\(delimiters)", file: file, line: line)
        // Translated into the standard delimiters and back, nothing changes either.
        let standard = try InterchangeWriter.write(interchange, delimiters: .standard)
        let back = try InterchangeWriter.write(try InterchangeFile.read(bytes: standard, mode: .strict).interchanges[0], delimiters: delimiters)
        XCTAssertEqual(back, bytes, file: file, line: line)
        return bytes
    }
}
