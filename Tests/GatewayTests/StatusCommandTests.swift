import Foundation
import XCTest
@testable import Store

/// `edigate status` as ops run it: the partners' picture, then the store's free disk space,
/// which below the reserve makes the status one that needs a person.
final class StatusCommandTests: XCTestCase {
    func testStatusEndsWithTheStoresFreeSpaceAndFlagsAShortDisk() async throws {
        let directory = try TemporaryDirectory()
        let store = directory.path("gateway.sqlite")
        _ = try GatewayStore(path: store)
        let binary = try EdigateBinary.locate()

        let fine = try EdigateBinary.run(binary, ["status", "--db", store])
        XCTAssertEqual(fine.status, 0, fine.stderr)
        let last = try XCTUnwrap(fine.stdout.split(separator: "\n").last.map(String.init))
        XCTAssertTrue(last.hasPrefix("store \(store): "), last)
        XCTAssertTrue(last.hasSuffix(" MB free on its disk"), last)

        // A reserve larger than any disk: the gateway would take nothing, and status says so.
        try FileManager.default.createDirectory(atPath: directory.path("partners"), withIntermediateDirectories: true)
        try """
            store: \(store)
            partners: \(directory.path("partners"))
            erp:
              baseURL: http://127.0.0.1:1
            poll:
              minimumFreeMB: 1000000000000
            """.write(toFile: directory.path("gateway.yaml"), atomically: true, encoding: .utf8)
        let short = try EdigateBinary.run(binary, ["status", "--config", directory.path("gateway.yaml")])
        XCTAssertEqual(short.status, 1, short.stdout + short.stderr)
        XCTAssertTrue(short.stdout.contains("below the reserve of 1000000000000 MB: no new file is taken"), short.stdout)
    }
}
