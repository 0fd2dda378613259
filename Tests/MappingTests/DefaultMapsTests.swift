import Foundation
import XCTest
@testable import Mapping

final class DefaultMapsTests: XCTestCase {
    /// Every YAML file in Sources/Mapping/Defaults is compiled in: a new default map that is
    /// not listed in `DefaultMaps.files` fails here rather than missing from the binary.
    func testEveryDefaultFileIsBuiltIn() throws {
        let folder = MappingTestSupport.root.appendingPathComponent("Sources/Mapping/Defaults").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertEqual(files.map { String($0.dropFirst("default-".count)) }.sorted(), DefaultMaps.names)
        for file in files {
            let name = String(file.dropFirst("default-".count))
            XCTAssertEqual(DefaultMaps.text(name), try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8), name)
        }
    }

    func testBuiltInMapsLoadWithoutAFolder() throws {
        let catalog = MapCatalog.builtIn
        XCTAssertEqual(catalog.checkAll(partner: nil).map(\.description), [])
        let map = try catalog.map(transactionSet: "850", direction: .inbound)
        XCTAssertEqual(map.sources, ["(built-in) 850-in.yaml"])
        XCTAssertTrue(catalog.hasMap(transactionSet: "860"))
        XCTAssertFalse(catalog.hasMap(transactionSet: "830"))
    }

    /// A folder with only a partner's override layers over the built-in default; a file at the
    /// top of the folder is a fork that replaces the built-in map for everyone.
    func testOverridesAndForksLayerOverTheBuiltInMaps() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-maps-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("p1"), withIntermediateDirectories: true)
        try Data("remove: [lines/description]\n".utf8).write(to: folder.appendingPathComponent("p1/850-in.yaml"))
        let catalog = MapCatalog(directory: folder.path)
        let merged = try catalog.map(transactionSet: "850", direction: .inbound, partner: "p1")
        XCTAssertEqual(merged.sources, ["(built-in) 850-in.yaml", folder.path + "/p1/850-in.yaml"])
        XCTAssertEqual(catalog.checkAll(partner: "p1").map(\.description), [])

        let written = try DefaultMaps.export(to: folder.path)
        XCTAssertEqual(written.count, DefaultMaps.names.count)
        XCTAssertThrowsError(try DefaultMaps.export(to: folder.path), "a second export must not replace a fork")
        let forked = MapCatalog(directory: folder.path)
        XCTAssertEqual(try forked.map(transactionSet: "850", direction: .inbound).sources, [folder.path + "/850-in.yaml"])
        XCTAssertEqual(try forked.map(transactionSet: "850", direction: .inbound, partner: "p1").sources, [folder.path + "/850-in.yaml", folder.path + "/p1/850-in.yaml"])
    }
}
