import XCTest
@testable import X12

/// A hostile file costs bounded memory and gets a bounded acknowledgment: segment errors are
/// capped per set and per file, and the sets past the caps are still accepted or rejected
/// correctly.
final class ErrorBoundTests: XCTestCase {
    /// 200,000 unknown segments in one set: the walk stops at the set's limit, the set is
    /// rejected, and the 997 carries 100 AK3s, not 200,000.
    func testAMillionBadSegmentsStopAtTheSetLimit() throws {
        var body = TestSupport.valid850
        body.insert(contentsOf: Array(repeating: "ZZQ*1", count: 200_000), at: 1)
        let text = TestSupport.interchange4010(body)
        let result = try XCTUnwrap(try TestSupport.results(text).first)
        let set = try XCTUnwrap(result.groups.first?.sets.first)
        XCTAssertEqual(set.segmentErrors.count, 100)
        XCTAssertTrue(set.segmentErrorsTruncated)
        XCTAssertEqual(set.acknowledgmentCode, "R")
        let ack = try TestSupport.text(XCTUnwrap(try TestSupport.acks(text).first))
        XCTAssertEqual(ack.components(separatedBy: "AK3*").count - 1, 100)
        XCTAssertLessThan(ack.utf8.count, 4_000, "the 997 is bounded, whatever the input")
    }

    /// 30 sets of 60 errors each under a file budget of 1,000: the first sets report theirs in
    /// full, the budget runs out in the 17th, and every later set is still rejected (AK5 R)
    /// without AK3 detail.
    func testTheFileBudgetBoundsTheWholeAcknowledgment() throws {
        var sets: [String] = []
        var body = TestSupport.valid850
        body.insert(contentsOf: Array(repeating: "ZZQ*1", count: 60), at: 1)
        for index in 1...30 {
            let control = String(format: "%04d", index)
            sets.append((["ST*850*\(control)"] + body + ["SE*\(body.count + 2)*\(control)"]).joined(separator: "~\n"))
        }
        let text = (["ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*U*00401*000000101*0*P*>",
                     "GS*PO*SENDERGS*RECEIVERGS*20240101*1200*101*X*004010"] + sets + ["GE*30*101", "IEA*1*000000101"]).joined(separator: "~\n") + "~\n"
        let results = try TestSupport.results(text)
        let reported = try XCTUnwrap(results.first?.groups.first?.sets).map(\.segmentErrors.count)
        XCTAssertEqual(Array(reported.prefix(16)), Array(repeating: 60, count: 16))
        XCTAssertEqual(reported[16], 40, "what was left of the 1,000")
        XCTAssertEqual(Array(reported.suffix(13)), Array(repeating: 0, count: 13))
        XCTAssertTrue(try XCTUnwrap(results.first?.groups.first?.sets.last).segmentErrorsTruncated)
        XCTAssertEqual(try XCTUnwrap(results.first?.groups.first?.sets).map(\.acknowledgmentCode), Array(repeating: "R", count: 30))
        let ack = try TestSupport.text(XCTUnwrap(try TestSupport.acks(text).first))
        XCTAssertEqual(ack.components(separatedBy: "AK3*").count - 1, 1_000)
        XCTAssertEqual(ack.components(separatedBy: "AK5*R").count - 1, 30)
    }
}
