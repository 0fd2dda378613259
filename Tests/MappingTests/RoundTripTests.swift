import BotsCrossCheck
import Documents
import XCTest
@testable import Mapping
@testable import X12

/// Canonical JSON → 855/856/810 → our validator → bots (when set up) → translate back →
/// the same document, in both versions and two delimiter sets.
final class RoundTripTests: XCTestCase {
    static let piped = Delimiters(element: UInt8(ascii: "|"), component: UInt8(ascii: "^"), repetition: UInt8(ascii: "~"), segment: UInt8(ascii: "{"), lineBreak: [0x0A])

    func roundTrip(_ document: CanonicalDocument, expected: CanonicalDocument? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        for version in ["004010", "005010"] {
            for delimiters in [Delimiters.standard, Self.piped] {
                // The document goes in as JSON text, as `edigate generate` reads it.
                let json = try MappingTestSupport.json(document)
                let array = try CanonicalJSON.parse(json)
                let parsed = try CanonicalDocument(type: document.type, value: array.arrayItems![0])
                let bytes = try MappingTestSupport.generator().generate(parsed, envelope: MappingTestSupport.envelope(version: version, delimiters: delimiters))
                try BotsCrossCheck.check(bytes, name: "\(document.type.transactionSet)-\(version)-\(delimiters.element)", file: file, line: line)
                let back = try MappingTestSupport.translate(bytes, file: file, line: line)
                XCTAssertEqual(back, [expected ?? document], "\(version) \(MappingTestSupport.text(bytes))", file: file, line: line)
                XCTAssertEqual(try CanonicalDocument.jsonArray(back, pretty: false), try CanonicalDocument.jsonArray([expected ?? document], pretty: false), file: file, line: line)
            }
        }
    }

    func test855RoundTrip() throws {
        try roundTrip(.orderAcknowledgment(MappingTestSupport.acknowledgment))
    }

    func test856RoundTrip() throws {
        try roundTrip(.shipNotice(MappingTestSupport.shipNotice))
    }

    func test856WithTareRoundTrip() throws {
        var notice = MappingTestSupport.shipNotice
        let packs = notice.orders[0].packs
        notice.orders[0].packs = []
        notice.orders[0].tares = [ShipNotice.Tare(sscc: MappingTestSupport.sscc3, packs: packs)]
        try roundTrip(.shipNotice(notice))
    }

    func test810RoundTripGainsTheComputedTotal() throws {
        var expected = MappingTestSupport.invoice
        // 25.00 + 59.97 + 1.00 (0.999 rounds per line) + 12.50 − 3.00 + 4.21
        expected.total = Decimal(string: "99.68")
        try roundTrip(.invoice(MappingTestSupport.invoice), expected: .invoice(expected))
    }

    /// What the buyer sent to identify an item comes back in the 855 as sent (VP and UP here,
    /// which the default codes list does not name), and a named field already echoed is not
    /// written twice under the default qualifier.
    func test855EchoesTheBuyersProductIDs() throws {
        var ack = MappingTestSupport.acknowledgment
        ack.lines = [.init(lineNumber: "1", quantity: 24, uom: "EA", unitPrice: Decimal(string: "10.50"), buyerPartNumber: "X1", vendorPartNumber: "AB3542", gtin: "00012345000104",
                           productIds: [.init(qualifier: "BP", id: "X1"), .init(qualifier: "VP", id: "AB3542"), .init(qualifier: "UK", id: "00012345000104")],
                           status: "IA", ackQuantity: 24)]
        let bytes = try MappingTestSupport.generator().generate(.orderAcknowledgment(ack), envelope: MappingTestSupport.envelope(version: "004010"))
        let body = try MappingTestSupport.body(bytes)
        XCTAssertTrue(body.contains("PO1*1*24*EA*10.5**BP*X1*VP*AB3542*UK*00012345000104"), "\(body)")
    }

    func test856HierarchyNumbersParentsAndChildCodes() throws {
        let bytes = try MappingTestSupport.generator().generate(.shipNotice(MappingTestSupport.shipNotice), envelope: MappingTestSupport.envelope(version: "004010"))
        let hl = try MappingTestSupport.body(bytes).filter { $0.hasPrefix("HL*") }
        XCTAssertEqual(hl, ["HL*1**S*1", "HL*2*1*O*1", "HL*3*2*P*1", "HL*4*3*I*0", "HL*5*2*P*1", "HL*6*5*I*0", "HL*7*5*I*0"])
        let body = try MappingTestSupport.body(bytes)
        XCTAssertTrue(body.contains("CTT*7"), "\(body)")
        XCTAssertTrue(body.contains("MAN*GM*\(MappingTestSupport.sscc1)"), "\(body)")
        XCTAssertTrue(body.contains("LIN*1*BP*B-100*VN*V-100*UP*012345678905"), "\(body)")
        XCTAssertTrue(body.contains("TD5**2*UPSN"), "\(body)")
    }

    func test856TareLevelSitsBetweenOrderAndPack() throws {
        var notice = MappingTestSupport.shipNotice
        notice.orders[0].tares = [ShipNotice.Tare(sscc: MappingTestSupport.sscc3, packs: [notice.orders[0].packs.removeLast()])]
        let bytes = try MappingTestSupport.generator().generate(.shipNotice(notice), envelope: MappingTestSupport.envelope(version: "005010"))
        let hl = try MappingTestSupport.body(bytes).filter { $0.hasPrefix("HL*") }
        XCTAssertEqual(hl, ["HL*1**S*1", "HL*2*1*O*1", "HL*3*2*T*1", "HL*4*3*P*1", "HL*5*4*I*0", "HL*6*4*I*0", "HL*7*2*P*1", "HL*8*7*I*0"])
        XCTAssertTrue(try MappingTestSupport.body(bytes).contains("CTT*8"))
    }

    func test810TotalsAndTDSInCents() throws {
        let bytes = try MappingTestSupport.generator().generate(.invoice(MappingTestSupport.invoice), envelope: MappingTestSupport.envelope(version: "004010"))
        let body = try MappingTestSupport.body(bytes)
        XCTAssertTrue(body.contains("TDS*9968"), "\(body)")
        XCTAssertTrue(body.contains("IT1*1*10*EA*2.5**BP*B-100*VN*V-100*UP*012345678905"), "\(body)")
        XCTAssertTrue(body.contains("SAC*C*D240***1250**********FREIGHT"), "\(body)")
        XCTAssertTrue(body.contains("SAC*A*C310***300"), "\(body)")
        XCTAssertTrue(body.contains("TXI*TX*4.21"), "\(body)")
        XCTAssertTrue(body.contains("ITD*01**2**10**30"), "\(body)")
        XCTAssertTrue(body.contains("CTT*3"), "\(body)")
    }

    func test855CodesComeFromTheAcknowledgment() throws {
        let bytes = try MappingTestSupport.generator().generate(.orderAcknowledgment(MappingTestSupport.acknowledgment), envelope: MappingTestSupport.envelope(version: "004010"))
        let body = try MappingTestSupport.body(bytes)
        XCTAssertEqual(body.first, "BAK*00*AC*PO-1001*20261120*****20261121")
        XCTAssertTrue(body.contains("ACK*IA*10*EA*068*20261125"), "\(body)")
        XCTAssertTrue(body.contains("ACK*IQ*3*CA"), "\(body)")
        XCTAssertTrue(body.contains("ACK*IP"), "\(body)")
        XCTAssertTrue(body.contains("CTP**SLP*7.35"), "\(body)")
        var rejected = MappingTestSupport.acknowledgment
        rejected.status = .rejected
        rejected.lines = rejected.lines.map { var l = $0; l.status = "IR"; return l }
        let rejectedBody = try MappingTestSupport.body(try MappingTestSupport.generator().generate(.orderAcknowledgment(rejected), envelope: MappingTestSupport.envelope(version: "005010")))
        XCTAssertTrue(rejectedBody[0].hasPrefix("BAK*00*RD*"), "\(rejectedBody)")
    }
}
