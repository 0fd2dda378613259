import Foundation
import StoreHarness
import XCTest
@testable import Gateway
@testable import Store

final class InboundLifecycleTests: XCTestCase {
    private func record(_ store: GatewayStore, _ text: String, partner: String = "acme", at date: Date = Date()) async throws -> InboundFile {
        let bytes = Data(text.utf8)
        return try await store.recordInbound(partner: partner, name: "\(text).edi", sha256: ContentDigest.sha256(bytes), bytes: bytes, receivedAt: date).file
    }

    func testReceivedProcessingDone() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
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
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
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
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
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

    /// A worker that stopped mid-way (another host, so its process cannot be checked) keeps its
    /// claim until its lease runs out; only then does a restart put the file back in line,
    /// counting the interruption.
    func testInterruptedProcessingIsRequeuedOnlyOnceItsLeaseRanOut() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        let start = Date()
        var store: GatewayStore? = try TestStore.open(path: path)
        let file = try await record(store!, "one")
        let gone = WorkerIdentity(host: "other-host", pid: 4242, tag: "gone")
        _ = try await store!.claimNextInbound(lease: Lease(owner: gone, seconds: 60), at: start)
        store = nil

        let reopened = try TestStore.open(path: path)
        let stuck = try await reopened.inboundFiles(in: .processing)
        XCTAssertEqual(stuck.map(\.id), [file.id])
        XCTAssertEqual(stuck.first?.owner, gone.description)
        let early = try await reopened.requeueInterrupted(at: start.addingTimeInterval(30))
        XCTAssertEqual(early, [], "the lease still runs: its owner may be alive")
        let nothing = try await reopened.claimNextInbound(at: start.addingTimeInterval(30))
        XCTAssertNil(nothing, "nobody else may take a leased file")

        let requeued = try await reopened.requeueInterrupted(at: start.addingTimeInterval(61))
        XCTAssertEqual(requeued.map(\.id), [file.id])
        XCTAssertEqual(requeued.first?.attempts, 0)
        XCTAssertEqual(requeued.first?.interruptions, 1)
        let claimed = try await reopened.claimNextInbound(at: start.addingTimeInterval(62))
        XCTAssertEqual(claimed?.id, file.id)
        let events = try await reopened.audit.entries(document: file.documentReference).map(\.event)
        XCTAssertEqual(events, ["inbound.received", "inbound.processing", "inbound.requeued", "inbound.processing"])
    }

    /// A file that keeps ending its worker is quarantined at the limit instead of being taken
    /// over forever; ops release it with a fresh count.
    func testAFileInterruptedMaxInterruptionsTimesIsQuarantined() async throws {
        let store = try GatewayStore.inMemory()
        let file = try await record(store, "poison")
        var now = Date()
        let lease = Lease(owner: WorkerIdentity(host: "other-host", pid: 1, tag: "w"), seconds: 10, maxInterruptions: 3)
        _ = try await store.claimNextInbound(lease: lease, at: now)
        for expected in 1...2 {
            now = now.addingTimeInterval(11)
            let taken = try await store.claimNextInbound(lease: lease, at: now)
            XCTAssertEqual(taken?.id, file.id)
            XCTAssertEqual(taken?.interruptions, expected)
        }
        now = now.addingTimeInterval(11)
        let third = try await store.claimNextInbound(lease: lease, at: now)
        XCTAssertNil(third, "the third interruption quarantines it")
        let quarantined = try await store.inboundFiles(in: .quarantined)
        XCTAssertEqual(quarantined.map(\.id), [file.id])
        guard case .quarantined(let reason) = quarantined.first?.state else { return XCTFail("\(String(describing: quarantined.first?.state))") }
        XCTAssertTrue(reason.contains("interrupted 3 times"), reason)

        let released = try await store.retry(file.id, at: now)
        XCTAssertEqual(released.state, .received)
        XCTAssertEqual(released.interruptions, 0)
        let events = try await store.audit.entries(document: file.documentReference).map(\.event)
        XCTAssertEqual(events, ["inbound.received", "inbound.processing", "inbound.takenOver", "inbound.takenOver", "inbound.quarantined", "inbound.retried"])
        let verification = try await store.audit.verify()
        XCTAssertTrue(verification.isIntact)
    }

    /// A worker whose lease was taken over cannot finish the file: its transitions are refused.
    func testAWorkerThatLostItsLeaseCannotEndTheFile() async throws {
        let store = try GatewayStore.inMemory()
        let file = try await record(store, "slow")
        let start = Date()
        let slow = Lease(owner: WorkerIdentity(host: "other-host", pid: 1, tag: "slow"), seconds: 5)
        let fast = Lease(owner: WorkerIdentity(host: "other-host", pid: 2, tag: "fast"), seconds: 5)
        _ = try await store.claimNextInbound(lease: slow, at: start)
        try await store.renewLease(file.id, lease: slow, at: start.addingTimeInterval(4))
        let tooEarly = try await store.claimNextInbound(lease: fast, at: start.addingTimeInterval(8))
        XCTAssertNil(tooEarly, "renewed at +4 s, the lease runs to +9 s")
        let taken = try await store.claimNextInbound(lease: fast, at: start.addingTimeInterval(10))
        XCTAssertEqual(taken?.owner, fast.owner.description)
        do {
            try await store.markDone(file.id, owner: slow.owner, at: start.addingTimeInterval(11))
            XCTFail("the slow worker no longer holds the file")
        } catch let error as GatewayStoreError {
            guard case .leaseLost = error else { return XCTFail("\(error)") }
        }
        do {
            try await store.renewLease(file.id, lease: slow, at: start.addingTimeInterval(11))
            XCTFail("renewing a lost lease must fail")
        } catch let error as GatewayStoreError {
            guard case .leaseLost = error else { return XCTFail("\(error)") }
        }
        let done = try await store.markDone(file.id, owner: fast.owner, at: start.addingTimeInterval(12))
        XCTAssertEqual(done.state, .done)
    }

    /// Workers in two processes (two stores on one file) claiming at once never share a file.
    func testConcurrentClaimsTakeEachFileOnce() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        let stores = [try TestStore.open(path: path), try TestStore.open(path: path)]
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
