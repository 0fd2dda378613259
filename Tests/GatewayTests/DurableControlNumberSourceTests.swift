import Foundation
import StoreHarness
import X12
import XCTest
@testable import Gateway
@testable import Store

final class DurableControlNumberSourceTests: XCTestCase {
    func testSequencesArePerPartnerAndKindAndSurviveARestart() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        var store: GatewayStore? = try TestStore.open(path: path)
        var numbers = store!.controlNumbers()
        let acme1 = try await numbers.next(.interchange, partner: "acme")
        let acme2 = try await numbers.next(.interchange, partner: "acme")
        let globex = try await numbers.next(.interchange, partner: "globex")
        let acmeGroup = try await numbers.next(.group, partner: "acme")
        XCTAssertEqual([acme1, acme2, globex, acmeGroup], [1, 2, 1, 1])
        store = nil

        store = try TestStore.open(path: path)
        numbers = store!.controlNumbers()
        let afterRestart = try await numbers.next(.interchange, partner: "acme")
        XCTAssertEqual(afterRestart, 3)
        let last = try await numbers.last(.interchange, partner: "acme")
        XCTAssertEqual(last, 3)
        let unstarted = try await numbers.last(.transactionSet, partner: "acme")
        XCTAssertNil(unstarted)
    }

    func testNineDigitSequencesWrapToOneAndTheWrapIsAudited() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        let numbers = store.controlNumbers()
        try await numbers.setLast(999_999_998, for: .interchange, partner: "acme")
        let drawn = [try await numbers.next(.interchange, partner: "acme"), try await numbers.next(.interchange, partner: "acme"),
                     try await numbers.next(.interchange, partner: "acme")]
        XCTAssertEqual(drawn, [999_999_999, 1, 2])
        let events = try await store.audit.entries(partner: "acme").map(\.event)
        XCTAssertEqual(events, ["controlNumber.set", "controlNumber.wrapped"])
    }

    func testPartnerRangeKeepsTransactionSetNumbersToFourDigits() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        var ranges = ControlNumberRanges()
        try ranges.set(1...9999, for: .transactionSet, partner: "acme")
        let numbers = store.controlNumbers(ranges: ranges)
        try await numbers.setLast(9998, for: .transactionSet, partner: "acme")
        let acme = [try await numbers.next(.transactionSet, partner: "acme"), try await numbers.next(.transactionSet, partner: "acme")]
        XCTAssertEqual(acme, [9999, 1])
        try await numbers.setLast(9999, for: .transactionSet, partner: "globex")
        let globex = try await numbers.next(.transactionSet, partner: "globex")
        XCTAssertEqual(globex, 10_000, "other partners keep the nine-digit range")

        XCTAssertThrowsError(try ranges.set(0...10, for: .interchange))
        XCTAssertThrowsError(try ranges.set(1...1_000_000_000, for: .group))
        do {
            try await numbers.setLast(10_000, for: .transactionSet, partner: "acme")
            XCTFail("value outside the partner's range accepted")
        } catch let error as GatewayStoreError {
            guard case .invalidControlNumberRange = error else { return XCTFail("\(error)") }
        }
    }

    /// Many tasks drawing at once, through two stores (two processes) on one file: every number
    /// is handed out once, and none is skipped.
    func testConcurrentCallersNeverShareANumber() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        let sources = [try TestStore.open(path: path).controlNumbers(), try TestStore.open(path: path).controlNumbers()]
        let drawn = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                let source = sources[index % 2]
                group.addTask { try await source.next(.interchange, partner: "acme") }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(drawn.count, 200)
        XCTAssertEqual(Set(drawn), Set(1...200))
    }

    /// The adapter X12's builders take: hands out what was reserved, and a later reservation
    /// continues after everything reserved, used or not.
    func testReservationIsAControlNumberSourceAndIsNeverReissued() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        let numbers = store.controlNumbers()
        try await numbers.setLast(41, for: .interchange, partner: "ZZ:ACME")

        var reserved = try await numbers.reserve(partner: "ZZ:ACME", interchanges: 1, groups: 2, transactionSets: 2)
        XCTAssertEqual(reserved.next(.interchange, partner: "ZZ:ACME"), 42)
        XCTAssertEqual(reserved.next(.group, partner: "ZZ:ACME"), 1)
        XCTAssertEqual(reserved.next(.transactionSet, partner: "ZZ:ACME"), 1)
        XCTAssertEqual(reserved.unused(.group), [2])
        XCTAssertEqual(reserved.unused(.interchange), [])

        let nextReservation = try await numbers.reserve(partner: "ZZ:ACME")
        XCTAssertEqual(nextReservation.unused(.interchange), [43])
        XCTAssertEqual(nextReservation.unused(.group), [3], "numbers reserved and not used are not handed out again")
        XCTAssertEqual(nextReservation.unused(.transactionSet), [3])
    }
}
