import Foundation
import XCTest
@testable import Store

/// A file kept in the content folder beyond what the console sends whole is named, with where
/// its bytes are, instead of being loaded into the service's memory.
final class ConsoleContentLimitTests: XCTestCase {
    func testAnInboundFileTooLargeForTheConsoleIsNamedNotLoaded() async throws {
        let gateway = try await SeededGateway.make()
        let id = gateway.receivedGlobex.id
        let sha256 = gateway.receivedGlobex.sha256
        // As the store records a 2 GB file: kept in the folder, its row with an empty value.
        try await gateway.store.database.write { db in
            try db.execute(sql: "UPDATE inbound_contents SET kept = 'folder', size = ?, bytes = x'' WHERE sha256 = ?", arguments: [Int64(2) << 30, sha256])
        }
        try await gateway.withConsole { console in
            let content = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/inbound/\(id)/content")
            XCTAssertEqual(content.status, 422)
            XCTAssertEqual(content.contentType, "application/problem+json")
            let detail = try XCTUnwrap(try content.object()["detail"] as? String)
            XCTAssertTrue(detail.hasPrefix("inbound/\(id) is 2048 MB; the console shows files up to 64 MB."), detail)
            XCTAssertTrue(detail.contains("gateway.sqlite.contents/\(sha256.prefix(2))/\(sha256)"), detail)
        }
    }
}
