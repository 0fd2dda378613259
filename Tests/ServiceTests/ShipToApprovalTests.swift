import AsyncHTTPClient
import Foundation
import NIOHTTP1
import XCTest

/// 816 → ship-to master through the running service: a partner's location list proposes a new
/// store, an order to it waits for a person, finance approves it in the console's API, the
/// service applies it to the reference ERP at once and the waiting order is answered.
final class ShipToApprovalTests: XCTestCase {
    private func bearer(_ token: String) -> (String, String) { ("Authorization", "Bearer \(token)") }
    private let marker = ("X-EDIGate-Console", "approve")

    func testFinanceApprovesANewStoreAndTheWaitingOrderIsAnswered() async throws {
        try await ServiceHarness.with { gateway in
            let port = try await gateway.start()
            let list = try String(contentsOf: ServiceHarness.repository.appendingPathComponent("demo/acme-retail-816.edi"), encoding: .utf8)
            try Data(list.utf8).write(to: gateway.partnerRoot.appendingPathComponent("inbound/locations.edi"))
            let ops = bearer(ServiceHarness.opsToken)
            var changes: [[String: Any]] = []
            try await gateway.wait("the proposed changes") {
                let answer = try await gateway.send(.GET, "/api/ship-to-changes?status=pending", port: port, headers: [ops])
                changes = (try? JSONSerialization.jsonObject(with: answer.body)) as? [[String: Any]] ?? []
                return changes.count == 3
            }
            XCTAssertEqual(Set(changes.compactMap { $0["locationCode"] as? String }), ["DC01", "0042", "0077"])
            let store77 = try XCTUnwrap(changes.first { $0["locationCode"] as? String == "0077" })
            let id = try XCTUnwrap(store77["id"] as? Int)

            // An order to store 77 waits for a person.
            var order = try String(contentsOf: ServiceHarness.repository.appendingPathComponent("demo/acme-retail-850.edi"), encoding: .utf8)
            order = order.replacingOccurrences(of: "*000004711*", with: "*000007701*").replacingOccurrences(of: "IEA*1*000004711", with: "IEA*1*000007701")
                .replacingOccurrences(of: "*4711*X*", with: "*7701*X*").replacingOccurrences(of: "GE*1*4711", with: "GE*1*7701")
                .replacingOccurrences(of: "PO-88231", with: "PO-7701")
                .replacingOccurrences(of: "N1*ST*ACME STORE 12*92*0012~\nN3*12 MAIN ST~\nN4*SPRINGFIELD*IL*62701*US~", with: "N1*ST*ACME STORE 77*92*0077~\nN3*77 OAK AVE~\nN4*PEORIA*IL*61602*US~")
            try Data(order.utf8).write(to: gateway.partnerRoot.appendingPathComponent("inbound/po-7701.edi"))
            try await gateway.wait("the order held for a person") {
                let held = try await gateway.send(.GET, "/api/inbound?state=held", port: port, headers: [ops])
                return held.text.contains("ship-to 0077 awaits approval")
            }
            XCTAssertFalse(gateway.outboundFiles().contains { $0.hasPrefix("855-") })

            // Who may decide: not without the console's header, not the ERP's token.
            let noMarker = try await gateway.send(.POST, "/api/ship-to-changes/\(id)/approve", port: port, headers: [bearer(ServiceHarness.financeToken)])
            XCTAssertEqual(noMarker.status, 403, noMarker.text)
            let erp = try await gateway.send(.POST, "/api/ship-to-changes/\(id)/approve", port: port, headers: [bearer(ServiceHarness.token), marker])
            XCTAssertEqual(erp.status, 403, erp.text)
            let badBody = try await gateway.send(.POST, "/api/ship-to-changes/\(id)/approve", port: port, body: Data("[1]".utf8),
                                                 headers: [bearer(ServiceHarness.financeToken), marker])
            XCTAssertEqual(badBody.status, 400, badBody.text)

            let approved = try await gateway.send(.POST, "/api/ship-to-changes/\(id)/approve", port: port, body: Data(#"{"note": "new store opened 2026-12"}"#.utf8),
                                                  headers: [bearer(ServiceHarness.financeToken), marker])
            XCTAssertEqual(approved.status, 200, approved.text)
            XCTAssertEqual(approved.json["decidedBy"] as? String, "finance-team")
            XCTAssertEqual(approved.json["note"] as? String, "new store opened 2026-12")
            // Another change rejected by ops; unknown ids are 404.
            let dc = try XCTUnwrap(changes.first { $0["locationCode"] as? String == "DC01" }?["id"] as? Int)
            let rejected = try await gateway.send(.POST, "/api/ship-to-changes/\(dc)/reject", port: port, headers: [ops, marker])
            XCTAssertEqual(rejected.status, 200, rejected.text)
            XCTAssertEqual(rejected.json["status"] as? String, "rejected")
            let unknown = try await gateway.send(.POST, "/api/ship-to-changes/99999/approve", port: port, headers: [ops, marker])
            XCTAssertEqual(unknown.status, 404, unknown.text)
            let again = try await gateway.send(.POST, "/api/ship-to-changes/\(dc)/approve", port: port, headers: [ops, marker])
            XCTAssertEqual(again.status, 409, again.text)

            try await gateway.wait("the change applied and the order answered") {
                gateway.outboundFiles().contains { $0.hasPrefix("855-") }
            }
            let applied = try await gateway.send(.GET, "/api/ship-to-changes?status=applied", port: port, headers: [ops])
            XCTAssertTrue(applied.text.contains("ST-ACME-0077"), applied.text)
            let file = try XCTUnwrap(gateway.outboundFiles().first { $0.hasPrefix("855-") })
            let answer = String(decoding: try Data(contentsOf: gateway.partnerRoot.appendingPathComponent("outbound/\(file)")), as: UTF8.self)
            XCTAssertTrue(answer.contains("BAK*00*"), answer)
            XCTAssertTrue(answer.contains("N1*ST*ACME STORE 77*92*0077~"), answer)
            let audit = try await gateway.send(.GET, "/api/audit?document=shipto-change/\(id)", port: port, headers: [ops])
            XCTAssertTrue(audit.text.contains("shipto.applied"), audit.text)
            XCTAssertTrue(audit.text.contains("finance-team"), audit.text)
            // Once in the ERP a change is not decided again.
            let late = try await gateway.send(.POST, "/api/ship-to-changes/\(id)/reject", port: port, headers: [ops, marker])
            XCTAssertEqual(late.status, 409, late.text)
            try await gateway.stop()
        }
    }
}
