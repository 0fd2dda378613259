import Documents
import Foundation
import Mapping
import StoreHarness
import X12
import X12Schemas
import XCTest
@testable import Gateway
@testable import Store

/// Finance's view: every invoice matched three ways (invoiced ≤ shipped ≤ acknowledged, the
/// acknowledged price), the result kept with it, refused ones too, and the report and the
/// order trace through the `edigate` binary.
final class InvoiceAuditTests: XCTestCase {
    private static let partner = "acme-retail"

    func testInvoicesAreMatchedRefusedOrSentAsCorrectionsAndReported() async throws {
        let binary = try EdigateBinary.locate()
        try await PipelineHarness.with { gateway in
            let sender = try await receiveDemoOrder(gateway)
            // Ship half of line 1 only.
            guard case .shipNotice(var partial) = try demo("acme-retail-shipment.json", .shipNotice) else { return XCTFail("not a ShipNotice") }
            partial.orders[0].packs[0].items[0].quantity = 12
            let shipped = try await sender.send(.shipNotice(partial))
            XCTAssertEqual(shipped.outcome, .sent)

            // The invoice bills all 24 of line 1: more than shipped → refused, kept for finance.
            let invoice = try demo("acme-retail-invoice.json", .invoice)
            do {
                _ = try await sender.send(invoice)
                XCTFail("an invoice beyond the shipments was sent")
            } catch let refusal as OutboundSendRefusal {
                guard case .invoiceVariance(_, _, let variances) = refusal else { return XCTFail("\(refusal)") }
                XCTAssertEqual(variances.map(\.kind), [.invoicedOverShipped])
                XCTAssertEqual(variances.first?.line, "1")
                XCTAssertEqual(variances.first?.amount, Decimal(string: "126"), "12 more than shipped at 10.50")
            }
            XCTAssertFalse(try gateway.files("outbound").contains { $0.hasPrefix("810-") }, "nothing sent")
            var rows = try await gateway.store.invoiceReport(from: "2026-01-01", to: "2026-12-31")
            XCTAssertEqual(rows.map(\.match), ["refused"])
            XCTAssertEqual(rows.first?.varianceAmount, "126.00")

            // The ERP marks it a deliberate correction: sent, and flagged as a variance.
            let corrected = try await sender.send(invoice, correction: true)
            XCTAssertEqual(corrected.outcome, .sent)
            rows = try await gateway.store.invoiceReport(from: "2026-01-01", to: "2026-12-31")
            XCTAssertEqual(rows.map(\.match), ["variance"])
            XCTAssertEqual(rows.first?.correction, true)
            XCTAssertEqual(rows.first?.interchange, "000000004")
            XCTAssertEqual(rows.first?.acknowledgment, "awaiting")
            XCTAssertEqual(rows.first?.total, "706.97")
            let entry = try await gateway.store.audit.entries().first { $0.sequence == rows.first?.auditSequence }
            XCTAssertEqual(entry?.event, "invoice.matched")
            XCTAssertEqual(entry?.hash, rows.first?.auditHash, "the row names the audit entry that proves it")

            // The report through the binary, as finance runs it: CSV with a TOTAL row and the chain's state.
            let csv = try EdigateBinary.run(binary, ["audit", "invoices", "--db", TestStore.location(for: gateway.directory.path("gateway.sqlite")), "--from", "2026-12-01", "--to", "2026-12-31"])
            XCTAssertEqual(csv.status, 0, csv.stderr)
            let lines = csv.stdout.split(separator: "\n").map(String.init)
            XCTAssertTrue(lines[0].hasPrefix("partner,invoiceNumber,invoiceDate,poNumber,erpOrderNumber,currency"), lines[0])
            XCTAssertTrue(lines[1].hasPrefix("acme-retail,INV-300981,2026-12-03,PO-88231,SO"), lines[1])
            XCTAssertTrue(lines[1].contains(",variance,yes,126.00,"), lines[1])
            XCTAssertTrue(lines[2].hasPrefix("acme-retail,,,,,USD,1,"), lines[2])
            XCTAssertTrue(lines[2].contains(",TOTAL,"), lines[2])
            XCTAssertTrue(lines.last?.hasPrefix("# audit chain: ok:") ?? false, "\(lines)")
            let refusedOnly = try EdigateBinary.run(binary, ["audit", "invoices", "--db", TestStore.location(for: gateway.directory.path("gateway.sqlite")), "--from", "2026-12-01",
                                                             "--to", "2026-12-31", "--status", "refused", "--format", "json"])
            XCTAssertEqual(refusedOnly.status, 0, refusedOnly.stderr)
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(refusedOnly.stdout.utf8)) as? [String: Any])
            XCTAssertEqual((json["invoices"] as? [Any])?.count, 0, "the refused invoice was then sent as a correction")
            XCTAssertTrue((json["auditChain"] as? String)?.hasPrefix("ok:") ?? false)
        }
    }

    func testTheTraceShowsAnOrdersWholeLife() async throws {
        let binary = try EdigateBinary.locate()
        try await PipelineHarness.with { gateway in
            let sender = try await receiveDemoOrder(gateway)
            _ = try await sender.send(demo("acme-retail-shipment.json", .shipNotice))
            _ = try await sender.send(demo("acme-retail-invoice.json", .invoice))
            let trace = try EdigateBinary.run(binary, ["trace", "PO-88231", "--db", TestStore.location(for: gateway.directory.path("gateway.sqlite"))])
            XCTAssertEqual(trace.status, 0, trace.stderr)
            let events = trace.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true)[2] }.map(String.init)
            for expected in ["inbound.received", "interchange.validated", "acknowledgment.sent", "order.translated", "order.decided", "order.acknowledged",
                             "outbound.sent", "order.shipped", "order.invoiced", "invoice.matched", "inbound.done"] {
                XCTAssertTrue(events.contains(expected), "no \(expected) in \(events)")
            }
            XCTAssertLessThan(try XCTUnwrap(events.firstIndex(of: "inbound.received")), try XCTUnwrap(events.firstIndex(of: "order.invoiced")), "in order")
            let unknown = try EdigateBinary.run(binary, ["trace", "PO-NOPE", "--db", TestStore.location(for: gateway.directory.path("gateway.sqlite"))])
            XCTAssertEqual(unknown.status, 1)
        }
    }

    private func receiveDemoOrder(_ gateway: PipelineHarness) async throws -> OutboundDocumentSender {
        try await gateway.receiveDemoOrder()
    }

    private func demo(_ name: String, _ type: CanonicalDocumentType) throws -> CanonicalDocument {
        try PipelineHarness.demo(name, type)
    }
}
