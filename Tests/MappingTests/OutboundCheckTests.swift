import BotsCrossCheck
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

    /// A delimiter inside text follows the profile's policy: replaced with a space and recorded
    /// (the default), or the document refused with the segment and element named.
    func testDelimiterInsideDataFollowsThePolicy() throws {
        var invoice = MappingTestSupport.invoice
        invoice.lines[0].description = "WIDGET*LARGE~BLUE"
        var envelope = MappingTestSupport.envelope(version: "004010")
        let written = try MappingTestSupport.generator().generateInterchange(.invoice(invoice), envelope: envelope)
        XCTAssertTrue(try MappingTestSupport.body(written.bytes).contains("PID*F****WIDGET LARGE BLUE"), MappingTestSupport.text(written.bytes))
        XCTAssertEqual(written.adjustments.count, 1, "\(written.adjustments)")
        XCTAssertTrue(written.adjustments[0].contains("PID05: delimiter '*' replaced with a space: 'WIDGET*LARGE~BLUE' → 'WIDGET LARGE BLUE'"), "\(written.adjustments)")

        envelope.delimiterInText = .refuse
        XCTAssertThrowsError(try MappingTestSupport.generator().generateInterchange(.invoice(invoice), envelope: envelope)) { error in
            guard case GenerationError.writer(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("PID05"), reason)
            XCTAssertTrue(reason.contains("delimiterInText: refuse"), reason)
        }
    }

    /// The decision's reasons reach the buyer: N9*L1 with one MSG per reason in 004010 (a long
    /// one continued within MSG01's 264 characters), MTX in 005010; and they read back.
    func testReasonsAreSentAsNotes() throws {
        var ack = MappingTestSupport.acknowledgment
        let long = String(repeating: "LONG REASON TEXT ", count: 20).trimmingCharacters(in: .whitespaces)
        ack.reasons = ["line 2: 5 CA ordered, 3 CA available", long]
        ack.lines[2].reason = "price 7.10 USD differs from our price 7.35 USD"
        let written4010 = try MappingTestSupport.generator().generateInterchange(.orderAcknowledgment(ack), envelope: MappingTestSupport.envelope(version: "004010"))
        let body = try MappingTestSupport.body(written4010.bytes)
        XCTAssertTrue(body.contains("N9*L1*REASONS"), "\(body)")
        XCTAssertTrue(body.contains("MSG*line 2: 5 CA ordered, 3 CA available"), "\(body)")
        // One MSG for the short reason, two for the long one, one for the line.
        XCTAssertEqual(body.filter { $0.hasPrefix("MSG*") }.count, 4, "\(body)")
        XCTAssertTrue(body.allSatisfy { !$0.hasPrefix("MSG*") || $0.count <= 4 + 264 }, "\(body)")
        XCTAssertTrue(body.contains("N9*L1*REASON"), "\(body)")
        XCTAssertTrue(body.contains("MSG*price 7.10 USD differs from our price 7.35 USD"), "\(body)")
        XCTAssertTrue(written4010.adjustments.contains { $0.contains("continued over 2 MSG segments") }, "\(written4010.adjustments)")
        try BotsCrossCheck.check(written4010.bytes, name: "855-reasons-4010")

        let written5010 = try MappingTestSupport.generator().generateInterchange(.orderAcknowledgment(ack), envelope: MappingTestSupport.envelope(version: "005010"))
        let body5010 = try MappingTestSupport.body(written5010.bytes)
        XCTAssertTrue(body5010.contains("MTX**line 2: 5 CA ordered, 3 CA available"), "\(body5010)")
        XCTAssertTrue(body5010.contains("MTX**\(long)"), "4096 characters fit one MTX02: \(body5010)")
        XCTAssertTrue(written5010.adjustments.isEmpty, "\(written5010.adjustments)")
        try BotsCrossCheck.check(written5010.bytes, name: "855-reasons-5010")
        guard case .orderAcknowledgment(let back)? = try MappingTestSupport.translate(written5010.bytes).first else { return XCTFail("not read back") }
        XCTAssertEqual(back.reasons, ack.reasons)
        XCTAssertEqual(back.lines[2].reason, ack.lines[2].reason)
        // Without reasons, no N9 at all.
        XCTAssertFalse(try MappingTestSupport.body(try MappingTestSupport.generator().generate(.orderAcknowledgment(MappingTestSupport.acknowledgment),
                                                                                             envelope: MappingTestSupport.envelope(version: "004010"))).contains { $0.hasPrefix("N9") })
    }
}
