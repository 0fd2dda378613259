import XCTest
@testable import X12

/// Each envelope defect, planted alone in an otherwise valid interchange, gives its code,
/// position and value.
final class EnvelopeDefectTests: XCTestCase {
    private func valid(sets: Int = 2) throws -> String { try sample850(sets: sets).text }

    private func errors(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [EnvelopeError] {
        try InterchangeFile.read(bytes: text.bytes, file: "test.edi").errors
    }

    func testValidInterchangeHasNoErrors() throws {
        XCTAssertEqual(try errors(try valid()), [])
    }

    func testInterchangeControlNumberMismatch() throws {
        let text = try valid().replacingOccurrences(of: "IEA*1*000000101", with: "IEA*1*000000102")
        let found = try errors(text)
        XCTAssertEqual(found.map(\.code), [.ta1("001")])
        XCTAssertEqual(found.first?.segmentID, "IEA")
        XCTAssertEqual(found.first?.elementPosition, 2)
        XCTAssertEqual(found.first?.value, "000000102")
        XCTAssertEqual(found.first?.file, "test.edi")
        XCTAssertEqual(found.first?.byteOffset, text.bytes.count - "IEA*1*000000102~\n".utf8.count)
    }

    func testGroupCountInIEA() throws {
        XCTAssertEqual(try errors(try valid().replacingOccurrences(of: "IEA*1*", with: "IEA*2*")).map(\.code), [.ta1("021")])
    }

    func testGroupControlNumberMismatch() throws {
        XCTAssertEqual(try errors(try valid().replacingOccurrences(of: "GE*2*1~", with: "GE*2*9~")).map(\.code), [.ak9("4")])
    }

    func testSetCountInGE() throws {
        XCTAssertEqual(try errors(try valid().replacingOccurrences(of: "GE*2*1~", with: "GE*3*1~")).map(\.code), [.ak9("5")])
    }

    func testSetControlNumberMismatch() throws {
        let found = try errors(try valid().replacingOccurrences(of: "SE*7*0002~", with: "SE*7*0003~"))
        XCTAssertEqual(found.map(\.code), [.ak5("3")])
        XCTAssertEqual(found.first?.segmentPosition, 7)
    }

    func testSegmentCountInSE() throws {
        let found = try errors(try valid().replacingOccurrences(of: "SE*7*0001~", with: "SE*6*0001~"))
        XCTAssertEqual(found.map(\.code), [.ak5("4")])
        XCTAssertEqual(found.first?.value, "6")
        XCTAssertEqual(found.first?.elementPosition, 1)
    }

    func testControlNumberLength() throws {
        let text = try valid().replacingOccurrences(of: "ST*850*0001~", with: "ST*850*001~").replacingOccurrences(of: "SE*7*0001~", with: "SE*7*001~")
        XCTAssertEqual(try errors(text).map(\.code), [.ak5("7")])
        let long = try valid().replacingOccurrences(of: "ST*850*0001~", with: "ST*850*0123456789~").replacingOccurrences(of: "SE*7*0001~", with: "SE*7*0123456789~")
        XCTAssertEqual(try errors(long).map(\.code), [.ak5("7")])
    }

    func testDuplicateSetControlNumberInGroup() throws {
        let text = try valid().replacingOccurrences(of: "0002~", with: "0001~")
        XCTAssertEqual(try errors(text).map(\.code), [.ak5("23")])
    }

    func testMissingSE() throws {
        let text = try valid().replacingOccurrences(of: "SE*7*0001~\n", with: "")
        XCTAssertEqual(try errors(text).map(\.code), [.ak5("2")])
    }

    func testMissingGE() throws {
        let text = try valid().replacingOccurrences(of: "GE*2*1~\n", with: "")
        XCTAssertEqual(try errors(text).map(\.code), [.ak9("3")])
    }

    func testMissingIEAIsPrematureEnd() throws {
        let text = try valid().replacingOccurrences(of: "IEA*1*000000101~\n", with: "")
        let file = try InterchangeFile.read(bytes: text.bytes)
        XCTAssertEqual(file.errors.map(\.code), [.ta1("023")])
        XCTAssertFalse(file.isComplete)
    }

    func testTruncatedInsideASet() throws {
        let text = String(try valid().prefix(200))
        let codes = try errors(text).map(\.code)
        XCTAssertEqual(codes, [.ak5("2"), .ak9("3"), .ta1("023")])
    }

    func testISAFieldValues() throws {
        var text = try valid()
        text = text.replacingOccurrences(of: "*000000101*0*P*", with: "*00000010A*0*X*")
        let found = try errors(text)
        XCTAssertEqual(Set(found.map(\.code)), [.ta1("018"), .ta1("020"), .ta1("001")])
    }

    func testInvalidElementSeparatorIsUnreadable() {
        XCTAssertThrowsError(try InterchangeFile.read(bytes: "ISAA00A".bytes)) { error in
            XCTAssertEqual((error as? X12Error)?.ta1Code, "026")
        }
    }

    func testNoISAIsUnreadable() {
        XCTAssertThrowsError(try InterchangeFile.read(bytes: "GS*PO*A*B~".bytes)) { error in
            XCTAssertEqual((error as? X12Error)?.reason, .noInterchangeHeader)
            XCTAssertEqual((error as? X12Error)?.byteOffset, 0)
        }
    }

    func testErrorDescriptionNamesFileOffsetSegmentAndCode() throws {
        let text = try valid().replacingOccurrences(of: "GE*2*1~", with: "GE*2*9~")
        let description = try XCTUnwrap(try errors(text).first).description
        XCTAssertTrue(description.hasPrefix("test.edi: byte "), description)
        XCTAssertTrue(description.contains("GE02: AK9 4:"), description)
    }
}
