import XCTest
@testable import X12

final class ScratchDump: XCTestCase {
    func testDump() throws {
        let library = try SchemaLocator.load()
        let validator = InterchangeValidator(library: library)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/x12-samples")
        let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }.filter { !$0.hasSuffix(".md") }.sorted()
        for f in files {
            guard let file = try? InterchangeFile.read(path: root.appendingPathComponent(f).path) else { print("UNREADABLE \(f)"); continue }
            for r in validator.validate(file) {
                for e in r.envelopeErrors { print("\(f): TA1 \(e.code.code) \(e.message)") }
                for g in r.groups {
                    if !g.errorCodes.isEmpty { print("\(f): GROUP \(g.version) \(g.errorCodes)") }
                    for s in g.sets {
                        if !s.errorCodes.isEmpty { print("\(f): SET \(s.type) \(s.errorCodes)") }
                        for se in s.segmentErrors {
                            print("\(f):   \(se.segmentID)@\(se.position) loop=\(se.loopID ?? "-") AK304=\(se.code.rawValue) \(se.message)")
                            for ee in se.elementErrors { print("\(f):      \(se.segmentID)\(ee.position)\(ee.componentPosition.map { "-\($0)" } ?? "") AK403=\(ee.code.rawValue) \(ee.message) [\(ee.value ?? "")]") }
                        }
                    }
                }
            }
        }
    }
}
