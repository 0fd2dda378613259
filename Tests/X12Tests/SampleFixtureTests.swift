import XCTest
@testable import X12

/// Every shared sample file must read; the defective ones must report exactly their defects.
final class SampleFixtureTests: XCTestCase {
    func testEverySampleReadsInTolerantMode() throws {
        let samples = Fixtures.allSamples.filter { !$0.hasSuffix(".md") }
        XCTAssertEqual(samples.count, 59, "the shared sample set has 59 files")
        for sample in samples {
            let file = try InterchangeFile.read(path: Fixtures.path(sample))
            XCTAssertFalse(file.interchanges.isEmpty, "\(sample): no interchange")
            XCTAssertTrue(file.isComplete, "\(sample): ended early")
        }
    }

    /// Files that are byte-for-byte X12 (strict mode reads them without a single deviation or
    /// envelope error) must come back identical from parse then write.
    func testValidSamplesRoundTripByteForByte() throws {
        var roundTripped = 0
        for sample in Fixtures.allSamples where !sample.hasSuffix(".md") {
            guard let file = try? InterchangeFile.read(path: Fixtures.path(sample), mode: .strict),
                  file.errors.isEmpty, file.warnings.isEmpty else { continue }
            let original = try Fixtures.bytes(sample)
            var written: [UInt8] = []
            for interchange in file.interchanges { written += try InterchangeWriter.write(interchange) }
            XCTAssertEqual(written.text, original.text, "\(sample) changed in a round trip")
            XCTAssertEqual(written, original, "\(sample) changed in a round trip")
            roundTripped += 1
        }
        XCTAssertGreaterThanOrEqual(roundTripped, 15, "too few samples are strictly valid; reader regression?")
    }

    func testDefectiveSamplesReportTheirCodes() throws {
        let expectations: [(String, [AcknowledgmentCode])] = [
            ("mixed/ediengine__ControlNumbersMismatch.edi", [.ak5("3"), .ak9("4"), .ta1("001")]),
            ("mixed/ediengine__WrongGroupsAndTranCount.edi", [.ak9("5"), .ta1("018"), .ta1("021")]),
            ("mixed/ediengine__MultipleInterchangesAndGroups.edi", [.ta1("018"), .ta1("018")]),
            ("850/edinet__x12.850.edi", [.ta1("001")]),
            ("850/edinet__x12.850a.edi", [.ta1("001")]),
            ("850/edinet__x12.Issue172.edi", [.ak5("4"), .ta1("001")]),
            ("850/edinet__x12.810.mandatory-conditions.edi", [.ak5("4"), .ta1("001")]),
            // One PO line lacks its "~", so two segments run together: SE01 87 counts 86;
            // and both sets carry ST02 0001.
            ("850/edinet__x12.850.issue135.edi", [.ak5("4"), .ak5("23")]),
            ("ta1/oboe__justTA1TestCase.edi", [.ta1("021")]),
            ("ta1/staedi__x12_interchange_ack.txt", [.ta1("021")]),
            ("997/staedi__invalid997_min.edi", [.ak9("4")]),
            ("999/staedi__invalid999.edi", [.ak5("4")]),
        ]
        for (sample, codes) in expectations {
            let file = try InterchangeFile.read(path: Fixtures.path(sample))
            XCTAssertEqual(file.errors.map(\.code).sorted(by: { "\($0)" < "\($1)" }), codes.sorted(by: { "\($0)" < "\($1)" }), sample)
        }
    }

    func testCleanSamplesHaveNoEnvelopeErrors() throws {
        for sample in ["850/ediengine__850.OK.edi", "850/node-x12__850.edi", "850/node-x12__850_2.edi", "855/node-x12__855.edi",
                       "856/ediengine__856.Crossdock.OK.edi", "810/staedi__simple810.edi", "997/staedi__simple997.edi",
                       "mixed/staedi__invoice810_po850_dual.edi", "855/x12parser__855SSimmons.txt"] {
            let file = try InterchangeFile.read(path: Fixtures.path(sample))
            XCTAssertEqual(file.errors, [], sample)
        }
    }

    func testDuplicateInterchangeControlNumbersInOneFile() throws {
        let file = try InterchangeFile.read(path: Fixtures.path("850/node-x12__850_fat.edi"))
        XCTAssertEqual(file.interchanges.count, 2)
        XCTAssertEqual(file.errors.map(\.code), [.ta1("025")])
    }

    func testIrregularSamplesAreReadWithWarningsAndRejectedInStrictMode() throws {
        let cases: [(String, ReadWarning.Kind)] = [
            ("850/x12parser__From_aojuk.txt", .byteOrderMark),
            ("850/x12parser__Example3_Adobe_CLP.txt", .isaNotFixedWidth),
            ("850/edinet__x12.850.edi", .isaNotFixedWidth),
            ("856/x12parser__Example3.txt", .multiByteTerminator),
            ("850/x12parser__Example4_Adobe_ShrinkWrapped.txt", .spaceBeforeLineBreak),
            ("850/edinet__x12.850.issue135.edi", .missingComponentSeparator),
            ("855/x12parser__855SSimmons.txt", .leadingWhitespace),
        ]
        for (sample, kind) in cases {
            let file = try InterchangeFile.read(path: Fixtures.path(sample))
            XCTAssertTrue(file.warnings.contains { $0.kind == kind }, "\(sample): expected a \(kind) warning, got \(file.warnings)")
            XCTAssertThrowsError(try InterchangeFile.read(path: Fixtures.path(sample), mode: .strict), sample)
        }
    }

    func testMultiByteTerminatorSampleSegments() throws {
        let file = try InterchangeFile.read(path: Fixtures.path("856/x12parser__Example3.txt"))
        let delimiters = try XCTUnwrap(file.interchanges.first?.delimiters)
        XCTAssertEqual(delimiters.segment, [0xE2, 0x80, 0xA6])
        let set = try XCTUnwrap(file.interchanges.first?.groups.first?.transactionSets.first)
        XCTAssertEqual(set.segments.first?.fields, ["ST", "856", "0022"])
        XCTAssertEqual(set.segments.last?.idString, "SE")
        XCTAssertEqual(set.errors, [])
    }

    func testUnusualDelimiterSamples() throws {
        // Element "~", component ">", segment "*".
        let clp = try InterchangeFile.read(path: Fixtures.path("850/x12parser__Example3_Adobe_CLP.txt"))
        let d = try XCTUnwrap(clp.interchanges.first?.delimiters)
        XCTAssertEqual([d.element, d.component], [UInt8(ascii: "~"), UInt8(ascii: ">")])
        XCTAssertEqual(d.segment, [UInt8(ascii: "*")])
        XCTAssertEqual(clp.errors, [])
        // Segment terminator CR with CRLF line ends.
        let tlp = try InterchangeFile.read(path: Fixtures.path("850/x12parser__Example2_Adobe_TLP.txt"))
        XCTAssertEqual(tlp.interchanges.first?.delimiters.segment, [0x0D])
        XCTAssertEqual(tlp.errors, [])
        XCTAssertEqual(segmentFields(tlp).first, ["ST", "850", "114640004"])
    }
}
