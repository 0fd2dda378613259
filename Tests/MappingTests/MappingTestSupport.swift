import Documents
import Foundation
import XCTest
@testable import Mapping
@testable import X12

enum MappingTestSupport {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var mapsDirectory: String { root.appendingPathComponent("Maps").path }
    static let catalog = MapCatalog(directory: root.appendingPathComponent("Maps").path)
    static let library: SchemaLibrary = {
        do { return try SchemaLocator.load() } catch { fatalError("schemas: \(error)") }
    }()

    static func envelope(version: String, delimiters: Delimiters = .standard) -> EnvelopeSettings {
        EnvelopeSettings(senderQualifier: "ZZ", senderID: "EDIGATE", receiverQualifier: "ZZ", receiverID: "PARTNER", senderGroupID: "EDIGATE", receiverGroupID: "PARTNER", version: version, delimiters: delimiters, interchangeControl: 42, groupControl: 42, setControl: 1, date: "20261126", time: "1200")
    }

    static func generator(partner: String? = nil) -> DocumentGenerator {
        DocumentGenerator(catalog: catalog, library: library, partner: partner)
    }

    static func translator(partner: String? = nil) -> DocumentTranslator {
        DocumentTranslator(catalog: catalog, library: library, partner: partner)
    }

    static func translate(_ bytes: [UInt8], partner: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> [CanonicalDocument] {
        let result = translator(partner: partner).translate(try InterchangeFile.read(bytes: bytes))
        XCTAssertEqual(result.failures.map(\.description), [], file: file, line: line)
        return result.documents
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Segments of the generated interchange without the envelope, one string per segment.
    static func body(_ bytes: [UInt8]) throws -> [String] {
        let file = try InterchangeFile.read(bytes: bytes)
        return file.interchanges[0].groups[0].transactionSets[0].segments.dropFirst().dropLast().map { $0.fields.joined(separator: "*") }
    }

    static func json(_ document: CanonicalDocument) throws -> String {
        try CanonicalDocument.jsonArray([document], pretty: false)
    }

    static func decimal(_ s: String) -> Decimal { Decimal(string: s)! }

    static let ship: Party = Party(id: "0012", idQualifier: "92", name: "STORE 12", address: ["1 MAIN ST", "DOCK 4"], city: "SPRINGFIELD", state: "IL", postalCode: "62701", country: "US")

    static let acknowledgment = OrderAcknowledgment(poNumber: "PO-1001", poDate: "2026-11-20", ackDate: "2026-11-21", status: .acceptedWithChanges, shipTo: ship, lines: [
        .init(lineNumber: "1", quantity: decimal("10"), uom: "EA", unitPrice: decimal("2.5"), buyerPartNumber: "B-100", vendorPartNumber: "V-100", productIds: [.init(qualifier: "BP", id: "B-100"), .init(qualifier: "VN", id: "V-100")], status: "IA", ackQuantity: decimal("10"), scheduledDate: "2026-11-25"),
        .init(lineNumber: "2", quantity: decimal("5"), uom: "CA", unitPrice: decimal("19.99"), buyerPartNumber: "B-200", productIds: [.init(qualifier: "BP", id: "B-200")], status: "IQ", ackQuantity: decimal("3")),
        .init(lineNumber: "3", quantity: decimal("1"), uom: "EA", unitPrice: decimal("7.10"), vendorPartNumber: "V-300", productIds: [.init(qualifier: "VN", id: "V-300")], status: "IP", ackUnitPrice: decimal("7.35")),
    ])

    /// Valid SSCC-18s (GS1 mod-10 check digits; 106141411234567897 is GS1's own example).
    static let sscc1 = "000123450000000010"
    static let sscc2 = "000123450000000027"
    static let sscc3 = "000123450000000034"

    static let shipNotice = ShipNotice(shipmentId: "SH-77", shipDate: "2026-11-24", carrier: .init(scac: "UPSN", trackingNumber: "1Z999"), billOfLading: "BOL-9", shipFrom: Party(id: "DC1", idQualifier: "92", name: "MAIN DC", address: ["9 DEPOT RD"], city: "DAYTON", state: "OH", postalCode: "45402", country: "US"), shipTo: ship, orders: [
        .init(poNumber: "PO-1001", poDate: "2026-11-20", packs: [
            .init(sscc: sscc1, items: [.init(lineNumber: "1", buyerPartNumber: "B-100", vendorPartNumber: "V-100", gtin: "012345678905", productIds: [.init(qualifier: "BP", id: "B-100"), .init(qualifier: "VN", id: "V-100"), .init(qualifier: "UP", id: "012345678905")], quantity: decimal("10"), uom: "EA")]),
            .init(sscc: sscc2, items: [.init(lineNumber: "2", buyerPartNumber: "B-200", productIds: [.init(qualifier: "BP", id: "B-200")], quantity: decimal("3"), uom: "CA"), .init(lineNumber: "3", vendorPartNumber: "V-300", productIds: [.init(qualifier: "VN", id: "V-300")], quantity: decimal("1"), uom: "EA")]),
        ]),
    ])

    static let invoice = Invoice(invoiceNumber: "INV-5001", invoiceDate: "2026-11-25", poNumber: "PO-1001", poDate: "2026-11-20", currency: "USD", terms: .init(discountPercent: decimal("2"), discountDays: 10, netDays: 30), remitTo: Party(id: "123456789", idQualifier: "1", name: "DISTRIBUTOR INC"), billTo: Party(id: "HQ", idQualifier: "92", name: "ACME HQ"), shipTo: ship, lines: [
        .init(lineNumber: "1", quantity: decimal("10"), uom: "EA", unitPrice: decimal("2.5"), buyerPartNumber: "B-100", vendorPartNumber: "V-100", gtin: "012345678905", description: "WIDGET", productIds: [.init(qualifier: "BP", id: "B-100"), .init(qualifier: "VN", id: "V-100"), .init(qualifier: "UP", id: "012345678905")]),
        .init(lineNumber: "2", quantity: decimal("3"), uom: "CA", unitPrice: decimal("19.99"), buyerPartNumber: "B-200", productIds: [.init(qualifier: "BP", id: "B-200")]),
        .init(lineNumber: "3", quantity: decimal("3"), uom: "EA", unitPrice: decimal("0.333"), description: "SPRING"),
    ], charges: [Charge(kind: .charge, code: "D240", amount: decimal("12.5"), description: "FREIGHT"), Charge(kind: .allowance, code: "C310", amount: decimal("3"))], tax: decimal("4.21"))
}
