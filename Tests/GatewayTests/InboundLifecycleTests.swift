import Foundation
import XCTest
@testable import Gateway

final class InboundLifecycleTests: XCTestCase {
    private func record(_ store: GatewayStore, _ text: String, partner: String = "acme", at date: Date = Date()) async throws -> InboundFile {
        let bytes = Data(text.utf8)
        return try await store.recordInbound(partner: partner, name: "\(text).edi", sha256: ContentDigest.sha256(bytes), bytes: bytes, receivedAt: date).file
    }

    func testReceivedProcessingDone() async throws {
        let directory = try TemporaryDirectory()
        let store = try GatewayStore(path: directory.path("gateway.sqlite"))
        let file = try await record(store, "one")
        let claimed = try await store.claimNextInbound()
        XCTAssertEqual(claimed?.id, file.id)
        XCTAssertEqual(claimed?.state, .processing)
        let nothingLeft = try await store.claimNextInbound()
        XCTAssertNil(nothingLeft)
        let done = try await store.markDone(file.id)
        XCTAssertEqual(done.state, .done)
        let doneList = try await store.inboundFiles(in: .done)
        XCTAssertEqual(doneList.map(\.id), [file.id])
        let events = try await store.audit.entries(document: file.documentReference).map(\.event)
        XCTAssertEqual(events, ["inbound.received", "inbound.processing", "inbound.done"])
    }

    func testTransitionsOutsideTheLifeCycleAreRefused() async throws {
        let directory = try TemporaryDirectory()
        let store = try GatewayStore(path: directory.path("gateway.sqlite"))
        let file = try await record(store, "one")
        do {
            try await store.markDone(file.id)
            XCTFail("done without processing")
        } catch let error as GatewayStoreError {
            XCTAssertEqual(error, .invalidTransition(id: file.id, from: .received, to: .done))
        }
        do {
            try await store.retry(file.id)
            XCTFail("retry of a received file")
        } catch let error as GatewayStoreError {
            XCTAssertEqual(error, .invalidTransition(id: file.id, from: .received, to: .received))
        }
        do {
            try await store.startProcessing(999)
            XCTFail("unknown id")
        } catch let error as GatewayStoreError {
            XCTAssertEqual(error, .noSuchInboundFile(id: 999))
        }
        let unchanged = try await store.inboundFile(id: file.id)
        XCTAssertEqual(unchanged.state, .received)
    }

    func testFailedAndHeldFilesAreListedAndRetried() async throws {
        let directory = try TemporaryDirectory()
        let store = try GatewayStore(path: directory.path("gateway.sqlite"))
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let broken = try await record(store, "broken", at: start)
        let waiting = try await record(store, "waiting", at: start.addingTimeInterval(1))
        try await store.startProcessing(broken.id)
        try await store.startProcessing(waiting.id)
        let failed = try await store.markFailed(broken.id, reason: "ISA13 not numeric")
        let retryAt = start.addingTimeInterval(600)
        let held = try await store.markHeld(waiting.id, reason: "ERP unavailable: connection refused", retryAt: retryAt)

        XCTAssertEqual(failed.state, .failed(reason: "ISA13 not numeric"))
        XCTAssertEqual(held.state, .held(reason: "ERP unavailable: connection refused", retryAt: retryAt))
        let failedList = try await store.inboundFiles(in: .failed)
        XCTAssertEqual(failedList.map(\.id), [broken.id])
        let heldList = try await store.inboundFiles(in: .held, partner: "acme")
        XCTAssertEqual(heldList.map(\.id), [waiting.id])
        let otherPartner = try await store.inboundFiles(in: .held, partner: "globex")
        XCTAssertTrue(otherPartner.isEmpty)

        // A hold is not released before its time, and is after.
        let early = try await store.releaseDueHolds(now: start.addingTimeInterval(599))
        XCTAssertTrue(early.isEmpty)
        let due = try await store.releaseDueHolds(now: retryAt)
        XCTAssertEqual(due.map(\.id), [waiting.id])
        XCTAssertEqual(due.first?.state, .received)
        XCTAssertEqual(due.first?.attempts, 1)

        let retried = try await store.retry(broken.id)
        XCTAssertEqual(retried.state, .received)
        XCTAssertEqual(retried.attempts, 1)
        let queue = try await store.inboundFiles(in: .received)
        XCTAssertEqual(queue.map(\.id), [broken.id, waiting.id])
    }

    func testInterruptedProcessingIsRequeuedAfterARestart() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        var store: GatewayStore? = try GatewayStore(path: path)
        let file = try await record(store!, "one")
        _ = try await store!.claimNextInbound()
        store = nil

        let reopened = try GatewayStore(path: path)
        let stuck = try await reopened.inboundFiles(in: .processing)
        XCTAssertEqual(stuck.map(\.id), [file.id])
        let requeued = try await reopened.requeueInterrupted()
        XCTAssertEqual(requeued.map(\.id), [file.id])
        XCTAssertEqual(requeued.first?.attempts, 0)
        let claimed = try await reopened.claimNextInbound()
        XCTAssertEqual(claimed?.id, file.id)
        let events = try await reopened.audit.entries(document: file.documentReference).map(\.event)
        XCTAssertEqual(events, ["inbound.received", "inbound.processing", "inbound.requeued", "inbound.processing"])
    }

    /// Workers in two processes (two stores on one file) claiming at once never share a file.
    func testConcurrentClaimsTakeEachFileOnce() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        let stores = [try GatewayStore(path: path), try GatewayStore(path: path)]
        var recorded: [Int64] = []
        for index in 0..<30 { recorded.append(try await record(stores[0], "file \(index)").id) }

        let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for worker in 0..<6 {
                let store = stores[worker % 2]
                group.addTask {
                    var mine: [Int64] = []
                    while let file = try await store.claimNextInbound() { mine.append(file.id) }
                    return mine
                }
            }
            return try await group.reduce(into: [Int64]()) { $0 += $1 }
        }
        XCTAssertEqual(claimed.count, 30)
        XCTAssertEqual(Set(claimed), Set(recorded))
        let processing = try await stores[1].inboundFiles(in: .processing)
        XCTAssertEqual(processing.count, 30)
    }
}
