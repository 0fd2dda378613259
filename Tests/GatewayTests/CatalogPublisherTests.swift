import Documents
import ERP
import Foundation
import GRDB
import Mapping
import Partners
import X12
import X12Schemas
import XCTest
@testable import Gateway
@testable import Store

/// 832 from the prices the reference ERP would honour today for ACME's catalog items, over
/// HTTP, through the outbox to the local folder; every published price recorded.
final class CatalogPublisherTests: XCTestCase {
    func publisher(_ gateway: PipelineHarness) async throws -> ItemDocumentSender {
        let directory = await gateway.pipeline.partners
        let profile = try XCTUnwrap(directory.profile(id: "acme-retail"))
        return ItemDocumentSender(store: gateway.store, profile: profile, transport: try profile.transport.makeTransport(),
                                library: try SchemaLibrary(directory: try XCTUnwrap(SchemaResources.directory)),
                                maps: MapCatalog(directory: GatewayPipelineTests.repository.appendingPathComponent("Maps").path), client: gateway.client)
    }

    func body(_ bytes: [UInt8]) throws -> [String] {
        let file = try InterchangeFile.read(bytes: bytes)
        return file.interchanges[0].groups[0].transactionSets[0].segments.dropFirst().dropLast().map { $0.fields.joined(separator: "*") }
    }

    func testFirstCatalogPublishesEveryPriceThenOnlyWhatChanged() async throws {
        try await PipelineHarness.with { gateway in
            let publisher = try await publisher(gateway)
            let first = try await publisher.publishCatalog(reason: "test")
            XCTAssertEqual(first.outcome, .sent, first.reason ?? "")
            XCTAssertEqual(first.items, 3)
            let bytes = try gateway.outbound(try XCTUnwrap(first.file))
            let results = InterchangeValidator(library: try SchemaLocator.load()).validate(try InterchangeFile.read(bytes: bytes))
            XCTAssertEqual(results.first?.groups.first?.sets.first?.acknowledgmentCode, "A")
            let segments = try body(bytes)
            XCTAssertEqual(segments.first, "BCT*PC*CAT\(try XCTUnwrap(first.interchange))********00")
            // ACME's contract prices, as the ERP would honour them on an order today.
            XCTAssertTrue(segments.contains("LIN*1*BP*ACM-1001*VN*AB3542"), "\(segments)")
            XCTAssertTrue(segments.contains("PO4*12"), "\(segments)")
            XCTAssertTrue(segments.contains("CTP**CON*10.5*1*EA"), "\(segments)")
            XCTAssertTrue(segments.contains("CTP**CON*4.6*1*EA"), "\(segments)")
            let published = try await gateway.store.publishedPrices(partner: "acme-retail")
            XCTAssertEqual(published["AB3542"]?.price, Decimal(string: "10.5"))

            // Nothing changed: nothing published.
            let second = try await publisher.publishCatalog(reason: "test")
            XCTAssertEqual(second.outcome, .unchanged)

            // The contract price of AB3542 changes: only it is published, and both prices stay on record.
            try gateway.setContractPrice(item: "AB3542", customer: "C-ACME", price: "9.95")
            let third = try await publisher.publishCatalog(reason: "test")
            XCTAssertEqual(third.outcome, .sent, third.reason ?? "")
            XCTAssertEqual(third.items, 1)
            let delta = try body(try gateway.outbound(try XCTUnwrap(third.file)))
            XCTAssertTrue(delta.contains("CTP**CON*9.95*1*EA"), "\(delta)")
            let today = OrderValidator.today()
            let held = try await gateway.store.publishedPrices(partner: "acme-retail", item: "AB3542", on: today)
            XCTAssertEqual(held.map(\.price), [Decimal(string: "9.95")!, Decimal(string: "10.5")!])
            let audit = try await gateway.store.audit.verify()
            XCTAssertTrue(audit.isIntact, "\(audit)")
        }
    }

    func testERPDownPublishesNothing() async throws {
        try await PipelineHarness.with { gateway in
            let publisher = try await publisher(gateway)
            await gateway.stopERP()
            let held = try await publisher.publishCatalog(reason: "test")
            XCTAssertEqual(held.outcome, .held)
            XCTAssertEqual(try gateway.files("outbound"), [])
            let published = try await gateway.store.publishedPrices(partner: "acme-retail")
            XCTAssertTrue(published.isEmpty)
        }
    }

    /// An order at a price we published, and that still holds, is honoured in the 855 even
    /// when the ERP's price moved since, and the audit says why; once a later catalog
    /// supersedes it, the old price is an ordinary mismatch again.
    func testAnOrderAtAPublishedPriceIsRecognised() async throws {
        try await PipelineHarness.with { gateway in
            let publisher = try await publisher(gateway)
            let published = try await publisher.publishCatalog(reason: "test")
            XCTAssertEqual(published.outcome, .sent, published.reason ?? "")
            try gateway.setContractPrice(item: "AB3542", customer: "C-ACME", price: "9.95")

            // Dated today, so the catalog published today holds on it.
            let today = OrderValidator.today().replacingOccurrences(of: "-", with: "")
            try gateway.drop("po-1.edi", try gateway.demoOrder(poNumber: "PO-PUB-1", interchange: 6001).replacingOccurrences(of: "**20261126~", with: "**\(today)~"))
            let first = await gateway.pipeline.poll()
            XCTAssertEqual(first.map(\.outcome), [.done], "\(first)")
            let order = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-PUB-1")
            XCTAssertEqual(order?.acknowledgment?.lines.first?.status, "IA", "line 1 at 10.50 as published, though the ERP says 9.95 today")
            let events = try await gateway.store.audit.entries(document: "inbound/\(try XCTUnwrap(first.first?.inbound))")
            let decided = try XCTUnwrap(events.first { $0.event == "order.decided" })
            XCTAssertTrue(decided.details.contains("price 10.50 as we published it (832 outbound/"), decided.details)

            // Finance's invoice audit names the catalog behind line 1's price: the ERP invoices
            // its own price today (9.95), a variance against the price we promised.
            let directory = await gateway.pipeline.partners
            let profile = try XCTUnwrap(directory.profile(id: "acme-retail"))
            let sender = OutboundDocumentSender(store: gateway.store, profile: profile, transport: try profile.transport.makeTransport(),
                                                library: try SchemaLibrary(directory: try XCTUnwrap(SchemaResources.directory)),
                                                maps: MapCatalog(directory: GatewayPipelineTests.repository.appendingPathComponent("Maps").path))
            guard case .shipNotice(var shipment) = try PipelineHarness.demo("acme-retail-shipment.json", .shipNotice),
                  case .invoice(var invoice) = try PipelineHarness.demo("acme-retail-invoice.json", .invoice) else { return XCTFail("demo documents") }
            shipment.orders[0].poNumber = "PO-PUB-1"
            _ = try await sender.send(.shipNotice(shipment))
            invoice.poNumber = "PO-PUB-1"
            invoice.lines[0].unitPrice = Decimal(string: "9.95")!
            invoice.total = nil
            let billed = try await sender.send(.invoice(invoice), correction: true)
            XCTAssertEqual(billed.outcome, .sent)
            let rows = try await gateway.store.invoiceReport(from: "2000-01-01", to: "2999-12-31", partner: "acme-retail")
            let row = try XCTUnwrap(rows.first { $0.poNumber == "PO-PUB-1" })
            XCTAssertEqual(row.match, "variance")
            // Lines 1 and 3 were ordered at the catalog's prices (line 2's item is not in ACME's catalog at that price).
            let holding = try await gateway.store.publishedPrices(partner: "acme-retail", item: "AB3542", on: OrderValidator.today())
            let catalog = try XCTUnwrap(holding.first?.outboundID)
            XCTAssertEqual(row.publishedPrices, ["line 1 at 10.50 as published in 832 outbound/\(catalog) of \(OrderValidator.today())",
                                                 "line 3 at 4.60 as published in 832 outbound/\(catalog) of \(OrderValidator.today())"])
            let csv = InvoiceReport(rows: rows, verification: try await gateway.store.audit.verify()).csv()
            XCTAssertTrue(csv.split(separator: "\n")[0].hasSuffix(",publishedPrices"), csv)
            XCTAssertTrue(csv.contains("as published in 832 outbound/"), csv)

            // A new catalog publishes 9.95: 10.50 is no longer a price we promise.
            _ = try await publisher.publishCatalog(reason: "test")
            try gateway.drop("po-2.edi", try gateway.demoOrder(poNumber: "PO-PUB-2", interchange: 6002).replacingOccurrences(of: "**20261126~", with: "**\(today)~"))
            _ = await gateway.pipeline.poll()
            let second = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-PUB-2")
            XCTAssertEqual(second?.acknowledgment?.lines.first?.status, "IP")
        }
    }
}
