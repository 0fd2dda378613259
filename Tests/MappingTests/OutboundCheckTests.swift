import Documents
import XCTest
@testable import Mapping
@testable import X12

/// Each outbound rule refuses a bad input: nothing is generated.
final class OutboundCheckTests: XCTestCase {
    func generate(_ document: CanonicalDocument, version: String = "004010") throws -> [UInt8] {
        try MappingTestSupport.generator().generate(document, envelope: MappingTestSupport.envelope(version: version))
    }

    func assertRefused(_ document: CanonicalDocument, file: StaticString = #filePath, line: UInt = #line, _ check: (OutboundCheckError) -> Bool) {
        XCTAssertThrowsError(try generate(document), file: file, line: line) { error in
            guard case GenerationError.inconsistent(let reason) = error else { return XCTFail("expected an inconsistency, got \(error)", file: file, line: line) }
            XCTAssertTrue(check(reason), "\(reason)", file: file, line: line)
        }
    }

    func testSSCCCheckDigit() throws {
        XCTAssertEqual(SSCC.checkDigit(of: "10614141123456789"), "7")  // GS1's published example
        XCTAssertEqual(try SSCC.validated("00106141411234567897", field: "f"), "106141411234567897")
        XCTAssertThrowsError(try SSCC.validated("106141411234567898", field: "f"))
        XCTAssertThrowsError(try SSCC.validated("10614141123456789", field: "f"))
        XCTAssertThrowsError(try SSCC.validated("10614141123456789X", field: "f"))
    }

    func testBadSSCCCheckDigitRefusesTheShipNotice() {
        var notice = MappingTestSupport.shipNotice
        notice.orders[0].packs[1].sscc = "000123450000000028"
        assertRefused(.shipNotice(notice)) {
            if case .badSSCCCheckDigit(let field, _, let expected) = $0 { return field == "orders[0].packs[1].sscc" && expected == "7" }
            return false
        }
    }

    func testMalformedAndDuplicateSSCCRefuse() {
        var notice = MappingTestSupport.shipNotice
        notice.orders[0].packs[0].sscc = "12345"
        assertRefused(.shipNotice(notice)) { if case .malformedSSCC = $0 { return true } else { return false } }
        notice = MappingTestSupport.shipNotice
        notice.orders[0].packs[1].sscc = notice.orders[0].packs[0].sscc
        assertRefused(.shipNotice(notice)) { if case .duplicateSSCC = $0 { return true } else { return false } }
        notice = MappingTestSupport.shipNotice
        notice.orders[0].tares = [ShipNotice.Tare(sscc: "000123450000000035", packs: [])]
        assertRefused(.shipNotice(notice)) { if case .badSSCCCheckDigit = $0 { return true } else { return false } }
    }

    func testShipNoticeWithoutOrdersOrItemsRefuses() {
        var notice = MappingTestSupport.shipNotice
        notice.orders = []
        assertRefused(.shipNotice(notice)) { if case .missing("orders", _) = $0 { return true } else { return false } }
        notice = MappingTestSupport.shipNotice
        notice.orders[0].packs[0].items = []
        assertRefused(.shipNotice(notice)) { if case .missing("orders[0].packs[0].items", _) = $0 { return true } else { return false } }
    }

    func testInvoiceTotalThatDisagreesRefuses() {
        var invoice = MappingTestSupport.invoice
        invoice.total = Decimal(string: "99.67")
        assertRefused(.invoice(invoice)) {
            if case .totalMismatch(let given, let computed) = $0 { return given == Decimal(string: "99.67") && computed == Decimal(string: "99.68") }
            return false
        }
    }

    func testInvoiceTotalThatAgreesIsWritten() throws {
        var invoice = MappingTestSupport.invoice
        invoice.total = Decimal(string: "99.68")
        let body = try MappingTestSupport.body(try generate(.invoice(invoice)))
        XCTAssertTrue(body.contains("TDS*9968"), "\(body)")
    }

    func testInvoiceLineRoundingIsPerLine() {
        // 3 × 0.333 = 0.999 → 1.00 per line; summing first would give 0.999 + … and a cent less.
        let invoice = Invoice(invoiceNumber: "I", invoiceDate: "2026-01-01", poNumber: "P", lines: [
            .init(lineNumber: "1", quantity: 3, uom: "EA", unitPrice: Decimal(string: "0.333")!),
            .init(lineNumber: "2", quantity: 3, uom: "EA", unitPrice: Decimal(string: "0.333")!),
        ])
        XCTAssertEqual(InvoiceTotals.computedTotal(invoice), 2)
        XCTAssertEqual(InvoiceTotals.tds01(Decimal(string: "1234.5")!), "123450")
    }

    func testInvoiceWithNegativeChargeOrNoLinesRefuses() {
        var invoice = MappingTestSupport.invoice
        invoice.charges[0].amount = -1
        assertRefused(.invoice(invoice)) { if case .invalidValue("charges[0].amount", _, _) = $0 { return true } else { return false } }
        invoice = MappingTestSupport.invoice
        invoice.lines = []
        assertRefused(.invoice(invoice)) { if case .missing("lines", _) = $0 { return true } else { return false } }
    }

    func testAcknowledgmentStatusMustAgreeWithLines() {
        var ack = MappingTestSupport.acknowledgment
        ack.status = .accepted
        assertRefused(.orderAcknowledgment(ack)) { if case .invalidValue("status", "accepted", _) = $0 { return true } else { return false } }
        ack = MappingTestSupport.acknowledgment
        ack.lines[0].status = "ACCEPTED"
        assertRefused(.orderAcknowledgment(ack)) { if case .invalidValue("lines[0].status", _, _) = $0 { return true } else { return false } }
    }

    func testUnknownACKCodeFailsOurValidator() {
        var ack = MappingTestSupport.acknowledgment
        ack.lines[1].status = "ZZ"
        XCTAssertThrowsError(try generate(.orderAcknowledgment(ack))) { error in
            guard case GenerationError.failsValidation(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(problems.contains { $0.contains("ACK01") && $0.contains("AK403 7") }, "\(problems)")
        }
    }

    func testBadDateCannotBeWritten() {
        var invoice = MappingTestSupport.invoice
        invoice.invoiceDate = "2026-02-30"
        XCTAssertThrowsError(try generate(.invoice(invoice))) { error in
            guard case GenerationError.mapping(.unwritableValue(let field, _, .date, _)) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "invoiceDate")
        }
    }

    func testDelimiterInsideDataIsRefusedByTheWriter() {
        var invoice = MappingTestSupport.invoice
        invoice.lines[0].description = "WIDGET*LARGE"
        XCTAssertThrowsError(try generate(.invoice(invoice))) { error in
            guard case GenerationError.writer = error else { return XCTFail("\(error)") }
        }
    }
}
