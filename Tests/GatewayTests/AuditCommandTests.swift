import Foundation
import GRDB
import XCTest
@testable import Gateway
@testable import Store

/// `edigate audit` as ops run it: the built binary, on a real database file.
final class AuditCommandTests: XCTestCase {
    private struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    private func edigate(_ arguments: [String]) throws -> Run {
        let run = try EdigateBinary.run(try EdigateBinary.locate(), arguments)
        return Run(status: run.status, output: run.stdout, errors: run.stderr)
    }

    private func seed(_ path: String) async throws {
        let store = try GatewayStore(path: path)
        for (index, partner) in ["acme", "globex", "acme", "acme"].enumerated() {
            try await store.audit.append(AuditEvent(partner: partner, document: "invoice/INV-\(index + 1)", kind: AuditEventKind("invoice.sent"),
                                                    details: ["amount": .text("\(index + 1)00.00")]))
        }
    }

    func testVerifyAndListOnAnIntactTrail() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        try await seed(path)

        let verify = try edigate(["audit", "verify", "--db", path])
        XCTAssertEqual(verify.status, 0, verify.errors)
        XCTAssertTrue(verify.output.hasPrefix("ok: 4 entries, head 4:"), verify.output)

        let list = try edigate(["audit", "list", "--db", path, "--partner", "acme", "--limit", "2"])
        XCTAssertEqual(list.status, 0, list.errors)
        let lines = list.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        let objects = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        XCTAssertEqual(objects.map { $0["sequence"] as? Int }, [3, 4])
        XCTAssertEqual(objects.map { $0["partner"] as? String }, ["acme", "acme"])
        XCTAssertEqual((objects[1]["details"] as? [String: Any])?["amount"] as? String, "400.00")
        XCTAssertEqual((objects[1]["hash"] as? String)?.count, 64)
    }

    func testVerifyNamesTheTamperedSequenceAndExitsOne() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        try await seed(path)
        try DatabaseQueue(path: path).inDatabase { db in
            try db.execute(sql: "DROP TRIGGER audit_log_refuses_update")
            try db.execute(sql: "UPDATE audit_log SET partner = 'initech' WHERE sequence = 3")
        }
        let verify = try edigate(["audit", "verify", "--db", path])
        XCTAssertEqual(verify.status, 1)
        XCTAssertTrue(verify.output.hasPrefix("broken at sequence 3:"), verify.output)
    }

    func testMissingDatabaseExitsTwoAndCreatesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("absent.sqlite")
        let verify = try edigate(["audit", "verify", "--db", path])
        XCTAssertEqual(verify.status, 2)
        XCTAssertTrue(verify.errors.contains("no such file"), verify.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }
}
