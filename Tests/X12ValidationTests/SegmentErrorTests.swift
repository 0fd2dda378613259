import XCTest
@testable import X12

/// One defect per document; each must produce exactly the AK3/AK4/AK5/AK9 shown.
final class SegmentErrorTests: XCTestCase {
    func body(_ edit: (inout [String]) -> Void) throws -> [String] {
        var segments = TestSupport.valid850
        edit(&segments)
        return try TestSupport.body(TestSupport.interchange4010(segments))
    }

    func rejected(_ ak3: String, _ ak4: [String] = []) -> [String] {
        ["AK1*PO*101", "AK2*850*0001", ak3] + ak4 + ["AK5*R*5", "AK9*R*1*1*0"]
    }

    func testValidDocumentIsAccepted() throws {
        XCTAssertEqual(try body { _ in }, ["AK1*PO*101", "AK2*850*0001", "AK5*A", "AK9*A*1*1*1"])
    }

    func testCode1UnrecognizedSegmentID() throws {
        XCTAssertEqual(try body { $0.insert("ZZQ*1", at: 1) }, rejected("AK3*ZZQ*3**1"))
    }

    func testCode2UnexpectedSegment() throws {
        // SLN belongs to the PO1 loop; in the heading it has no place.
        XCTAssertEqual(try body { $0.insert("SLN*1**I*1*EA", at: 1) }, rejected("AK3*SLN*3**2"))
    }

    func testCode3MandatorySegmentMissing() throws {
        XCTAssertEqual(try body { $0.remove(at: 0) }, rejected("AK3*BEG*2**3"))
    }

    func testCode4LoopOverMaximum() throws {
        // The 850 heading N1 loop repeats at most 200 times.
        let n1 = Array(repeating: "N1*ST*STORE", count: 201)
        let result = try body { $0.replaceSubrange(3...5, with: n1) }
        XCTAssertEqual(result, rejected("AK3*N1*205*N1*4"))
    }

    func testCode5SegmentOverMaximumUse() throws {
        // DTM in the heading: maximum use 10.
        let dtm = Array(repeating: "DTM*002*20240115", count: 11)
        XCTAssertEqual(try body { $0.replaceSubrange(2...2, with: dtm) }, rejected("AK3*DTM*14**5"))
    }

    func testCode6SegmentNotInTransactionSet() throws {
        XCTAssertEqual(try body { $0.insert("BIG*20240101*INV1", at: 1) }, rejected("AK3*BIG*3**6"))
    }

    func testCode7SegmentNotInProperSequence() throws {
        // DTM after the N1 loop: its place in the heading is behind us.
        XCTAssertEqual(try body { $0.insert("DTM*010*20240120", at: 6) }, rejected("AK3*DTM*8*N1*7"))
    }

    // MARK: - AK403 element codes (AK304 8)

    func testElement1MandatoryMissing() throws {
        XCTAssertEqual(try body { $0[0] = "BEG*00*SA***20240101" }, rejected("AK3*BEG*2**8", ["AK4*3*324*1"]))
    }

    func testElement2ConditionalRequiredMissing() throws {
        XCTAssertEqual(try body { $0[1] = "REF*DP" }, rejected("AK3*REF*3**8", ["AK4*2**2"]))
    }

    func testElement3TooManyElements() throws {
        XCTAssertEqual(try body { $0[4] = "N3*1 MAIN ST*SUITE 2*EXTRA" }, rejected("AK3*N3*6*N1*8", ["AK4*3**3*EXTRA"]))
    }

    func testElement4TooShort() throws {
        XCTAssertEqual(try body { $0[0] = "BEG*00*SA*PO12345**240101" }, rejected("AK3*BEG*2**8", ["AK4*5*373*4*240101"]))
    }

    func testElement5TooLong() throws {
        XCTAssertEqual(try body { $0[5] = "N4*SPRINGFIELD*ILL*62701" }, rejected("AK3*N4*7*N1*8", ["AK4*2*156*5*ILL"]))
    }

    func testElement6InvalidCharacter() throws {
        XCTAssertEqual(try body { $0[6] = "PO1*1*1O*EA*2.5**UP*012345678905" }, rejected("AK3*PO1*8*PO1*8", ["AK4*2**6*1O"]))
    }

    func testElement7InvalidCodeValue() throws {
        XCTAssertEqual(try body { $0[0] = "BEG*99*SA*PO12345**20240101" }, rejected("AK3*BEG*2**8", ["AK4*1*353*7*99"]))
    }

    func testElement8InvalidDate() throws {
        XCTAssertEqual(try body { $0[2] = "DTM*002*20240231" }, rejected("AK3*DTM*4**8", ["AK4*2**8*20240231"]))
    }

    func testElement9InvalidTime() throws {
        XCTAssertEqual(try body { $0[2] = "DTM*002*20240115*2561" }, rejected("AK3*DTM*4**8", ["AK4*3**9*2561"]))
    }

    func testElement10ExclusionViolated() throws {
        // MEA E0803: MEA03 and MEA08 exclude each other.
        XCTAssertEqual(try body { $0.insert("MEA*PD*G*10*LB****01", at: 3) }, rejected("AK3*MEA*5**8", ["AK4*8**10*01"]))
    }

    func testPairedNoteOnPO1() throws {
        XCTAssertEqual(try body { $0[6] = "PO1*1*10*EA*2.5**UP" }, rejected("AK3*PO1*8*PO1*8", ["AK4*7**2"]))
    }

    func testElement12And13In5010() throws {
        var segments = TestSupport.valid850
        segments[1] = "REF*DP*038^039"
        segments[2] = "DTM*002*20240115"
        segments[3] = "N1*ST*STORE>12*92*0012"
        let body = try TestSupport.body(TestSupport.interchange5010(segments))
        XCTAssertEqual(body, ["AK1*PO*201*005010", "AK2*850*0001", "AK3*REF*3**8", "AK4*2>>2**12*038039", "AK3*N1*5*N1*8", "AK4*2**13*STORE12", "AK5*R*5", "AK9*R*1*1*0"])
    }

    func testHierarchyParentMustExist() throws {
        let body856 = ["BSN*00*SHIP1*20240101*1200", "HL*1**S", "TD1*CTN25*1", "HL*2*5*O", "PRF*PO12345", "HL*3*2*I", "LIN**UP*012345678905", "SN1**10*EA", "CTT*3"]
        let text = TestSupport.interchange4010(body856, functionalID: "SH", type: "856")
        XCTAssertEqual(try TestSupport.body(text), ["AK1*SH*101", "AK2*856*0001", "AK3*HL*5*HL*8", "AK4*2*734*7*5", "AK5*R*5", "AK9*R*1*1*0"])
    }
}
