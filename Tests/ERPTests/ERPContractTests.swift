import Documents
import ERP
import ERPService
import XCTest

/// Nothing is promised on an answer the ERP's contract does not back: the reference ERP, over
/// real HTTP, is told to break its contract one way at a time, and each order is held, never
/// decided. Lines that cannot be order lines are rejected before the ERP is asked.
final class ERPContractTests: XCTestCase {
    func testEveryContractBreakHoldsTheOrder() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            let cases: [(FaultInjection.ContractBreak, String, String)] = [
                (.pricedWithoutPrice, ERPEndpoint.prices.rawValue, "without a netUnitPrice"),
                (.pricedWithoutItem, ERPEndpoint.prices.rawValue, "without an itemId"),
            ]
            for (kind, endpoint, expected) in cases {
                erp.server.faults.set(.init(endpoints: [endpoint], contractBreak: kind))
                let outcome = await validator.process(Orders.xyzSample(po: "PO-\(kind.rawValue)-\(endpoint.count)"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
                guard case .held(.contractViolation(let where_, let detail)) = outcome else {
                    XCTFail("\(kind) on \(endpoint): expected a contract hold, got \(outcome)")
                    continue
                }
                XCTAssertEqual(where_, endpoint, "\(kind)")
                XCTAssertTrue(detail.contains(expected), "\(kind): \(detail)")
                XCTAssertEqual(outcome.holdReason?.retriesByItself, true)
            }
            // A batch answer that leaves a line out is refused by the client itself.
            for endpoint in [ERPEndpoint.prices.rawValue, ERPEndpoint.availability.rawValue] {
                erp.server.faults.set(.init(endpoints: [endpoint], contractBreak: .missingLine))
                let outcome = await validator.process(Orders.xyzSample(po: "PO-missing-\(endpoint.count)"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
                guard case .held(.erpUnavailable(.malformedResponse(let at, let detail))) = outcome else {
                    XCTFail("missing line on \(endpoint): \(outcome)")
                    continue
                }
                XCTAssertEqual(at, endpoint)
                XCTAssertTrue(detail.contains("no result for line"), detail)
            }
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.orders.rawValue), 0, "nothing was entered on a broken answer")

            // A status the contract does not know cannot even be read: held as malformed.
            erp.server.faults.set(.init(endpoints: [ERPEndpoint.prices.rawValue], contractBreak: .unknownStatus))
            // (The cache would answer from earlier calls: ask the ERP.)
            let unknown = await validator.process(Orders.xyzSample(po: "PO-unknown-status"), account: Orders.xyz, policy: ValidationPolicy(priceCacheTTLSeconds: 0), today: Orders.today)
            guard case .held(.erpUnavailable(.malformedResponse)) = unknown else { return XCTFail("\(unknown)") }
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.orders.rawValue), 0)
        }
    }

    /// The ERP already holds the PO with other lines (`created: false`): a person decides;
    /// the 855 of this decision would promise what the ERP does not hold.
    func testAnOrderTheERPHoldsWithOtherLinesWaitsForAPerson() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            erp.server.faults.set(.init(endpoints: [ERPEndpoint.orders.rawValue], contractBreak: .otherLines))
            let outcome = await validator.process(Orders.xyzSample(po: "PO-OTHER"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            guard case .held(.enteredDifferently(_, let detail)) = outcome else { return XCTFail("\(outcome)") }
            XCTAssertTrue(detail.contains("line 1: decided 120 EA"), detail)
            XCTAssertEqual(outcome.holdReason?.retriesByItself, false)

            // Our own retry of the same decision is recognised: the ERP holds exactly what we submit.
            erp.server.faults.clear()
            let first = try await validator.process(Orders.xyzSample(po: "PO-RETRY"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(first.erpCreated, true)
            let again = try await validator.process(Orders.xyzSample(po: "PO-RETRY"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(again.erpCreated, false)
            XCTAssertEqual(again.erpOrderNumber, first.erpOrderNumber)

            // The same PO number with a changed quantity is not acknowledged as the new quantity.
            var changed = Orders.xyzSample(po: "PO-RETRY")
            changed.lines[0].quantity = 130
            let conflicting = await validator.process(changed, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            guard case .held(.enteredDifferently(let number, _)) = conflicting else { return XCTFail("\(conflicting)") }
            XCTAssertEqual(number, first.erpOrderNumber)
        }
    }

    /// A quantity that is not positive or a negative price rejects the line with its reason;
    /// the line is never priced, entered or counted for credit.
    func testLinesThatCannotBeOrderLinesAreRejectedBeforeTheERPIsAsked() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            var order = Orders.xyzSample(po: "PO-NEGATIVE")
            order.lines[1].quantity = -5000
            order.lines[2].unitPrice = decimal("-1.00")
            order.lines[3].quantity = 0
            let decided = try await validator.process(order, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            let statuses = decided.acknowledgment.lines.map(\.status)
            XCTAssertEqual(statuses, ["IA", "IR", "IR", "IR", "IA"])
            XCTAssertEqual(decided.acknowledgment.lines[1].reason, "line 2: quantity -5000 EA is not positive")
            XCTAssertEqual(decided.acknowledgment.lines[2].reason, "line 3: unit price -1 is negative")
            XCTAssertEqual(decided.acknowledgment.lines.map(\.ackQuantity), [120, 0, 0, 0, 72])
            XCTAssertEqual(decided.submission?.lines.map(\.lineNumber), ["1", "5"], "the 855 accepts exactly what is entered")

            // Every line invalid: rejected without asking for prices or stock.
            let pricesBefore = erp.server.statistics.count(ERPEndpoint.prices.rawValue)
            var hopeless = Orders.single("AB3542", -1, "EA", price: "9.25", po: "PO-HOPELESS")
            hopeless.lines[0].quantity = -1
            let rejected = try await validator.process(hopeless, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(rejected.acknowledgment.status, .rejected)
            XCTAssertNil(rejected.submission)
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.prices.rawValue), pricesBefore)
        }
    }

    /// An ERP that sends its headers and then drips the body is cut off by the call's deadline.
    func testADrippingAnswerIsCutOffAtTheDeadline() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator { $0.requestTimeoutSeconds = 1; $0.maxAttempts = 1 }
            erp.server.faults.set(.init(endpoints: [ERPEndpoint.prices.rawValue], dripMilliseconds: 200))
            let started = ContinuousClock.now
            let outcome = await validator.process(Orders.xyzSample(po: "PO-DRIP"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            let elapsed = ContinuousClock.now - started
            guard case .held(.erpUnavailable(.timeout(let endpoint, _))) = outcome else { return XCTFail("\(outcome)") }
            XCTAssertEqual(endpoint, ERPEndpoint.prices.rawValue)
            XCTAssertLessThan(elapsed, .seconds(5), "a body of hundreds of bytes at 5 bytes/s would take over a minute")
        }
    }
}

/// The optional availability change feed over HTTP: a start without a cursor, every stock or
/// receipt write listed once after it, paging by `limit`, and a cursor the ERP never gave refused.
final class AvailabilityFeedContractTests: XCTestCase {
    func testTheFeedListsWhatMovedFromACursor() async throws {
        try await withReferenceERP { erp in
            let client = try erp.client()
            let start = try await client.availabilityChanges(AvailabilityChangesRequest(warehouses: ["WH-EAST"], after: nil))
            XCTAssertEqual(start.changes, [])
            XCTAssertFalse(start.more)
            let nothing = try await client.availabilityChanges(AvailabilityChangesRequest(warehouses: ["WH-EAST"], after: start.cursor))
            XCTAssertEqual(nothing.changes, [])
            XCTAssertEqual(nothing.cursor, start.cursor)

            try await erp.store.database.write { db in
                try db.execute(sql: "UPDATE stock SET on_hand = '1' WHERE item_id IN ('AB3542', 'RD5322') AND warehouse_id = 'WH-EAST'")
                try db.execute(sql: "UPDATE stock SET on_hand = '1' WHERE item_id = 'AB3542' AND warehouse_id = 'WH-WEST'")
                try db.execute(sql: "INSERT INTO receipts (id, item_id, warehouse_id, quantity, due_on) VALUES ('PO-IN-9', 'TAPE-DUCT', 'WH-EAST', '5', '2026-12-24')")
            }
            let moved = try await client.availabilityChanges(AvailabilityChangesRequest(warehouses: ["WH-EAST"], after: start.cursor))
            XCTAssertEqual(Set(moved.changes.map(\.itemId)), ["AB3542", "RD5322", "TAPE-DUCT"], "WH-WEST's change is not asked for")
            XCTAssertEqual(moved.changes.first { $0.itemId == "AB3542" }?.gtin, "00012345000012")
            XCTAssertFalse(moved.more)

            // One at a time: three pages, then nothing more.
            var cursor = start.cursor
            var paged: [String] = []
            for _ in 0..<5 {
                let page = try await client.availabilityChanges(AvailabilityChangesRequest(warehouses: ["WH-EAST"], after: cursor, limit: 1))
                paged += page.changes.map(\.itemId)
                cursor = page.cursor
                if !page.more { break }
            }
            XCTAssertEqual(Set(paged), ["AB3542", "RD5322", "TAPE-DUCT"])
            XCTAssertEqual(paged.count, 3)
            let after = try await client.availabilityChanges(AvailabilityChangesRequest(warehouses: ["WH-EAST"], after: cursor))
            XCTAssertEqual(after.changes, [])

            do {
                _ = try await client.availabilityChanges(AvailabilityChangesRequest(warehouses: ["WH-EAST"], after: "not-a-cursor"))
                XCTFail("a cursor the ERP never gave was taken")
            } catch {
                guard case ERPError.rejectedRequest(_, let status, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(status, 400)
            }
        }
    }
}
