import Foundation
import StoreHarness
import XCTest
@testable import Store

/// Instances sharing a store share out the partners: one poller per partner at a time.
/// Runs on both engines (scripts/postgres-tests.sh).
final class PartnerPollLeaseTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    private func lease(_ tag: String, seconds: TimeInterval = 30) -> Lease {
        Lease(owner: WorkerIdentity(host: "host-\(tag)", pid: 1, tag: tag), seconds: seconds)
    }

    func testOnePollerPerPartnerUntilReleasedOrRunOut() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        let (first, second) = (try TestStore.open(path: path), try TestStore.open(path: path))
        let (a, b) = (lease("a"), lease("b"))

        let aTakes = try await first.claimPartnerPoll("acme", lease: a, at: start)
        let bRefused = try await second.claimPartnerPoll("acme", lease: b, at: start.addingTimeInterval(1))
        let bOther = try await second.claimPartnerPoll("globex", lease: b, at: start.addingTimeInterval(1))
        let aRenews = try await first.claimPartnerPoll("acme", lease: a, at: start.addingTimeInterval(20))
        let bStillRefused = try await second.claimPartnerPoll("acme", lease: b, at: start.addingTimeInterval(40))
        XCTAssertEqual([aTakes, bRefused, bOther, aRenews, bStillRefused], [true, false, true, true, false],
                       "the renewal at 20 s holds the partner until 50 s")
        let pollers = try await first.partnerPollers(at: start.addingTimeInterval(41))
        XCTAssertEqual(pollers, ["acme": a.owner.description], "globex's lease, never renewed, ran out at 31 s")

        // Run out (no renewal after 20 s + 30 s): the other instance takes the partner over.
        let bTakesOver = try await second.claimPartnerPoll("acme", lease: b, at: start.addingTimeInterval(51))
        XCTAssertTrue(bTakesOver)
        let aRefusedNow = try await first.claimPartnerPoll("acme", lease: a, at: start.addingTimeInterval(52))
        XCTAssertFalse(aRefusedNow)

        // Released at the end of a poll: free at once.
        try await second.releasePartnerPoll("acme", owner: b.owner)
        let aAgain = try await first.claimPartnerPoll("acme", lease: a, at: start.addingTimeInterval(53))
        XCTAssertTrue(aAgain)
        // A release by someone who does not hold the lease changes nothing.
        try await second.releasePartnerPoll("acme", owner: b.owner)
        let bRefusedAgain = try await second.claimPartnerPoll("acme", lease: b, at: start.addingTimeInterval(54))
        XCTAssertFalse(bRefusedAgain)
    }

    /// A poller on this host whose process is gone (kill -9) loses the partner at once, not
    /// after its lease: the next instance carries on.
    func testADeadLocalPollerIsTakenOverAtOnce() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        let dead = Lease(owner: WorkerIdentity(host: WorkerIdentity.thisProcess.host, pid: Int32.max - 1, tag: "gone"), seconds: 300)
        let taken = try await store.claimPartnerPoll("acme", lease: dead, at: start)
        XCTAssertTrue(taken)
        let live = try await store.claimPartnerPoll("acme", lease: lease("live"), at: start.addingTimeInterval(1))
        XCTAssertTrue(live, "its owner's process does not exist")
    }

    /// Many instances asking for the same new partner at once: exactly one gets it.
    func testConcurrentClaimsOfANewPartnerHaveOneWinner() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        let stores = [try TestStore.open(path: path), try TestStore.open(path: path)]
        let start = self.start
        let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                let store = stores[index % 2]
                let lease = lease("w\(index)")
                group.addTask { try await store.claimPartnerPoll("acme", lease: lease, at: start) }
            }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        XCTAssertEqual(winners, 1)
    }
}
