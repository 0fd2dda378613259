import Documents
import ERP
import ERPService
import XCTest

/// The demo's order files (Tests/Fixtures/erp) get the decisions the docs describe.
final class SampleOrderFileTests: XCTestCase {
    func load(_ name: String) throws -> PurchaseOrder {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/erp/\(name)")
        return try JSONDecoder().decode(PurchaseOrder.self, from: Data(contentsOf: url))
    }

    func testSampleOrdersGetTheDocumentedDecisions() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            let contract = try await validator.process(try load("xyz-retail-contract-prices.json"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(contract.acknowledgment.status, .accepted)
            XCTAssertNotNil(contract.erpOrderNumber)

            let changes = try await validator.validate(try load("xyz-retail-with-changes.json"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(changes.acknowledgment.status, .acceptedWithChanges)
            XCTAssertEqual(changes.acknowledgment.lines.map(\.status), ["IP", "IB", "IA", "IR", "R2"])
            XCTAssertEqual(changes.acknowledgment.lines.map(\.ackUnitPrice), [decimal("111"), decimal("19.99"), decimal("504"), nil, nil])
            XCTAssertEqual(changes.acknowledgment.lines[1].scheduledDate, "2026-12-10")
            XCTAssertEqual(changes.acknowledgment.lines[0].reason, "line 1: price 9.25 USD differs from our price 111.00 USD (contract price)")

            let hold = await validator.validate(try load("blue-ridge-credit-hold.json"), account: Orders.blueRidge, policy: ValidationPolicy(), today: Orders.today)
            XCTAssertEqual(hold.holdReason?.description, "held for review: account on credit hold: invoice 88213 is 94 days past due")
        }
    }
}
