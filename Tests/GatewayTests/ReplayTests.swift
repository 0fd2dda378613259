import Foundation
import XCTest
@testable import Gateway
@testable import Store

/// Replay: a partner lost our 855; ops put it back in the outbox and the next poll uploads the
/// very same bytes under the same name and control numbers — never a new answer.
final class ReplayTests: XCTestCase {
    func testAReplayUploadsTheSameBytesAgain() async throws {
        try await PipelineHarness.with { gateway in
            _ = try await gateway.receiveDemoOrder()
            let original = try gateway.outbound("855-000000002.edi")
            let groupsBefore = try await gateway.store.sentGroups(partner: "acme-retail").count
            // The partner took the file away (and lost it).
            try FileManager.default.removeItem(at: gateway.partnerRoot.appendingPathComponent("outbound/855-000000002.edi"))

            let replayed = try await AuditCaller.$name.withValue("ops-lead") { try await gateway.store.replayOutbound(2, reason: "ticket 4711") }
            XCTAssertEqual(replayed.state, .pending)
            _ = await gateway.pipeline.poll()
            XCTAssertEqual(try gateway.outbound("855-000000002.edi"), original, "the same bytes, the same name")
            XCTAssertEqual(try gateway.files("outbound"), ["855-000000002.edi", "997-000000001.edi"], "no new interchange")
            let groupsAfter = try await gateway.store.sentGroups(partner: "acme-retail").count
            XCTAssertEqual(groupsAfter, groupsBefore, "the groups keep their one row and verdict")
            let events = try await gateway.store.audit.entries(document: "outbound/2")
            XCTAssertEqual(events.map(\.event), ["outbound.queued", "outbound.sent", "outbound.replayed", "outbound.sent"])
            let replay = try XCTUnwrap(events.first { $0.event == "outbound.replayed" })
            XCTAssertTrue(replay.details.contains("\"by\":\"ops-lead\""), replay.details)
            XCTAssertTrue(replay.details.contains("ticket 4711"), replay.details)

            // A pending interchange is on its way already: not replayed.
            _ = try await gateway.store.replayOutbound(2)
            do {
                _ = try await gateway.store.replayOutbound(2)
                XCTFail("a pending interchange must not be replayed")
            } catch GatewayStoreError.notReplayable(let id, let state) {
                XCTAssertEqual(id, 2)
                XCTAssertEqual(state, "pending")
            }
            let verification = try await gateway.store.audit.verify()
            XCTAssertTrue(verification.isIntact)
        }
    }
}
