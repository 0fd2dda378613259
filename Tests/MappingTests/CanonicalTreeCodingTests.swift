import Documents
import Foundation
import XCTest
@testable import Mapping
@testable import X12

/// The direct tree encoder and decoder must give exactly what the JSON text path gives, and
/// step aside (throw) wherever they are not sure, so that the text path decides and words errors.
final class CanonicalTreeCodingTests: XCTestCase {
    /// Every inbound set the default maps read from the fixture corpus: the tree MapReader
    /// builds decodes directly (no fallback) to the same document as through JSON text.
    func testMapReaderTreesDecodeDirectlyToWhatJSONDecoderMakesOfThem() throws {
        let samples = MappingTestSupport.root.appendingPathComponent("Tests/Fixtures")
        let files = try FileManager.default.subpathsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".edi") }.sorted()
        var compared = 0
        for name in files {
            guard let bytes = FileManager.default.contents(atPath: samples.appendingPathComponent(name).path),
                  let file = try? InterchangeFile.read(bytes: Array(bytes)) else { continue }
            for interchange in file.interchanges {
                for group in interchange.groups {
                    for set in group.transactionSets {
                        guard let map = try? MappingTestSupport.catalog.map(transactionSet: set.type, direction: .inbound, partner: nil) else { continue }
                        let reader = MapReader(map: map, schema: MappingTestSupport.library.schema(transactionSet: set.type, version: group.version), version: group.version)
                        guard let tree = try? reader.read(set) else { continue }
                        guard let viaText = try? CanonicalDocument.decode(map.document, json: Array(CanonicalJSON.write(tree).utf8)) else {
                            // Not a complete document: the direct decoder must not make one either.
                            XCTAssertThrowsError(try CanonicalDocument.decodeTree(map.document, value: tree), "\(name) \(set.type) \(set.control)")
                            continue
                        }
                        let direct = try CanonicalDocument.decodeTree(map.document, value: tree)
                        XCTAssertEqual(direct, viaText, "\(name) \(set.type) \(set.control)")
                        XCTAssertEqual(try MappingTestSupport.json(direct), try MappingTestSupport.json(viaText), "\(name) \(set.type) \(set.control)")
                        compared += 1
                    }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 15, "the fixture corpus gives 18 inbound documents")
    }

    /// Outbound documents (with nested arrays, optionals, enums, Decimals, Ints) encode
    /// directly to the tree JSONEncoder's text parses to, and back.
    func testDocumentsEncodeDirectlyToTheTreeOfTheirJSONText() throws {
        let documents: [CanonicalDocument] = [
            .orderAcknowledgment(MappingTestSupport.acknowledgment),
            .shipNotice(MappingTestSupport.shipNotice),
            .invoice(MappingTestSupport.invoice),
        ]
        for document in documents {
            let tree = try CanonicalValueEncoder.encode(document)
            XCTAssertEqual(tree, try document.jsonCanonicalValue, "\(document.type)")
            let back = try CanonicalDocument.decodeTree(document.type, value: tree)
            XCTAssertEqual(back, document)
            XCTAssertEqual(try MappingTestSupport.json(back), try MappingTestSupport.json(document))
        }
    }

    func testDecimalsKeepTheirDigitsBothWays() throws {
        for text in ["0", "-0", "0.000", "1.50", "-12.340", "19.99", "12345678901234567890", "0.0000000000000000000001", "999999999999999999999.123"] {
            let value = CanonicalValue.object(["d": .number(text)])
            let direct = try CanonicalValueDecoder.decode(Holder.self, from: value)
            let viaText = try JSONDecoder().decode(Holder.self, from: Data(CanonicalJSON.write(value).utf8))
            XCTAssertEqual(direct.d.description, viaText.d.description, text)
            XCTAssertEqual(direct.d.exponent, viaText.d.exponent, text)
            XCTAssertEqual(direct.d.significand, viaText.d.significand, text)
            XCTAssertEqual(try CanonicalValueEncoder.encode(direct), try CanonicalJSON.parse(Array(JSONEncoder().encode(viaText))), text)
        }
    }

    /// What the direct decoder is not sure of, it leaves to JSONDecoder: it throws rather than guess.
    func testTheDirectDecoderStepsAsideWhereItIsNotSure() {
        let unsure: [CanonicalValue] = [
            .object(["d": .number("1e2")]),         // exponent form
            .object(["d": .number("012")]),         // not JSON
            .object(["d": .number("1.")]),          // not JSON
            .object(["d": .number(String(repeating: "9", count: 39))]),  // beyond 38 digits
            .object(["d": .string("1.5")]),         // a string where a number belongs
            .object(["d": .null]),
            .object([:]),
            .array([]),
        ]
        for value in unsure {
            XCTAssertThrowsError(try CanonicalValueDecoder.decode(Holder.self, from: value), "\(value)")
        }
        XCTAssertThrowsError(try CanonicalValueDecoder.decode(Counted.self, from: .object(["n": .number("1.0")])))
        XCTAssertEqual(try CanonicalValueDecoder.decode(Counted.self, from: .object(["n": .number("-42")])).n, -42)
        XCTAssertThrowsError(try CanonicalValueEncoder.encode(Measured(x: 1.5)), "floating point is left to JSONEncoder")
    }

    /// Through the public entry points, an incomplete document fails with JSONDecoder's own
    /// words (the text path decides), and an exponent number still decodes (through the text).
    func testDocumentsFallBackToTheTextPathForErrorsAndUnusualNumbers() throws {
        let missing = CanonicalValue.object(["poNumber": .string("PO-1")])
        XCTAssertThrowsError(try CanonicalDocument(type: .purchaseOrder, value: missing)) { error in
            XCTAssertTrue(error is DecodingError, "\(error)")
            XCTAssertTrue(MapReader.describe(error).contains("poDate"), MapReader.describe(error))
        }
        var tree = try CanonicalValueEncoder.encode(CanonicalDocument.invoice(MappingTestSupport.invoice))
        guard case .object(var members) = tree, case .object(var terms) = members["terms"] else { return XCTFail("invoice terms") }
        terms["discountPercent"] = .number("2e0")
        members["terms"] = .object(terms)
        tree = .object(members)
        XCTAssertThrowsError(try CanonicalDocument.decodeTree(.invoice, value: tree))
        guard case .invoice(let invoice) = try CanonicalDocument(type: .invoice, value: tree) else { return XCTFail("not an invoice") }
        XCTAssertEqual(invoice.terms?.discountPercent, 2)
    }

    private struct Holder: Codable { var d: Decimal }
    private struct Counted: Codable { var n: Int }
    private struct Measured: Codable { var x: Double }
}
