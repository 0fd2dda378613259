import Documents
import Foundation
import XCTest
@testable import Gateway
@testable import Store

/// The three-way match on an order as the store keeps it: 10 ordered on line 1, our 855
/// acknowledged 8 at 5.00 (the PO said 5.20); line 2, 4 at 2.50, acknowledged as ordered.
final class InvoiceMatchTests: XCTestCase {
    private func order(shipped: [String: Decimal] = [:]) async throws -> OrderRecord {
        let store = try GatewayStore.inMemory()
        let bytes = Data("ISA".utf8)
        let file = try await store.recordInbound(partner: "p", name: "po.edi", sha256: ContentDigest.sha256(bytes), bytes: bytes).file
        let claimed = try await store.startProcessing(file.id)
        let po = PurchaseOrder(poNumber: "PO-1", poDate: "2026-11-30", lines: [
            .init(lineNumber: "1", quantity: 10, uom: "EA", unitPrice: Decimal(string: "5.20")),
            .init(lineNumber: "2", quantity: 4, uom: "EA", unitPrice: Decimal(string: "2.50")),
        ])
        guard case .new(let registered) = try await store.registerOrder(po, from: claimed, interchange: "1", set: "0001") else { throw CocoaError(.featureUnsupported) }
        let acknowledgment = OrderAcknowledgment(poNumber: "PO-1", poDate: "2026-11-30", ackDate: "2026-11-30", status: .acceptedWithChanges, lines: [
            .init(lineNumber: "1", quantity: 10, uom: "EA", unitPrice: Decimal(string: "5.20"), status: "IC", ackQuantity: 8, ackUnitPrice: 5),
            .init(lineNumber: "2", quantity: 4, uom: "EA", unitPrice: Decimal(string: "2.50"), status: "IA", ackQuantity: 4, ackUnitPrice: Decimal(string: "2.50")),
        ])
        let decided = try await store.recordOrderDecided(registered, file: claimed, owner: WorkerIdentity.thisProcess, acknowledgment: acknowledgment,
                                                         erpOrderNumber: "SO1", erpCreated: true, findings: [], answer: nil, at: Date())
        guard !shipped.isEmpty else { return decided.order }
        // What earlier 856s shipped, as the store adds it up.
        try await store.database.write { db in
            for (line, quantity) in shipped {
                try db.execute(sql: "UPDATE order_lines SET shipped_quantity = ? WHERE order_id = ? AND line_number = ?", arguments: ["\(quantity)", decided.order.id, line])
            }
        }
        return try await store.order(partner: "p", poNumber: "PO-1")!
    }

    private func invoice(_ lines: [(String, Decimal, String)]) -> Invoice {
        Invoice(invoiceNumber: "INV-1", invoiceDate: "2026-12-01", poNumber: "PO-1", currency: "USD",
                lines: lines.map { Invoice.Line(lineNumber: $0.0, quantity: $0.1, uom: "EA", unitPrice: Decimal(string: $0.2)!) })
    }

    func testAnInvoiceOfWhatWasShippedAtTheAcknowledgedPriceMatches() async throws {
        let record = try await order(shipped: ["1": 8, "2": 4])
        XCTAssertEqual(InvoiceMatch.variances(invoice([("1", 8, "5.00"), ("2", 4, "2.50")]), order: record), [])
    }

    func testEachKindOfVarianceIsNamedWithWhatItIsWorth() async throws {
        let record = try await order(shipped: ["1": 9, "2": 2])
        let variances = InvoiceMatch.variances(invoice([("1", 9, "5.20"), ("2", 4, "2.50")]), order: record)
        XCTAssertEqual(variances, [
            InvoiceVariance(line: "1", kind: .shippedOverAcknowledged, expected: 8, actual: 9, amount: 5),
            InvoiceVariance(line: "1", kind: .priceNotAcknowledged, expected: 5, actual: Decimal(string: "5.20")!, amount: Decimal(string: "1.80")!),
            InvoiceVariance(line: "2", kind: .invoicedOverShipped, expected: 2, actual: 4, amount: 5),
        ])
    }

    func testAShipmentBeyondTheAcknowledgedQuantityIsAVariance() async throws {
        let record = try await order(shipped: ["1": 6])
        XCTAssertEqual(ShipmentMatch.variances(["1": 2], order: record), [], "6 + 2 = the 8 acknowledged")
        XCTAssertEqual(ShipmentMatch.variances(["1": 3, "2": 4], order: record),
                       [InvoiceVariance(line: "1", kind: .shippedOverAcknowledged, expected: 8, actual: 9, amount: 5)])
    }
}
