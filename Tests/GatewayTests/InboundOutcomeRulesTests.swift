import Foundation
import XCTest
@testable import Gateway
@testable import Store

/// The pipeline's outcome rules without a store, a transport or a clock.
final class InboundOutcomeRulesTests: XCTestCase {
    private let rules = InboundOutcomeRules(delays: [30, 120, 600])
    private let now = Date(timeIntervalSince1970: 1_800_000_000)
    private let erpDown = ProcessingHold(reason: "PO 1: the ERP could not answer", waitsForPerson: false)
    private let creditHold = ProcessingHold(reason: "PO 2: held for review: credit hold", waitsForPerson: true)

    func testNothingFoundIsDone() {
        XCTAssertEqual(rules.decide(problem: nil, holds: [], holdsSoFar: 0, now: now), .done)
    }

    func testTheFirstProblemWinsAndNamesTheHoldsMetOnTheWay() {
        XCTAssertEqual(rules.decide(problem: "interchange 7 rejected", holds: [erpDown], holdsSoFar: 0, now: now),
                       .failed(reason: "interchange 7 rejected; PO 1: the ERP could not answer"))
    }

    func testHoldsFollowTheScheduleByAttempt() {
        XCTAssertEqual(rules.decide(problem: nil, holds: [erpDown], holdsSoFar: 0, now: now), .held(reason: erpDown.reason, retryAt: now.addingTimeInterval(30)))
        XCTAssertEqual(rules.decide(problem: nil, holds: [erpDown], holdsSoFar: 1, now: now), .held(reason: erpDown.reason, retryAt: now.addingTimeInterval(120)))
        XCTAssertEqual(rules.decide(problem: nil, holds: [erpDown], holdsSoFar: 2, now: now), .held(reason: erpDown.reason, retryAt: now.addingTimeInterval(600)))
    }

    func testAfterTheLastDelayTheFileIsADeadLetter() {
        XCTAssertEqual(rules.decide(problem: nil, holds: [erpDown], holdsSoFar: 3, now: now),
                       .deadLetter(reason: "PO 1: the ERP could not answer; still held after 3 scheduled retries"))
        XCTAssertEqual(InboundOutcomeRules(delays: []).decide(problem: nil, holds: [erpDown], holdsSoFar: 0, now: now),
                       .deadLetter(reason: "PO 1: the ERP could not answer; still held after 0 scheduled retries"))
    }

    func testAHoldForAPersonWaitsWithoutARetryTimeWhateverTheSchedule() {
        XCTAssertEqual(rules.decide(problem: nil, holds: [erpDown, creditHold], holdsSoFar: 0, now: now),
                       .held(reason: "\(erpDown.reason); \(creditHold.reason)", retryAt: nil))
        XCTAssertEqual(rules.decide(problem: nil, holds: [creditHold], holdsSoFar: 9, now: now), .held(reason: creditHold.reason, retryAt: nil),
                       "a person's hold never turns into a dead letter by itself")
    }
}
