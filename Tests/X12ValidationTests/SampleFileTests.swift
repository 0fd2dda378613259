import XCTest
@testable import X12

/// The real-world samples in Tests/Fixtures/x12-samples (SOURCES.md says which are defective).
final class SampleFileTests: XCTestCase {
    func results(_ path: String) throws -> [InterchangeResult] {
        let bytes = try [UInt8](Data(contentsOf: TestSupport.fixtures.appendingPathComponent(path)))
        return InterchangeValidator(library: TestSupport.library).validate(try InterchangeFile.read(bytes: bytes, file: path))
    }

    func testCleanSamplesValidate() throws {
        let clean = [
            "850/ediengine__850.OK.edi", "850/ediengine__850.Composite.SLN.OK.edi", "850/node-x12__850.edi", "850/node-x12__850_2.edi",
            "850/x12parser__Example1_PGWGlass.txt", "850/x12parser__From_aojuk.txt",
            "855/staedi__multi-tx-transaction-type.edi", "855/x12parser__855SSimmons.txt", "855/x12parser__Example1_Adobe.txt", "855/node-x12__855.edi",
            "856/ediengine__856.Crossdock.OK.edi", "856/x12parser__FromGregarican.txt", "856/x12parser__Example1.txt", "856/x12parser__Example3.txt",
            "810/staedi__simple810.edi", "810/x12parser__2011110815164104.txt", "810/x12parser__Example1_CaliforniaISO.txt", "810/x12parser__Example2_ManualBilling.txt",
            "997/pyx12__simple1.997.base", "997/pyx12__bad_elements.997.base", "997/staedi__simple997.edi", "999/pyx12__834_lui_id_5010.999.txt",
        ]
        for path in clean {
            for result in try results(path) {
                XCTAssertTrue(result.isValid, "\(path): \(result.envelopeErrors) \(result.groups.flatMap(\.sets).flatMap(\.segmentErrors))")
            }
        }
    }

    func testSyntaxNoteSampleReportsBothViolations() throws {
        let set = try XCTUnwrap(try results("850/ediengine__850.SyntaxNotes.ERR.edi").first?.groups.first?.sets.first)
        let found = set.segmentErrors.flatMap { s in s.elementErrors.map { "\(s.segmentID)@\(s.position)/\(s.loopID ?? "-"): \($0.position) \($0.code.rawValue)" } }
        // PO106 CB without PO107 (P0607); PO405 X without PO406 (C0506, and P0607 with PO407).
        XCTAssertEqual(found, ["PO1@13/PO1: 7 2", "PO4@30/PO1: 6 2"])
        XCTAssertEqual(set.acknowledgmentCode, "R")
    }

    func testWalmartInvoiceSummaryOutOfOrder() throws {
        // ISS comes before TDS in this sample: TDS is missing where ISS stands, then out of sequence.
        let errors = try XCTUnwrap(try results("810/x12parser__Example5_Walmart.txt").first?.groups.first?.sets.first).segmentErrors
        XCTAssertEqual(errors.map { "\($0.segmentID)@\($0.position) \($0.code.rawValue)" }, ["TDS@16 3", "TDS@17 7", "CAD@18 7"])
    }

    func testEnvelopeDefectSamples() throws {
        let mismatch = try results("mixed/ediengine__ControlNumbersMismatch.edi")[0]
        XCTAssertEqual(mismatch.noteCode, "001")
        XCTAssertEqual(mismatch.groups[0].errorCodes, ["4"])
        // A 940 is outside the gateway's schemas: AK5 1, plus the ST/SE mismatch.
        XCTAssertEqual(mismatch.groups[0].sets[0].errorCodes, ["1", "3"])
        let invalid999 = try results("999/staedi__invalid999.edi")[0].groups[0].sets[0]
        XCTAssertEqual(invalid999.errorCodes, ["4", "5"])
    }

    func testUnsupportedVersionRejectsGroupWithAK905Code2() throws {
        let group = try results("856/x12parser__Example2.txt")[0].groups[0]
        XCTAssertEqual(group.version, "003060")
        XCTAssertEqual(group.errorCodes, ["2"])
        XCTAssertEqual(group.acknowledgmentCode, "R")
    }
}
