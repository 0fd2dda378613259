import Foundation
import StoreHarness
import X12
import XCTest
@testable import Gateway
@testable import Store

final class OutboundAcknowledgmentTests: XCTestCase {
    func testOutboundIsRecordedAndItsGroupAwaitsAcknowledgment() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        let text = X12Text.orderAcknowledgment()
        let interchange = try XCTUnwrap(try InterchangeFile.read(bytes: Array(text.utf8)).interchanges.first)
        let sentAt = Date(timeIntervalSince1970: 1_795_000_000)
        let document = try await store.recordOutbound(partner: "acme", type: "855", interchange: interchange, bytes: Data(text.utf8), sentAt: sentAt)

        XCTAssertEqual(document.interchangeControl, "000000101")
        XCTAssertEqual(document.groupControls, ["101"])
        XCTAssertEqual(document.setControls, ["0001", "0002"])
        XCTAssertEqual(document.sentAt, sentAt)
        let bytes = try await store.contents(ofOutbound: document.id)
        XCTAssertEqual(bytes, Data(text.utf8))
        let awaiting = try await store.sentGroups(partner: "acme", outcome: .awaiting)
        XCTAssertEqual(awaiting.count, 1)
        XCTAssertEqual(awaiting.first?.outboundID, document.id)
        XCTAssertEqual(awaiting.first?.group, SentGroup.records(of: interchange, sentAt: 1_795_000_000).first)
        let last = try await store.audit.entries().last
        XCTAssertEqual(last?.event, "outbound.sent")
        XCTAssertEqual(last?.document, document.documentReference)
    }

    func testReconcilerVerdictIsStoredOnceAndAudited() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        let sent = X12Text.orderAcknowledgment()
        let interchange = try XCTUnwrap(try InterchangeFile.read(bytes: Array(sent.utf8)).interchanges.first)
        let document = try await store.recordOutbound(partner: "acme", type: "855", interchange: interchange, bytes: Data(sent.utf8),
                                                      sentAt: Date(timeIntervalSince1970: 1_795_000_000))

        let answers = AcknowledgmentReconciler.acknowledgments(in: [try InterchangeFile.read(bytes: Array(X12Text.functionalAcknowledgment().utf8))])
        XCTAssertEqual(answers.problems, [])
        let awaiting = try await store.sentGroups(outcome: .awaiting).map(\.group)
        let outcomes = AcknowledgmentReconciler(window: 86_400).reconcile(sent: awaiting, functional: answers.functional,
                                                                          interchange: answers.interchange, now: 1_795_003_600)
        let decided = try await store.markAcknowledged(outcomes, at: Date(timeIntervalSince1970: 1_795_003_600))

        XCTAssertEqual(decided.count, 1)
        let record = try XCTUnwrap(decided.first)
        XCTAssertEqual(record.outcome, .acceptedWithErrors)
        XCTAssertEqual(record.decidedBy, "997")
        XCTAssertEqual(record.setOutcomes.map(\.outcome), [.accepted, .rejected])
        XCTAssertEqual(record.acknowledgedAt, Date(timeIntervalSince1970: 1_795_003_600))
        let stillAwaiting = try await store.sentGroups(outcome: .awaiting)
        XCTAssertTrue(stillAwaiting.isEmpty)

        // The same 997 arriving again does not rewrite the verdict.
        let again = try await store.markAcknowledged(outcomes)
        XCTAssertTrue(again.isEmpty)
        let events = try await store.audit.entries(document: document.documentReference).map(\.event)
        XCTAssertEqual(events, ["outbound.sent", "outbound.acknowledged"])
    }

    func testAwaitingOutcomesChangeNothing() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        let sent = X12Text.orderAcknowledgment()
        let interchange = try XCTUnwrap(try InterchangeFile.read(bytes: Array(sent.utf8)).interchanges.first)
        _ = try await store.recordOutbound(partner: "acme", type: "855", interchange: interchange, bytes: Data(sent.utf8),
                                           sentAt: Date(timeIntervalSince1970: 1_795_000_000))
        let awaiting = try await store.sentGroups(outcome: .awaiting).map(\.group)
        let outcomes = AcknowledgmentReconciler(window: 60).reconcile(sent: awaiting, functional: [], interchange: [], now: 1_795_086_400)
        XCTAssertEqual(outcomes.first?.overdue, true)
        let decided = try await store.markAcknowledged(outcomes)
        XCTAssertTrue(decided.isEmpty)
        let stillAwaiting = try await store.sentGroups(outcome: .awaiting)
        XCTAssertEqual(stillAwaiting.count, 1)
    }
}
