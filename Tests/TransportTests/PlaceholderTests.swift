import XCTest
final class TransportPlaceholderTests: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
