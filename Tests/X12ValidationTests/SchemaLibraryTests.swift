import XCTest
@testable import X12

final class SchemaLibraryTests: XCTestCase {
    func testLoads() throws {
        let library = try SchemaLocator.load()
        XCTAssertNotNil(library.schema(transactionSet: "850", version: "004010"))
    }
}
