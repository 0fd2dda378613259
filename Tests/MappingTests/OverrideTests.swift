import BotsCrossCheck
import Documents
import XCTest
@testable import Mapping
@testable import X12

/// A partner's override map changes the output as intended, and nothing else.
final class OverrideTests: XCTestCase {
    let globex = "globex-stores"

    func testGlobexItemQualifiersOnThe810() throws {
        let envelope = MappingTestSupport.envelope(version: "005010", delimiters: RoundTripTests.piped)
        let standard = try MappingTestSupport.body(try MappingTestSupport.generator().generate(.invoice(MappingTestSupport.invoice), envelope: envelope))
        let partnerBytes = try MappingTestSupport.generator(partner: globex).generate(.invoice(MappingTestSupport.invoice), envelope: envelope)
        try BotsCrossCheck.check(partnerBytes, name: "globex-810")
        let partner = try MappingTestSupport.body(partnerBytes)
        XCTAssertTrue(standard.contains("IT1*1*10*EA*2.5**BP*B-100*VN*V-100*UP*012345678905"), "\(standard)")
        XCTAssertTrue(partner.contains("IT1*1*10*EA*2.5**IN*B-100*VP*V-100*UP*012345678905"), "\(partner)")
        // The required REF*IA lands after CUR, where the 810 table puts REF.
        XCTAssertEqual(Array(partner.prefix(3)), ["BIG*20261125*INV-5001*20261120*PO-1001", "CUR*SE*USD", "REF*IA*GX-4471"])
        XCTAssertFalse(standard.contains { $0.hasPrefix("REF*IA") })
        // Everything else is the same.
        XCTAssertEqual(standard.filter { !$0.hasPrefix("IT1") }, partner.filter { !$0.hasPrefix("IT1") && !$0.hasPrefix("REF*IA") })
    }

    func testGlobex855StatusCodesAndRoundTrip() throws {
        var ack = MappingTestSupport.acknowledgment
        ack.status = .accepted
        // Globex's override names its own qualifiers and keeps no list of pairs.
        ack.lines = ack.lines.map { var l = $0; l.status = "IA"; l.productIds = nil; return l }
        let bytes = try MappingTestSupport.generator(partner: globex).generate(.orderAcknowledgment(ack), envelope: MappingTestSupport.envelope(version: "005010", delimiters: RoundTripTests.piped))
        try BotsCrossCheck.check(bytes, name: "globex-855")
        let body = try MappingTestSupport.body(bytes)
        XCTAssertTrue(body[0].hasPrefix("BAK*00*AT*PO-1001"), "\(body)")
        XCTAssertTrue(body.contains("PO1*1*10*EA*2.5**IN*B-100*VP*V-100"), "\(body)")
        XCTAssertEqual(try MappingTestSupport.translate(bytes, partner: globex), [.orderAcknowledgment(ack)])
        // Read with the default map, the partner's codes are not understood.
        XCTAssertNotEqual(MappingTestSupport.translator().translate(try InterchangeFile.read(bytes: bytes)).documents, [.orderAcknowledgment(ack)])
    }

    func testGlobex856LINPutsTheGTINFirst() throws {
        // Globex's override names its own qualifiers and keeps no list of pairs.
        var notice = MappingTestSupport.shipNotice
        notice.orders[0].packs = notice.orders[0].packs.map { pack in
            var pack = pack
            pack.items = pack.items.map { var item = $0; item.productIds = nil; return item }
            return pack
        }
        let bytes = try MappingTestSupport.generator(partner: globex).generate(.shipNotice(notice), envelope: MappingTestSupport.envelope(version: "005010"))
        try BotsCrossCheck.check(bytes, name: "globex-856")
        let body = try MappingTestSupport.body(bytes)
        XCTAssertTrue(body.contains("LIN*1*UP*012345678905*IN*B-100*VP*V-100"), "\(body)")
        XCTAssertEqual(try MappingTestSupport.translate(bytes, partner: globex), [.shipNotice(notice)])
    }

    /// A partner whose line codes lack R2: `IR: [IR, R2]` writes R2 as IR (many-to-one), reading
    /// IR gives IR; `otherwise: as-is` passes every other status unchanged, `otherwise: CODE`
    /// writes that code, and without it an unlisted value refuses the document.
    func testCodeTablesManyToOneAndOtherwise() throws {
        let base = try MapLoader.parse(text: DefaultMaps.text("855-out.yaml")!, file: "855-out.yaml").asMap()
        func generate(_ override: String, _ statuses: [String]) throws -> [String] {
            let merged = try MapOverlay.apply(try MapLoader.parse(text: override, file: "p/855-out.yaml", isOverride: true), to: base)
            var ack = MappingTestSupport.acknowledgment
            ack.lines = zip(ack.lines, statuses).map { var line = $0; line.status = $1; return line }
            let writer = MapWriter(map: merged, version: "004010")
            let segments = try writer.write(try CanonicalDocument.orderAcknowledgment(ack).canonicalValue)
            return segments.filter { $0.id == "ACK" }.compactMap { if case .simple(let code) = $0.elements.first { return code } else { return nil } }
        }
        let rule = """
            rules:
              - id: lines/status/ack
                segment: ACK
                elements:
                  1: { field: status, translate: { IA: IA, IR: [IR, R2] }, OTHERWISE }
                  2: { field: ackQuantity, format: decimal }

            """
        XCTAssertEqual(try generate(rule.replacingOccurrences(of: ", OTHERWISE", with: ", otherwise: as-is"), ["IA", "R2", "IB"]), ["IA", "IR", "IB"])
        XCTAssertEqual(try generate(rule.replacingOccurrences(of: ", OTHERWISE", with: ", otherwise: IC"), ["IA", "R2", "IB"]), ["IA", "IR", "IC"])
        XCTAssertThrowsError(try generate(rule.replacingOccurrences(of: ", OTHERWISE", with: ""), ["IA", "R2", "IB"]))
        // A value under two codes is a mistake in the table.
        XCTAssertThrowsError(try MapLoader.parse(text: rule.replacingOccurrences(of: "IA: IA,", with: "IA: [IA, R2],").replacingOccurrences(of: ", OTHERWISE", with: ""),
                                                 file: "p/855-out.yaml", isOverride: true))
    }

    func testGlobex850ReadsINAndVP() throws {
        let body = TranslateInboundTests.body850.map { $0.hasPrefix("PO1*1") ? "PO1*1*10*EA*2.5**IN*B-100*VP*V-100*UP*012345678905" : $0 }
            .filter { !$0.hasPrefix("N9") && !$0.hasPrefix("MSG") }
        let x12 = Array(TranslateInboundTests.interchange(body, version: "005010").utf8)
        guard case .purchaseOrder(let partner)? = try MappingTestSupport.translate(x12, partner: globex).first,
              case .purchaseOrder(let standard)? = try MappingTestSupport.translate(x12).first else { return XCTFail("no order") }
        XCTAssertEqual(partner.lines[0].buyerPartNumber, "B-100")
        XCTAssertEqual(partner.lines[0].vendorPartNumber, "V-100")
        // The default map reads IN and VP too (the common qualifiers): nothing is dropped.
        XCTAssertEqual(standard.lines[0].buyerPartNumber, "B-100")
        XCTAssertEqual(standard.lines[0].vendorPartNumber, "V-100")
        XCTAssertEqual(standard.lines[0].gtin, "012345678905")
    }

    func testRemoveAndPlaceInsideALoop() throws {
        let base = try MapLoader.parse(text: DefaultMaps.text("810-out.yaml")!, file: "810-out.yaml").asMap()
        let override = try MapLoader.parse(text: """
            remove: [tax, lines/description]
            rules:
              - id: lines/note
                segment: PID
                where: { 1: F, 2: "08" }
                elements: { 5: description }
              - id: extra
                before: header
                segment: NTE
                elements: { 2: { value: X } }
            """, file: "override.yaml", isOverride: true)
        let merged = try MapOverlay.apply(override, to: base)
        XCTAssertFalse(merged.rules.contains { $0.id == "tax" })
        XCTAssertEqual(merged.rules.first?.id, "extra")
        guard case .loop(let lines)? = merged.rules.first(where: { $0.id == "lines" })?.kind else { return XCTFail("no lines loop") }
        XCTAssertEqual(lines.rules.map(\.id), ["item", "note"])
        XCTAssertEqual(merged.sources.last, "override.yaml")
    }
}
