import Documents
import XCTest
@testable import Mapping
@testable import X12

/// 850 X12 → canonical PurchaseOrder, in both versions and in unusual delimiters.
final class TranslateInboundTests: XCTestCase {
    static let body850 = [
        "BEG*00*SA*PO-1001**20261120",
        "CUR*BY*USD",
        "SAC*C*D240***1250**********FREIGHT",
        "DTM*010*20261124",
        "DTM*002*20261128",
        "N9*L1*NOTES",
        "MSG*DELIVER TO DOCK 4",
        "MSG*CALL AHEAD",
        "N1*ST*STORE 12*92*0012",
        "N3*1 MAIN ST*DOCK 4",
        "N4*SPRINGFIELD*IL*62701*US",
        "N1*BT*ACME HQ*92*HQ",
        "N1*BY*JANE BUYER",
        "PO1*1*10*EA*2.5**BP*B-100*VN*V-100*UP*012345678905",
        "PID*F****WIDGET",
        "PO1*2*5*CA*19.99**VN*V-200*BP*B-200",
        "CTT*2",
    ]

    static func interchange(_ body: [String], version: String) -> String {
        let isa12 = version == "005010" ? "00501" : "00401"
        let repetition = version == "005010" ? "^" : "U"
        return (["ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATE        *261120*1200*\(repetition)*\(isa12)*000000101*0*P*>",
                 "GS*PO*ACMERETAIL*EDIGATE*20261120*1200*101*X*\(version)", "ST*850*0001"] + body + ["SE*\(body.count + 2)*0001", "GE*1*101", "IEA*1*000000101"]).joined(separator: "~\n") + "~\n"
    }

    static let expected = PurchaseOrder(poNumber: "PO-1001", poDate: "2026-11-20", purpose: "00", orderType: "SA", currency: "USD",
        shipTo: Party(id: "0012", idQualifier: "92", name: "STORE 12", address: ["1 MAIN ST", "DOCK 4"], city: "SPRINGFIELD", state: "IL", postalCode: "62701", country: "US"),
        billTo: Party(id: "HQ", idQualifier: "92", name: "ACME HQ"), buyer: Party(name: "JANE BUYER"),
        requestedShipDate: "2026-11-24", requestedDeliveryDate: "2026-11-28",
        lines: [
            .init(lineNumber: "1", quantity: 10, uom: "EA", unitPrice: Decimal(string: "2.5"), buyerPartNumber: "B-100", vendorPartNumber: "V-100", gtin: "012345678905", description: "WIDGET",
                  productIds: [.init(qualifier: "BP", id: "B-100"), .init(qualifier: "VN", id: "V-100"), .init(qualifier: "UP", id: "012345678905")]),
            .init(lineNumber: "2", quantity: 5, uom: "CA", unitPrice: Decimal(string: "19.99"), buyerPartNumber: "B-200", vendorPartNumber: "V-200",
                  productIds: [.init(qualifier: "VN", id: "V-200"), .init(qualifier: "BP", id: "B-200")]),
        ],
        charges: [Charge(kind: .charge, code: "D240", amount: Decimal(string: "12.5")!, description: "FREIGHT")],
        notes: ["DELIVER TO DOCK 4", "CALL AHEAD"])

    func test850BothVersionsToCanonicalJSON() throws {
        for version in ["004010", "005010"] {
            // 005010 replaced MSG with MTX: the same notes travel in MTX02.
            let body = version == "004010" ? Self.body850 : Self.body850.map { $0.hasPrefix("MSG*") ? "MTX**" + $0.dropFirst(4) : $0 }
            let expected = Self.expected
            let x12 = Self.interchange(body, version: version)
            XCTAssertTrue(try TestValidation.isValid(Array(x12.utf8)), "fixture \(version) must itself be valid")
            let documents = try MappingTestSupport.translate(Array(x12.utf8))
            XCTAssertEqual(documents, [.purchaseOrder(expected)], version)
            let json = try CanonicalDocument.jsonArray(documents, pretty: false)
            XCTAssertTrue(json.contains(#""unitPrice":19.99"#), json)
            XCTAssertTrue(json.contains(#""amount":12.5"#), json)
            XCTAssertTrue(json.contains(#""poDate":"2026-11-20""#), json)
            XCTAssertTrue(json.hasPrefix("[{"), json)
        }
    }

    func testQualifierOrderDoesNotMatter() throws {
        // Line 2 lists VN before BP: the qualifier, not the position, decides the field.
        let documents = try MappingTestSupport.translate(Array(Self.interchange(Self.body850, version: "004010").utf8))
        guard case .purchaseOrder(let order) = documents.first else { return XCTFail("no order") }
        XCTAssertEqual(order.lines[1].buyerPartNumber, "B-200")
        XCTAssertEqual(order.lines[1].vendorPartNumber, "V-200")
    }

    func testOtherDelimitersReadTheSame() throws {
        let star = Self.interchange(Self.body850, version: "004010").replacingOccurrences(of: "*U*00401*", with: "*^*00403*")
        let piped = star.replacingOccurrences(of: "*", with: "|").replacingOccurrences(of: "~\n", with: "{").replacingOccurrences(of: "|^|", with: "|~|").replacingOccurrences(of: "P|>", with: "P|^")
        let documents = try MappingTestSupport.translate(Array(piped.utf8))
        XCTAssertEqual(documents, [.purchaseOrder(Self.expected)])
    }

    func testSampleFixture850Reads() throws {
        let url = MappingTestSupport.root.appendingPathComponent("Tests/Fixtures/x12-samples/850/ediengine__850.OK.edi")
        let documents = try MappingTestSupport.translate(Array(try Data(contentsOf: url)))
        guard case .purchaseOrder(let order) = documents.first else { return XCTFail("no order") }
        XCTAssertEqual(order.poNumber, "08292233294")
        XCTAssertEqual(order.lines.count, 6)
        XCTAssertEqual(order.lines[0].vendorPartNumber, "AB3542")
        XCTAssertEqual(order.lines[0].unitPrice, Decimal(string: "9.25"))
        XCTAssertEqual(order.lines[0].description, "SMALL WIDGET")
        XCTAssertEqual(order.shipTo?.name, "XYZ RETAIL")
        XCTAssertEqual(order.shipTo?.address, ["31875 SOLON RD"])
        XCTAssertEqual(order.requestedDeliveryDate, "2010-12-14")
    }
}

enum TestValidation {
    static func isValid(_ bytes: [UInt8]) throws -> Bool {
        do {
            try MappingTestSupport.generator().validate(bytes)
            return true
        } catch {
            XCTFail("\(error)")
            return false
        }
    }
}
