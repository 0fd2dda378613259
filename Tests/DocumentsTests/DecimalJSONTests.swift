import XCTest
@testable import Documents

/// Money and quantities must survive JSON exactly: no trip through Double.
final class DecimalJSONTests: XCTestCase {
    func testDecimalsDecodeAndEncodeExactly() throws {
        let json = #"{"poNumber":"PO1","poDate":"2026-11-26","lines":[{"lineNumber":"1","quantity":3,"uom":"EA","unitPrice":0.1},{"lineNumber":"2","quantity":1234567890.123456789,"uom":"CA","unitPrice":19.99}]}"#
        let order = try JSONDecoder().decode(PurchaseOrder.self, from: Data(json.utf8))
        XCTAssertEqual(order.lines[0].unitPrice, Decimal(string: "0.1"))
        XCTAssertEqual(order.lines[1].quantity, Decimal(string: "1234567890.123456789"))
        XCTAssertEqual(order.lines[1].unitPrice, Decimal(string: "19.99"))
        XCTAssertEqual(order.lines[0].quantity * order.lines[0].unitPrice!, Decimal(string: "0.3"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(order), as: UTF8.self)
        XCTAssertTrue(text.contains(#""unitPrice":0.1"#), text)
        XCTAssertTrue(text.contains(#""unitPrice":19.99"#), text)
        XCTAssertTrue(text.contains(#""quantity":1234567890.123456789"#), text)
        XCTAssertEqual(try JSONDecoder().decode(PurchaseOrder.self, from: Data(text.utf8)), order)
        XCTAssertEqual(order.purpose, "00")
        XCTAssertEqual(order.extendedTotal, Decimal(string: "24679012123.86790121211"))
    }
}
