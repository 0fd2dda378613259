import Documents
import ERP
import ERPService
import XCTest

/// When the ERP cannot answer, the order is held — never accepted or rejected on a guess —
/// and the hold says why. Failures are real: a stopped server, injected 5xx, delays and
/// malformed bodies from the reference service.
final class ERPUnavailableTests: XCTestCase {
    func testERPDownHoldsThenDecidesWhenItIsBack() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            await erp.stopServer()
            let held = await validator.process(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            guard case .held(.erpUnavailable(.transport(_, _))) = held else {
                return XCTFail("expected a transport hold, got \(held)")
            }
            XCTAssertEqual(held.holdReason?.retriesByItself, true)
            XCTAssertTrue(held.holdReason!.description.hasPrefix("held: the ERP could not answer (ERP /v1/"), held.holdReason!.description)

            try await erp.restartServer()
            let decided = try await validator.process(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(decided.acknowledgment.status, .accepted)
            XCTAssertNotNil(decided.erpOrderNumber)
        }
    }

    func testHeldOrderIsRetriedUntilTheERPIsBack() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            await erp.stopServer()
            let restart = Task {
                try await Task.sleep(for: .milliseconds(400))
                try await erp.restartServer()
            }
            let started = ContinuousClock.now
            let outcome = await validator.processRetryingWhileHeld(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), delays: Array(repeating: .milliseconds(150), count: 20), today: Orders.today)
            try await restart.value
            XCTAssertEqual(try outcome.decided().acknowledgment.status, .accepted)
            XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(400))
        }
    }

    func testServerErrorsHoldAndATransientOneIsRetried() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator { $0.maxAttempts = 3 }
            erp.server.faults.set(.init(failStatus: 503, failCount: -1, endpoints: [ERPEndpoint.credit.rawValue]))
            let held = await validator.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            XCTAssertEqual(held.holdReason, .erpUnavailable(.unavailable(endpoint: "/v1/credit-checks", status: 503, detail: "fault injection answered 503 for /v1/credit-checks")))
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.credit.rawValue), 3, "three attempts")

            // One failure, then the ERP answers: the retry decides the order.
            erp.server.faults.set(.init(failStatus: 500, failCount: 1, endpoints: [ERPEndpoint.availability.rawValue]))
            let before = erp.server.statistics.count(ERPEndpoint.availability.rawValue)
            let decided = try await validator.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(decided.acknowledgment.status, .accepted)
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.availability.rawValue) - before, 2)
        }
    }

    func testRetryAfterIsHonouredOrLeftToTheHoldSchedule() async throws {
        try await withReferenceERP { erp in
            let request = CreditRequest(customerId: "C1001", amount: 1)
            // "Come back in 1 s", within the 2 s this call may wait: one retry after ≥ 1 s.
            let patient = try erp.client {
                $0.maxAttempts = 3
                $0.retryMaxDelaySeconds = 2
            }
            erp.server.faults.set(.init(failStatus: 429, failCount: 1, retryAfterSeconds: 1, endpoints: [ERPEndpoint.credit.rawValue]))
            let started = ContinuousClock.now
            let answer = try await patient.credit(request)
            XCTAssertEqual(answer.decision, .approved)
            XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .seconds(1))
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.credit.rawValue), 2)

            // "Come back in 120 s": not retried now; the order is held instead.
            erp.server.faults.set(.init(failStatus: 503, failCount: -1, retryAfterSeconds: 120, endpoints: [ERPEndpoint.credit.rawValue]))
            let held = await OrderValidator(client: patient).validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            guard case .held(.erpUnavailable(.unavailable(_, 503, _))) = held else { return XCTFail("\(held)") }
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.credit.rawValue), 3, "one call, no retry")
        }
    }

    func testSlowERPTimesOutAndHolds() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator {
                $0.requestTimeoutSeconds = 0.3
                $0.maxAttempts = 2
            }
            erp.server.faults.set(.init(delayMilliseconds: 1500, endpoints: [ERPEndpoint.prices.rawValue]))
            let started = ContinuousClock.now
            let held = await validator.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            let elapsed = ContinuousClock.now - started
            XCTAssertEqual(held.holdReason, .erpUnavailable(.timeout(endpoint: "/v1/prices/batch", seconds: 0.3)))
            // Two attempts of 0.3 s plus a short backoff, not the ERP's 1.5 s.
            XCTAssertLessThan(elapsed, .milliseconds(1400))
            XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(600))

            erp.server.faults.set(.init(delayMilliseconds: 100))
            let decided = try await validator.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(decided.acknowledgment.status, .accepted, "slow but within the timeout")
        }
    }

    func testConcurrentCallsAreBoundedPerClient() async throws {
        try await withReferenceERP { erp in
            erp.server.faults.set(.init(delayMilliseconds: 200, endpoints: [ERPEndpoint.credit.rawValue]))
            func burst(limit: Int) async throws -> Duration {
                let client = try erp.client { $0.maxConcurrentRequests = limit }
                let started = ContinuousClock.now
                try await withThrowingTaskGroup(of: CreditResponse.self) { group in
                    for _ in 0..<6 {
                        group.addTask { try await client.credit(CreditRequest(customerId: "C1001", amount: 1)) }
                    }
                    for try await answer in group { XCTAssertEqual(answer.decision, .approved) }
                }
                return ContinuousClock.now - started
            }
            // Six 200 ms calls, two at a time: three waves.
            let bounded = try await burst(limit: 2)
            XCTAssertGreaterThanOrEqual(bounded, .milliseconds(600))
            let wide = try await burst(limit: 6)
            XCTAssertLessThan(wide, .milliseconds(550))
        }
    }

    func testMalformedJSONHolds() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator { $0.maxAttempts = 1 }
            erp.server.faults.set(.init(malformedCount: 1, endpoints: [ERPEndpoint.shipTo.rawValue]))
            let held = await validator.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            guard case .held(.erpUnavailable(.malformedResponse(let endpoint, let detail))) = held else {
                return XCTFail("expected a malformed-response hold, got \(held)")
            }
            XCTAssertEqual(endpoint, "/v1/ship-to-validations")
            XCTAssertTrue(detail.contains("<html>"), detail)
        }
    }

    func testCircuitBreakerOpensFailsFastAndClosesAfterATrial() async throws {
        try await withReferenceERP { erp in
            let client = try erp.client {
                $0.maxAttempts = 1
                $0.breakerFailureThreshold = 2
                $0.breakerOpenSeconds = 0.3
            }
            let request = CreditRequest(customerId: "C1001", amount: 10)
            erp.server.faults.set(.init(failStatus: 502, failCount: -1, endpoints: [ERPEndpoint.credit.rawValue]))
            for _ in 0..<2 {
                do throws(ERPError) { _ = try await client.credit(request); XCTFail("should fail") } catch { XCTAssertEqual(error, .unavailable(endpoint: "/v1/credit-checks", status: 502, detail: "fault injection answered 502 for /v1/credit-checks")) }
            }
            let calls = erp.server.statistics.count(ERPEndpoint.credit.rawValue)
            do throws(ERPError) {
                _ = try await client.credit(request)
                XCTFail("breaker should be open")
            } catch {
                guard case .circuitOpen(let endpoint, let retryAfter) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(endpoint, "/v1/credit-checks")
                XCTAssertGreaterThan(retryAfter, 0)
            }
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.credit.rawValue), calls, "an open breaker makes no call")
            // Other endpoints have their own breakers.
            _ = try await client.shipTo(ShipToRequest(soldTo: "C1001", shipToId: "0003947268292"))

            erp.server.faults.clear()
            try await Task.sleep(for: .milliseconds(350))
            let answer = try await client.credit(request)
            XCTAssertEqual(answer.decision, .approved)
            XCTAssertEqual(client.breaker(for: .credit).state, .closed)
        }
    }

    func testContractErrorsHoldForAPersonRatherThanReject() async throws {
        try await withReferenceERP { erp in
            // The profile maps the partner to a customer the ERP does not have.
            let held = await (try erp.validator()).validate(Orders.xyzSample(), account: PartnerAccount(partnerId: "X", customerId: "C9999"), policy: ValidationPolicy(), today: Orders.today)
            guard case .held(.erpUnavailable(.rejectedRequest(_, 404, let problem))) = held else {
                return XCTFail("expected a 404 hold, got \(held)")
            }
            XCTAssertEqual(problem?.title, "Unknown customer")
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.prices.rawValue), 1, "a 4xx is not retried")
        }
    }

    func testFaultInjectionRouteOverHTTP() async throws {
        try await withReferenceERP { erp in
            let client = try erp.client { $0.maxAttempts = 1 }
            let plan = try await ERPTestHTTP.send(.POST, erp.baseURL + "/admin/faults", body: #"{"failStatus":504,"failCount":1}"#)
            XCTAssertEqual(plan.status, 200)
            do throws(ERPError) {
                _ = try await client.credit(CreditRequest(customerId: "C1001", amount: 1))
                XCTFail("should fail once")
            } catch {
                XCTAssertEqual(error, .unavailable(endpoint: "/v1/credit-checks", status: 504, detail: "fault injection answered 504 for /v1/credit-checks"))
            }
            let answer = try await client.credit(CreditRequest(customerId: "C1001", amount: 1))
            XCTAssertEqual(answer.decision, .approved)
        }
    }
}
