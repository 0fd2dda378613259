import BotsCrossCheck
import XCTest
@testable import X12

/// AK5, AK9 and TA1 answers to envelope defects, FA groups, 999s, and acknowledgments read back.
final class EnvelopeAcknowledgmentTests: XCTestCase {
    let valid = TestSupport.valid850

    func testAK5Code4SegmentCountMismatch() throws {
        XCTAssertEqual(try TestSupport.body(TestSupport.interchange4010(valid, se01: "99")), ["AK1*PO*101", "AK2*850*0001", "AK5*R*4", "AK9*R*1*1*0"])
    }

    func testAK5Code23ControlNumberNotUniqueInGroup() throws {
        let text = TestSupport.interchange4010(valid, ge01: "2").replacingOccurrences(of: "GE*2*101", with: (["ST*850*0001"] + valid + ["SE*11*0001", "GE*2*101"]).joined(separator: "~\n"))
        XCTAssertEqual(try TestSupport.body(text), ["AK1*PO*101", "AK2*850*0001", "AK5*A", "AK2*850*0001", "AK5*R*23", "AK9*P*2*2*1"])
    }

    func testAK9Code5SetCountMismatchCountsTruthfully() throws {
        // GE01 says 2, one set arrived and it is good: included 2, received 1, accepted 1.
        XCTAssertEqual(try TestSupport.body(TestSupport.interchange4010(valid, ge01: "2")), ["AK1*PO*101", "AK2*850*0001", "AK5*A", "AK9*R*2*1*1*5"])
    }

    func testTA1OnInterchangeControlMismatch() throws {
        let acks = try TestSupport.acks(TestSupport.interchange4010(valid, iea02: "000000999"))
        XCTAssertEqual(acks.count, 1)
        XCTAssertEqual(acks[0].ta1, OutboundSegment("TA1", "000000101", "240101", "1200", "R", "001"))
        let lines = TestSupport.text(acks[0]).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *240102*0930*U*00401*000000007*0*P*>~")
        XCTAssertEqual(lines[1], "TA1*000000101*240101*1200*R*001~")
        XCTAssertEqual(lines[2], "GS*FA*RECEIVERGS*SENDERGS*20240102*0930*7*X*004010~")
        XCTAssertEqual(lines.last, "IEA*1*000000007~")
    }

    func testTA1WhenISA14AsksAndNoneOtherwise() throws {
        let asked = TestSupport.interchange4010(valid).replacingOccurrences(of: "*000000101*0*P*>", with: "*000000101*1*P*>")
        XCTAssertEqual(try TestSupport.acks(asked)[0].ta1, OutboundSegment("TA1", "000000101", "240101", "1200", "A", "000"))
        XCTAssertNil(try TestSupport.acks(TestSupport.interchange4010(valid))[0].ta1)
    }

    func testNoAcknowledgmentOfAcknowledgments() throws {
        let inbound997 = TestSupport.interchange4010(["AK1*PO*55", "AK9*A*1*1*1"], functionalID: "FA", type: "997")
        XCTAssertTrue(try TestSupport.results(inbound997)[0].isValid)
        XCTAssertEqual(try TestSupport.acks(inbound997).count, 0)
    }

    func test999WhenAsked() throws {
        var segments = valid
        segments[0] = "BEG*00*SA***20240101"
        let acks = try TestSupport.acks(TestSupport.interchange4010(segments), options: AcknowledgmentOptions(kind: .implementation999))
        let lines = TestSupport.text(acks[0]).split(separator: "\n").map { String($0.dropLast()) }
        XCTAssertEqual(Array(lines.dropFirst(2).dropLast(2)), ["ST*999*0007*005010X231", "AK1*PO*101*004010", "AK2*850*0001", "IK3*BEG*2**8", "IK4*3*324*1", "IK5*R*5", "AK9*R*1*1*0", "SE*8*0007"])
    }

    /// Every acknowledgment produced here must itself read back cleanly and validate
    /// against our own 997/999 schemas.
    func testGeneratedAcknowledgmentsReadBackValid() throws {
        var broken = valid
        broken[0] = "BEG*99*SA***2024013"
        broken.insert("ZZQ*1", at: 2)
        let inputs = [TestSupport.interchange4010(valid), TestSupport.interchange4010(broken, iea02: "000000999"), TestSupport.interchange5010(["BEG*00*SA*PO1**20240101", "REF*DP*1^2", "PO1*1*1*EA*1**UP*1", "CTT*1"])]
        for input in inputs {
            for options in [AcknowledgmentOptions(), AcknowledgmentOptions(kind: .implementation999)] {
                for ack in try TestSupport.acks(input, options: options) {
                    let file = try InterchangeFile.read(bytes: ack.bytes)
                    XCTAssertTrue(file.errors.isEmpty, "\(file.errors)")
                    let results = InterchangeValidator(library: TestSupport.library).validate(file)
                    for group in results.flatMap(\.groups) {
                        XCTAssertTrue(group.isValid, "\(TestSupport.text(ack)) → \(group.sets.flatMap(\.segmentErrors))")
                    }
                    try BotsCrossCheck.check(ack.bytes, name: "\(name)-\(options.kind)")
                }
            }
        }
    }
}
