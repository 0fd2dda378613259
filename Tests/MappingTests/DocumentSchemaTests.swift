import Foundation
import XCTest
@testable import Mapping

/// docs/schemas/*.json are written from `DocumentShape`, the same description the map
/// loader checks field paths against; this keeps the published contract and the code in step.
/// `EDIGATE_WRITE_SCHEMAS=1 swift test --filter DocumentSchemaTests` rewrites them.
final class DocumentSchemaTests: XCTestCase {
    func testPublishedSchemasMatchTheDocuments() throws {
        let folder = MappingTestSupport.root.appendingPathComponent("docs/schemas")
        for type in CanonicalDocumentType.allCases {
            let url = folder.appendingPathComponent("\(type.rawValue).schema.json")
            let text = DocumentShape.of(type).jsonSchema(title: type.rawValue)
            if ProcessInfo.processInfo.environment["EDIGATE_WRITE_SCHEMAS"] == "1" {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            let published = try String(contentsOf: url, encoding: .utf8)
            XCTAssertEqual(published, text, "\(url.path) is out of date")
            // It is JSON, and every field a canonical document encodes is described.
            let schema = try CanonicalJSON.parse(published)
            XCTAssertEqual(schema["title"], .string(type.rawValue))
        }
    }

    func testEveryEncodedFieldIsInTheShape() throws {
        let documents: [CanonicalDocument] = [.orderAcknowledgment(MappingTestSupport.acknowledgment), .shipNotice(MappingTestSupport.shipNotice), .invoice(MappingTestSupport.invoice),
                                              .purchaseOrder(TranslateInboundTests.expected)]
        for document in documents {
            let shape = DocumentShape.of(document.type)
            func walk(_ value: CanonicalValue, _ path: String) {
                switch value {
                case .object(let members):
                    for (key, member) in members { walk(member, path.isEmpty ? key : "\(path).\(key)") }
                case .array(let items):
                    for item in items { walk(item, path + "[]") }
                default:
                    XCTAssertNotNil(shape.resolve(path), "\(document.type.rawValue).\(path) is not in DocumentShape")
                }
            }
            walk(try document.canonicalValue, "")
        }
    }
}
