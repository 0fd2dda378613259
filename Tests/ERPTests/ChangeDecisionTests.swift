import Documents
import ERP
import ERPService
import Foundation
import XCTest

/// The pure plan of a change order, and the ERP contract's change call over real HTTP against
/// the reference ERP (idempotent by change id, a conflicting repeat refused, an unknown order
/// named).
final class ChangeDecisionTests: XCTestCase {
    static let order = PurchaseOrder(poNumber: "PO-1", poDate: "2026-11-20", lines: [
        .init(lineNumber: "1", quantity: 10, uom: "EA", unitPrice: 2, vendorPartNumber: "AB3542"),
        .init(lineNumber: "2", quantity: 5, uom: "EA", unitPrice: 3, vendorPartNumber: "RD5322"),
        .init(lineNumber: "3", quantity: 1, uom: "EA", unitPrice: 4, vendorPartNumber: "XX"),
    ])

    static func basis(shipped: Decimal = 0, invoiced: Decimal = 0) -> OrderChangeBasis {
        OrderChangeBasis(order: order, lines: [
            .init(line: order.lines[0], erp: .init(lineNumber: "1", itemId: "AB3542", quantity: 10, uom: "EA", unitPrice: 2), shipped: shipped, invoiced: invoiced),
            .init(line: order.lines[1], erp: .init(lineNumber: "2", itemId: "RD5322", quantity: 5, uom: "EA", unitPrice: 3)),
            // Rejected on the order: never entered in the ERP.
            .init(line: order.lines[2], erp: nil),
        ], erpOrderNumber: "SO1")
    }

    static func change(_ lines: [ChangeOrder.Line], purpose: String = "04") -> ChangeOrder {
        ChangeOrder(poNumber: "PO-1", poDate: "2026-11-20", purpose: purpose, changeSequence: "1", lines: lines)
    }

    func testEachKindOfChangeHasItsStep() {
        let plan = ChangeDecision.plan(Self.change([
            .init(lineNumber: "1", change: "quantityIncrease", quantity: 12),
            .init(lineNumber: "2", change: "quantityDecrease", quantity: 4),
            .init(lineNumber: "1", change: "priceChange", unitPrice: 1),
            .init(lineNumber: "4", change: "add", quantity: 2, uom: "EA", vendorPartNumber: "AB3542"),
            .init(lineNumber: "7", change: "cancel"),
            .init(lineNumber: "3", change: "quantityIncrease", quantity: 2),
            .init(lineNumber: "8", change: "ZZ"),
        ]), basis: Self.basis())
        XCTAssertNil(plan.refusal)
        var more = Self.order.lines[0]
        more.quantity = 12
        var less = Self.order.lines[1]
        less.quantity = 4
        XCTAssertEqual(plan.steps, [
            .ask(more, committed: 20, date: nil),                          // 10 × 2 already held
            .apply(less),                                                  // less at the same price: as asked
            .refuse("line 1 is changed twice in one change order"),
            .ask(PurchaseOrder.Line(lineNumber: "4", quantity: 2, uom: "EA", vendorPartNumber: "AB3542"), committed: 0, date: nil),
            .refuse("line 7 is not on PO PO-1"),
            .refuse("line 3 was rejected on the order; send it as an added line"),
            .refuse("change code ZZ is not one the gateway applies"),
        ])
    }

    /// A date change (CT) asks the ERP for the line as it stands by the new date: the line's own
    /// DTM, else the change's header date; without either it is refused. A quantity change with a
    /// date of its own is asked by that date.
    func testADateChangeIsAskedByItsDate() {
        var change = Self.change([
            .init(lineNumber: "1", change: "dateChange", requestedShipDate: "2026-12-15"),
            .init(lineNumber: "2", change: "dateChange"),
            .init(lineNumber: "7", change: "dateChange", requestedShipDate: "2026-12-15"),
        ])
        XCTAssertEqual(ChangeDecision.plan(change, basis: Self.basis()).steps, [
            .ask(Self.order.lines[0], committed: 20, date: "2026-12-15"),
            .refuse("a date change of line 2 needs the new date (DTM*010 or DTM*002)"),
            .refuse("line 7 is not on PO PO-1"),
        ])
        change.requestedDeliveryDate = "2026-12-20"
        XCTAssertEqual(ChangeDecision.plan(change, basis: Self.basis()).steps[1], .ask(Self.order.lines[1], committed: 15, date: "2026-12-20"))
        var less = Self.order.lines[1]
        less.quantity = 4
        let dated = ChangeDecision.plan(Self.change([.init(lineNumber: "2", change: "quantityDecrease", quantity: 4, requestedShipDate: "2026-12-01")]), basis: Self.basis())
        XCTAssertEqual(dated.steps, [.ask(less, committed: 15, date: "2026-12-01")], "less, but by another date: asked, not simply applied")
    }

    func testQuantityZeroCancelsAndAnAddedLineNeedsANewNumber() {
        let plan = ChangeDecision.plan(Self.change([
            .init(lineNumber: "1", change: "change", quantity: 0),
            .init(lineNumber: "2", change: "add", quantity: 1, uom: "EA"),
            .init(lineNumber: "5", change: "add", quantity: 0, uom: "EA"),
        ]), basis: Self.basis())
        XCTAssertEqual(plan.steps, [
            .cancel,
            .refuse("line 2 is already on PO PO-1; an added line needs a new number"),
            .refuse("an added line needs a positive quantity"),
        ])
        let unit = ChangeDecision.plan(Self.change([.init(lineNumber: "2", change: "quantityIncrease", quantity: 6, uom: "CA")]), basis: Self.basis())
        XCTAssertEqual(unit.steps, [.refuse("line 2 is in EA; a change to CA is not taken (send the line anew)")])
    }

    func testShippedOrInvoicedRefusesTheWholeChange() {
        let change = Self.change([.init(lineNumber: "2", change: "quantityIncrease", quantity: 6)])
        XCTAssertEqual(ChangeDecision.plan(change, basis: Self.basis(shipped: 1)).refusal, "PO PO-1 has shipped (line 1): it can no longer be changed")
        XCTAssertEqual(ChangeDecision.plan(change, basis: Self.basis(invoiced: 1)).refusal, "PO PO-1 has been invoiced (line 1): it can no longer be changed")
        let cancel = ChangeDecision.plan(Self.change([], purpose: "01"), basis: Self.basis())
        XCTAssertTrue(cancel.cancelsOrder)
        XCTAssertNil(cancel.refusal)
    }

    /// The reference ERP applies a change once per change id; a repeat answers what the first
    /// left, another body under the same id is refused, an unknown order is named.
    func testTheChangeCallIsIdempotent() async throws {
        try await withReferenceERP { erp in
            let client = try erp.client()
            let entered = try await client.submitOrder(OrderSubmission(partnerId: "p1", poNumber: "PO-C", customerId: "C1001", lines: [
                .init(lineNumber: "1", itemId: "AB3542", quantity: 10, uom: "EA", unitPrice: 9.25),
            ]))
            let lines: [OrderSubmission.Line] = [.init(lineNumber: "1", itemId: "AB3542", quantity: 12, uom: "EA", unitPrice: 9.25)]
            let first = try await client.changeOrder(OrderChange(partnerId: "p1", poNumber: "PO-C", changeId: "1", lines: lines))
            XCTAssertEqual(first, OrderChangeReceipt(erpOrderNumber: entered.erpOrderNumber, applied: true, lines: lines))
            let again = try await client.changeOrder(OrderChange(partnerId: "p1", poNumber: "PO-C", changeId: "1", lines: lines))
            XCTAssertEqual(again.applied, false)
            XCTAssertEqual(again.lines, lines)
            do {
                _ = try await client.changeOrder(OrderChange(partnerId: "p1", poNumber: "PO-C", changeId: "1", lines: [.init(lineNumber: "1", itemId: "AB3542", quantity: 99, uom: "EA", unitPrice: 9.25)]))
                XCTFail("a different body under an applied change id must be refused")
            } catch {
                XCTAssertTrue("\(error)".contains("409"), "\(error)")
            }
            do {
                _ = try await client.changeOrder(OrderChange(partnerId: "p1", poNumber: "PO-NONE", changeId: "1", lines: lines))
                XCTFail("a change to an unknown order must be refused")
            } catch {
                XCTAssertTrue("\(error)".contains("404"), "\(error)")
            }
            let cancelled = try await client.changeOrder(OrderChange(partnerId: "p1", poNumber: "PO-C", changeId: "2", lines: [], cancelled: true))
            XCTAssertEqual(cancelled.cancelled, true)
        }
    }
}
