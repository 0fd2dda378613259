import Foundation
import XCTest
import X12Schemas
@testable import X12

final class SchemaLibraryTests: XCTestCase {
    func testLoads() throws {
        let library = try SchemaLocator.load()
        XCTAssertNotNil(library.schema(transactionSet: "850", version: "004010"))
    }

    /// The schemas compiled into the binary are the folder's: every bundled sample validates to
    /// the same codes and the same errors with either.
    func testTheBuiltInSchemasAreTheFolders() throws {
        let folder = try SchemaLibrary(directory: try XCTUnwrap(SchemaResources.directory))
        let builtIn = try SchemaResources.builtIn()
        XCTAssertEqual(builtIn.versions, folder.versions)
        var compared = 0
        let samples = try FileManager.default.subpathsOfDirectory(atPath: TestSupport.fixtures.path).filter { $0.hasSuffix(".edi") || $0.hasSuffix(".x12") || $0.hasSuffix(".txt") }
        for sample in samples {
            guard let file = try? InterchangeFile.read(path: TestSupport.fixtures.appendingPathComponent(sample).path) else { continue }
            let a = InterchangeValidator(library: folder).validate(file)
            let b = InterchangeValidator(library: builtIn).validate(file)
            XCTAssertEqual(a.map(\.acknowledgmentCode), b.map(\.acknowledgmentCode), sample)
            XCTAssertEqual(a.map { $0.groups.map(\.errorCodes) }, b.map { $0.groups.map(\.errorCodes) }, sample)
            XCTAssertEqual(a.map { $0.groups.flatMap { $0.sets.map(\.segmentErrors.count) } }, b.map { $0.groups.flatMap { $0.sets.map(\.segmentErrors.count) } }, sample)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 20)
    }
}
