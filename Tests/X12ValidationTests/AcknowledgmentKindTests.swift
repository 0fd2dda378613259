import XCTest
@testable import X12

/// A partner whose profile says `send: none` gets no 997/999, only the TA1s its policy asks for.
final class AcknowledgmentKindTests: XCTestCase {
    func testNoFunctionalAcknowledgmentWhenThePartnerWantsNone() throws {
        let valid = TestSupport.interchange4010(TestSupport.valid850)
        XCTAssertTrue(try TestSupport.acks(valid, options: AcknowledgmentOptions(kind: .none, ta1: .onError)).isEmpty)
        let onlyTA1 = try TestSupport.acks(valid, options: AcknowledgmentOptions(kind: .none, ta1: .always))
        XCTAssertEqual(onlyTA1.count, 1)
        let text = TestSupport.text(onlyTA1[0])
        XCTAssertTrue(text.contains("TA1*000000101*"), text)
        XCTAssertFalse(text.contains("GS*"), text)
        XCTAssertEqual(onlyTA1[0].groups, [])
        // The default still answers with a 997.
        XCTAssertTrue(TestSupport.text(try TestSupport.acks(valid)[0]).contains("ST*997*"))
    }
}
