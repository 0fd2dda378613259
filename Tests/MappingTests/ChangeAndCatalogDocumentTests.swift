import BotsCrossCheck
import Documents
import Foundation
import XCTest
@testable import Mapping
@testable import X12

/// The documents beyond the order: 846, 832 and 865 written from canonical JSON and read back
/// (both versions, two delimiter sets, checked by our validator and by bots), 860 and 816 read
/// from partner files of both versions, and the outbound checks that keep an advice or a
/// catalog from promising what cannot hold.
final class ChangeAndCatalogDocumentTests: XCTestCase {
    static let fixtures = MappingTestSupport.root.appendingPathComponent("Tests/Fixtures/documents")

    static let advice = InventoryAdvice(adviceNumber: "INV-20261130-1", adviceDate: "2026-11-30", seller: Party(id: "EDG", idQualifier: "92", name: "EDIGATE DISTRIBUTION"), items: [
        .init(lineNumber: "1", buyerPartNumber: "ITEM-1", vendorPartNumber: "V-100", productIds: [.init(qualifier: "BP", id: "ITEM-1"), .init(qualifier: "VN", id: "V-100")],
              description: "BLUE WIDGET", uom: "EA", quantityAvailable: 120, quantityOnHand: 150, nextQuantity: 200, nextDate: "2026-12-10",
              warehouse: Party(id: "DC1", idQualifier: "92", name: "MAIN DC")),
        .init(lineNumber: "2", vendorPartNumber: "V-200", gtin: "00012345000104", productIds: [.init(qualifier: "VN", id: "V-200"), .init(qualifier: "UP", id: "00012345000104")],
              uom: "CA", quantityAvailable: 0, warehouse: Party(id: "DC2", idQualifier: "92", name: "WEST DC")),
    ])

    static let catalog = PriceCatalog(catalogNumber: "CAT-2026-12", catalogDate: "2026-11-30", currency: "USD",
                                      seller: Party(id: "EDG", idQualifier: "92", name: "EDIGATE DISTRIBUTION"), buyer: Party(id: "ACME", idQualifier: "92", name: "ACME RETAIL"), items: [
        .init(lineNumber: "1", buyerPartNumber: "ITEM-1", vendorPartNumber: "V-100", productIds: [.init(qualifier: "BP", id: "ITEM-1"), .init(qualifier: "VN", id: "V-100")],
              description: "BLUE WIDGET", pack: 12, priceCode: "CON", unitPrice: Decimal(string: "12.5")!, uom: "EA", effectiveDate: "2026-12-01", expirationDate: "2027-05-31"),
        .init(lineNumber: "2", vendorPartNumber: "V-200", gtin: "00012345000104", productIds: [.init(qualifier: "VN", id: "V-200"), .init(qualifier: "UP", id: "00012345000104")],
              priceCode: "CON", unitPrice: Decimal(string: "99.95")!, uom: "CA", effectiveDate: "2026-12-01"),
    ])

    static let changeAcknowledgment = ChangeAcknowledgment(poNumber: "PO-1001", poDate: "2026-11-25", changeSequence: "1", ackDate: "2026-11-30", changeDate: "2026-11-30",
                                                           status: .acceptedWithChanges, lines: [
        .init(lineNumber: "1", change: "quantityIncrease", quantity: 30, uom: "EA", unitPrice: Decimal(string: "12.5"), buyerPartNumber: "ITEM-1", vendorPartNumber: "V-100",
              productIds: [.init(qualifier: "BP", id: "ITEM-1"), .init(qualifier: "VN", id: "V-100")], status: "IA", ackQuantity: 30),
        .init(lineNumber: "2", change: "cancel", quantity: 0, uom: "EA", buyerPartNumber: "ITEM-2", productIds: [.init(qualifier: "BP", id: "ITEM-2")], status: "ID", ackQuantity: 0),
        .init(lineNumber: "3", change: "add", quantity: 5, uom: "EA", unitPrice: Decimal(string: "7.25"), buyerPartNumber: "ITEM-3", productIds: [.init(qualifier: "BP", id: "ITEM-3")],
              status: "IR", reason: "ITEM NOT STOCKED"),
        .init(lineNumber: "4", change: "ZZ", quantity: 2, uom: "EA", buyerPartNumber: "ITEM-4", productIds: [.init(qualifier: "BP", id: "ITEM-4")],
              status: "IQ", ackQuantity: 1, scheduledDate: "2026-12-08", reason: "ONE NOW, ONE LATER"),
    ], reasons: ["LINE 3 IS NOT STOCKED"])

    func roundTrip(_ document: CanonicalDocument, file: StaticString = #filePath, line: UInt = #line) throws {
        for version in ["004010", "005010"] {
            for delimiters in [Delimiters.standard, RoundTripTests.piped] {
                let json = try MappingTestSupport.json(document)
                let parsed = try CanonicalDocument(type: document.type, value: try CanonicalJSON.parse(json).arrayItems![0])
                let bytes = try MappingTestSupport.generator().generate(parsed, envelope: MappingTestSupport.envelope(version: version, delimiters: delimiters))
                let results = InterchangeValidator(library: MappingTestSupport.library).validate(try InterchangeFile.read(bytes: bytes))
                XCTAssertEqual(results.first?.groups.first?.sets.first?.acknowledgmentCode, "A", MappingTestSupport.text(bytes), file: file, line: line)
                XCTAssertEqual(results.first?.groups.first?.functionalID, document.type.functionalID, file: file, line: line)
                try BotsCrossCheck.check(bytes, name: "\(document.type.transactionSet)-\(version)-\(delimiters.element)", file: file, line: line)
                XCTAssertEqual(try MappingTestSupport.translate(bytes, file: file, line: line), [document], "\(version) \(MappingTestSupport.text(bytes))", file: file, line: line)
            }
        }
    }

    func test846RoundTrip() throws {
        try roundTrip(.inventoryAdvice(Self.advice))
        let body = try MappingTestSupport.body(try MappingTestSupport.generator().generate(.inventoryAdvice(Self.advice), envelope: MappingTestSupport.envelope(version: "004010")))
        XCTAssertEqual(body, [
            "BIA*00*DD*INV-20261130-1*20261130", "N1*SU*EDIGATE DISTRIBUTION*92*EDG",
            "LIN*1*BP*ITEM-1*VN*V-100", "PID*F****BLUE WIDGET", "QTY*33*120*EA", "SCH*200*EA***018*20261210", "QTY*17*150*EA", "N1*WH*MAIN DC*92*DC1",
            "LIN*2*VN*V-200*UP*00012345000104", "QTY*33*0*CA", "N1*WH*WEST DC*92*DC2", "CTT*2",
        ])
    }

    func test832RoundTrip() throws {
        try roundTrip(.priceCatalog(Self.catalog))
        let body = try MappingTestSupport.body(try MappingTestSupport.generator().generate(.priceCatalog(Self.catalog), envelope: MappingTestSupport.envelope(version: "005010")))
        XCTAssertEqual(Array(body.prefix(12)), [
            "BCT*PC*CAT-2026-12********00", "DTM*009*20261130", "CUR*SE*USD", "N1*SE*EDIGATE DISTRIBUTION*92*EDG", "N1*BY*ACME RETAIL*92*ACME",
            "LIN*1*BP*ITEM-1*VN*V-100", "PID*F****BLUE WIDGET", "PO4*12", "CTP**CON*12.5*1*EA", "DTM*007*20261201", "DTM*036*20270531",
            "LIN*2*VN*V-200*UP*00012345000104",
        ])
    }

    /// A POC02 code the map does not name (`ZZ`) goes out and comes back as sent.
    func test865RoundTrip() throws {
        try roundTrip(.changeAcknowledgment(Self.changeAcknowledgment))
        let body = try MappingTestSupport.body(try MappingTestSupport.generator().generate(.changeAcknowledgment(Self.changeAcknowledgment), envelope: MappingTestSupport.envelope(version: "005010")))
        XCTAssertEqual(body[0], "BCA*00*AC*PO-1001**1*20261125****20261130*20261130")
        XCTAssertEqual(Array(body[1...2]), ["N9*L1*REASONS", "MTX**LINE 3 IS NOT STOCKED"])
        XCTAssertTrue(body.contains("POC*2*DI*0**EA***BP*ITEM-2"), "\(body)")
        XCTAssertTrue(body.contains("POC*4*ZZ*2**EA***BP*ITEM-4"), "\(body)")
        XCTAssertTrue(body.contains("ACK*IQ*1*EA*068*20261208"), "\(body)")
    }

    static let expectedChange = ChangeOrder(poNumber: "PO-1001", poDate: "2026-11-25", purpose: "04", orderType: "SA", changeSequence: "1", changeDate: "2026-11-30",
        shipTo: Party(id: "0042", idQualifier: "92", name: "ACME STORE 42", address: ["42 MAIN ST"], city: "SPRINGFIELD", state: "IL", postalCode: "62701", country: "US"),
        requestedDeliveryDate: "2026-12-15", lines: [
            .init(lineNumber: "1", change: "quantityIncrease", quantity: 30, uom: "EA", unitPrice: Decimal(string: "12.5"), buyerPartNumber: "ITEM-1", vendorPartNumber: "V-100",
                  productIds: [.init(qualifier: "BP", id: "ITEM-1"), .init(qualifier: "VN", id: "V-100")]),
            .init(lineNumber: "2", change: "cancel", quantity: 0, uom: "EA", unitPrice: 4, buyerPartNumber: "ITEM-2", productIds: [.init(qualifier: "BP", id: "ITEM-2")]),
            .init(lineNumber: "3", change: "add", quantity: 5, uom: "EA", unitPrice: Decimal(string: "7.25"), buyerPartNumber: "ITEM-3", vendorPartNumber: "V-300",
                  productIds: [.init(qualifier: "BP", id: "ITEM-3"), .init(qualifier: "VN", id: "V-300")], description: "NEW WIDGET"),
        ], notes: ["PLEASE CONFIRM THE INCREASE"])

    func test860ReadsInBothVersions() throws {
        for version in ["004010", "005010"] {
            let bytes = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("860-\(version).edi")))
            let result = MappingTestSupport.translator().translate(try InterchangeFile.read(bytes: bytes))
            XCTAssertEqual(result.failures.map(\.description), [], version)
            XCTAssertEqual(result.documents, [.changeOrder(Self.expectedChange)], version)
            // POC04 (quantity left to receive) is the one element no rule takes, and is said.
            XCTAssertEqual(result.unmapped.map(\.data.description).filter { !$0.contains("POC04") }, [], version)
        }
    }

    func test816ReadsTheHierarchyInBothVersions() throws {
        for version in ["004010", "005010"] {
            let bytes = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("816-\(version).edi")))
            let result = MappingTestSupport.translator().translate(try InterchangeFile.read(bytes: bytes))
            XCTAssertEqual(result.failures.map(\.description), [], version)
            guard case .locationList(let list) = try XCTUnwrap(result.documents.first) else { return XCTFail("not a LocationList") }
            XCTAssertEqual(list.reference, "LOC-2026-11")
            XCTAssertEqual(list.date, "2026-11-30")
            XCTAssertEqual(list.sender, Party(id: "ACME", idQualifier: "92", name: "ACME RETAIL"))
            XCTAssertEqual(list.locations.count, 1)
            XCTAssertEqual(list.locations[0].id, "DC01")
            XCTAssertEqual(list.locations[0].type, "WH")
            XCTAssertEqual(list.locations[0].locations.map(\.id), ["0042", "0077", "0013"])
            XCTAssertEqual(list.locations[0].locations.map(\.action), ["changed", "new", "closed"])
            XCTAssertEqual(list.locations[0].locations[1], LocationList.Location(level: "S", type: "SN", id: "0077", idQualifier: "92", name: "ACME STORE 77",
                                                                                 address: ["77 OAK AVE"], city: "PEORIA", state: "IL", postalCode: "61602", country: "US", action: "new"))
            XCTAssertEqual(list.locations[0].flattened.map(\.id), ["DC01", "0042", "0077", "0013"])
        }
    }

    func testAdviceNeverPromisesWhatIsNotThere() throws {
        func refusal(_ change: (inout InventoryAdvice) -> Void) -> String {
            var advice = Self.advice
            change(&advice)
            do { _ = try OutboundChecks.check(.inventoryAdvice(advice)); return "accepted" } catch { return "\(error)" }
        }
        XCTAssertEqual(refusal { _ in }, "accepted")
        XCTAssertTrue(refusal { $0.items[0].quantityAvailable = -1 }.contains("items[0].quantityAvailable"))
        XCTAssertTrue(refusal { $0.items[0].nextDate = nil }.contains("items[0].nextDate"))
        XCTAssertTrue(refusal { $0.items[1].warehouse = $0.items[0].warehouse; $0.items[1].vendorPartNumber = "V-100"; $0.items[1].gtin = nil; $0.items[1].buyerPartNumber = "ITEM-1" }.contains("twice"))
        XCTAssertTrue(refusal { $0.items = [] }.contains("at least one item"))
        XCTAssertTrue(refusal { $0.items[1].vendorPartNumber = nil; $0.items[1].gtin = nil; $0.items[1].productIds = nil }.contains("product id"))
    }

    func testCatalogNeverPublishesAPriceThatCannotHold() throws {
        func refusal(_ change: (inout PriceCatalog) -> Void) -> String {
            var catalog = Self.catalog
            change(&catalog)
            do { _ = try OutboundChecks.check(.priceCatalog(catalog)); return "accepted" } catch { return "\(error)" }
        }
        XCTAssertEqual(refusal { _ in }, "accepted")
        XCTAssertTrue(refusal { $0.items[0].unitPrice = 0 }.contains("items[0].unitPrice"))
        XCTAssertTrue(refusal { $0.items[0].expirationDate = "2026-11-01" }.contains("before effectiveDate"))
        XCTAssertTrue(refusal { $0.items[0].pack = 0 }.contains("items[0].pack"))
    }

    func testChangeAcknowledgmentStatusMustAgreeWithLines() throws {
        var ack = Self.changeAcknowledgment
        ack.status = .accepted
        XCTAssertThrowsError(try OutboundChecks.check(.changeAcknowledgment(ack))) { XCTAssertTrue("\($0)".contains("acceptedWithChanges"), "\($0)") }
        ack.status = .rejected
        XCTAssertThrowsError(try OutboundChecks.check(.changeAcknowledgment(ack))) { XCTAssertTrue("\($0)".contains("accepted (IA)"), "\($0)") }
    }
}
