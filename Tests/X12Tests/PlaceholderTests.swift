import XCTest
final class X12PlaceholderTests: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
