import Documents
import Foundation
import Mapping
import Partners
import StoreHarness
import Transport
import X12
import X12Schemas
import XCTest
@testable import Gateway
@testable import Store

/// 856s and 810s from ERP events, with real parts: the pipeline harness receives the demo 850
/// and sends its 855 (line 2 repriced from 13.99 to 14.25), then the demo shipment and invoice
/// are checked against that order and sent to ACME's local outbound folder.
final class OutboundDocumentSenderTests: XCTestCase {
    private static let partner = "acme-retail"

    func testDemoShipmentAndInvoiceAreSentRecordedAwaitingAndValid() async throws {
        try await PipelineHarness.with { gateway in
            let sender = try await receiveDemoOrder(gateway)
            let asn = try await sender.send(demo("acme-retail-shipment.json", .shipNotice))
            XCTAssertEqual(asn, OutboundSendReport(partner: Self.partner, type: "856", poNumber: "PO-88231", interchange: "000000003",
                                                   file: "856-000000003.edi", outbound: asn.outbound, outcome: .sent))
            let invoice = try await sender.send(demo("acme-retail-invoice.json", .invoice))
            XCTAssertEqual(invoice.file, "810-000000004.edi")
            XCTAssertEqual(invoice.poNumber, "PO-88231")

            XCTAssertEqual(try gateway.files("outbound"), ["810-000000004.edi", "855-000000002.edi", "856-000000003.edi", "997-000000001.edi"])
            let library = try SchemaLibrary(directory: try XCTUnwrap(SchemaResources.directory))
            for name in ["856-000000003.edi", "810-000000004.edi"] {
                let bytes = try gateway.outbound(name)
                let result = try XCTUnwrap(InterchangeValidator(library: library).validate(try InterchangeFile.read(bytes: bytes)).first)
                XCTAssertEqual(result.acknowledgmentCode, "A", name)
                XCTAssertEqual(result.groups.map(\.acknowledgmentCode), ["A"], name)
                XCTAssertEqual(result.header.receiverID, "ACMERETAIL", name)
            }
            let documents = try await gateway.store.outboundDocuments(partner: Self.partner)
            XCTAssertEqual(documents.map(\.type), ["997", "855", "856", "810"])
            let awaiting = try await gateway.store.sentGroups(partner: Self.partner, outcome: .awaiting)
            XCTAssertEqual(awaiting.map(\.group.functionalID), ["PR", "SH", "IN"])
            XCTAssertEqual(awaiting.map(\.group.interchangeControl), ["000000002", "000000003", "000000004"])

            let events = try await gateway.store.audit.entries(document: try XCTUnwrap(invoice.outbound)).map(\.event)
            XCTAssertEqual(events, ["outbound.queued", "order.invoiced", "invoice.matched", "outbound.sent"])

            // Everything on line 1 was shipped: another shipment of the same goods would ship 48 of 24.
            guard case .shipNotice(var another) = try demo("acme-retail-shipment.json", .shipNotice) else { return XCTFail("not a ShipNotice") }
            another.shipmentId = "SH-5002"
            await XCTAssertRefusal(try await sender.send(.shipNotice(another)),
                                   .overOrdered(partner: Self.partner, type: "856", poNumber: "PO-88231", line: "1", quantity: 48, ordered: 24))
            XCTAssertEqual(try gateway.files("outbound").count, 4)
            let order = try await gateway.store.order(partner: Self.partner, poNumber: "PO-88231")
            XCTAssertEqual(order?.lines.map(\.shipped), [24, 12, 48], "the order's lines carry what was shipped")
            XCTAssertEqual(order?.lines.map(\.invoiced), [24, 12, 48])
            let verification = try await gateway.store.audit.verify()
            XCTAssertTrue(verification.isIntact, "\(verification)")
        }
    }

    /// The ERP names items its own way; the buyer's ids from the order go back in the 856 and
    /// the 810 as the buyer sent them (ACME's BP/VN pairs), matched by PO line number.
    func testTheBuyersItemIDsAreEchoedFromTheOrder() async throws {
        try await PipelineHarness.with { gateway in
            let sender = try await receiveDemoOrder(gateway)
            guard case .shipNotice(var notice) = try demo("acme-retail-shipment.json", .shipNotice),
                  case .invoice(var invoice) = try demo("acme-retail-invoice.json", .invoice) else { return XCTFail("demo documents") }
            for p in notice.orders[0].packs.indices {
                notice.orders[0].packs[p].items = notice.orders[0].packs[p].items.map { var item = $0; item.buyerPartNumber = nil; return item }
            }
            invoice.lines = invoice.lines.map { var line = $0; line.buyerPartNumber = nil; return line }
            let asn = try await sender.send(.shipNotice(notice))
            let invoiced = try await sender.send(.invoice(invoice))
            let asnText = String(decoding: try gateway.outbound(try XCTUnwrap(asn.file)), as: UTF8.self)
            XCTAssertTrue(asnText.contains("LIN*1*BP*ACM-1001*VN*AB3542~"), asnText)
            XCTAssertTrue(asnText.contains("LIN*3*BP*ACM-2001*VN*TAPE-DUCT~"), asnText)
            let invoiceText = String(decoding: try gateway.outbound(try XCTUnwrap(invoiced.file)), as: UTF8.self)
            XCTAssertTrue(invoiceText.contains("IT1*2*12*EA*14.25**BP*ACM-1002*VN*RD5322~"), invoiceText)
        }
    }

    func testDocumentsThatDisagreeWithTheOrderAreRefusedWithNothingRecordedOrUploaded() async throws {
        try await PipelineHarness.with { gateway in
            let sender = try await receiveDemoOrder(gateway)
            let outboundBefore = try gateway.files("outbound")
            let documentsBefore = try await gateway.store.outboundDocuments().count

            var unknownOrder = try demoInvoice()
            unknownOrder.poNumber = "PO-99999"
            await XCTAssertRefusal(try await sender.send(.invoice(unknownOrder)),
                                   .unknownOrder(partner: Self.partner, type: "810", poNumber: "PO-99999"))

            var notOnOrder = try demoInvoice()
            notOnOrder.lines[2].lineNumber = "4"
            await XCTAssertRefusal(try await sender.send(.invoice(notOnOrder)),
                                   .lineNotOnOrder(partner: Self.partner, type: "810", poNumber: "PO-88231", line: "4", reason: "the order has lines 1, 2, 3"))

            var wrongItem = try demoInvoice()
            wrongItem.lines[0].buyerPartNumber = "ACM-9999"
            await XCTAssertRefusal(try await sender.send(.invoice(wrongItem)),
                                   .lineNotOnOrder(partner: Self.partner, type: "810", poNumber: "PO-88231", line: "1", reason: "PO line 1 is buyer part ACM-1001, not ACM-9999"))

            guard case .shipNotice(var overShipped) = try demo("acme-retail-shipment.json", .shipNotice) else { return XCTFail("not a ShipNotice") }
            overShipped.orders[0].packs[1].items[1].quantity = 49
            await XCTAssertRefusal(try await sender.send(.shipNotice(overShipped)),
                                   .overOrdered(partner: Self.partner, type: "856", poNumber: "PO-88231", line: "3", quantity: 49, ordered: 48))

            // The PO's own price for line 2, which our 855 changed to 14.25.
            var poPrice = try demoInvoice()
            poPrice.lines[1].unitPrice = Decimal(string: "13.99")!
            await XCTAssertRefusal(try await sender.send(.invoice(poPrice)),
                                   .priceMismatch(partner: Self.partner, poNumber: "PO-88231", line: "2", invoiced: Decimal(string: "13.99")!,
                                                  agreed: Decimal(string: "14.25")!, agreedIn: "855 we sent"))

            XCTAssertEqual(try gateway.files("outbound"), outboundBefore)
            let documentsAfter = try await gateway.store.outboundDocuments().count
            XCTAssertEqual(documentsAfter, documentsBefore)
            let awaiting = try await gateway.store.sentGroups(partner: Self.partner, outcome: .awaiting)
            XCTAssertEqual(awaiting.map(\.group.functionalID), ["PR"])
            let lastInterchange = try await gateway.store.controlNumbers().last(.interchange, partner: Self.partner)
            XCTAssertEqual(lastInterchange, 2, "refused before any control number was drawn")
        }
    }

    /// The ERP sends the same invoice (or shipment) twice: the partner gets one 810, and the
    /// second call answers with the first interchange. A different invoice under the same
    /// number is refused; nothing new is numbered or uploaded for either.
    func testTheSameInvoiceTwiceSendsOne810() async throws {
        try await PipelineHarness.with { gateway in
            let sender = try await receiveDemoOrder(gateway)
            _ = try await sender.send(demo("acme-retail-shipment.json", .shipNotice))
            let first = try await sender.send(demo("acme-retail-invoice.json", .invoice))
            XCTAssertEqual(first.outcome, .sent)
            let again = try await sender.send(demo("acme-retail-invoice.json", .invoice))
            XCTAssertEqual(again.outcome, .alreadySent)
            XCTAssertEqual(again.interchange, first.interchange)
            XCTAssertEqual(again.file, first.file)
            XCTAssertEqual(again.outbound, first.outbound)
            XCTAssertEqual(try gateway.files("outbound").filter { $0.hasPrefix("810-") }, [try XCTUnwrap(first.file)])

            var changed = try demoInvoice()
            changed.lines[0].quantity = 1
            let firstID = try XCTUnwrap(first.outbound.flatMap { Int64($0.dropFirst("outbound/".count)) })
            await XCTAssertRefusal(try await sender.send(.invoice(changed)),
                                   .conflictingDuplicate(partner: Self.partner, type: "810", key: changed.invoiceNumber, outbound: firstID))
            XCTAssertEqual(try gateway.files("outbound").filter { $0.hasPrefix("810-") }.count, 1)
            let documents = try await gateway.store.outboundDocuments(partner: Self.partner)
            XCTAssertEqual(documents.filter { $0.type == "810" }.count, 1)
            let order = try await gateway.store.order(partner: Self.partner, poNumber: "PO-88231")
            XCTAssertEqual(order?.lines.map(\.invoiced), [24, 12, 48], "invoiced once, not twice")
            let last = try await gateway.store.controlNumbers().last(.interchange, partner: Self.partner)
            XCTAssertEqual(last, 4, "997, 855, 856, 810: nothing numbered for the repeat or the refusal")
        }
    }

    /// What an 810 is checked against lives in tables: rewriting the audit trail (triggers
    /// dropped, chain recomputed by someone with file access) does not change what is accepted.
    func testChecksReadTheOrderTablesNotTheAuditTrail() async throws {
        try await PipelineHarness.with { gateway in
            let sender = try await receiveDemoOrder(gateway)
            _ = try await sender.send(demo("acme-retail-shipment.json", .shipNotice))
            try TestStore.tamper(path: gateway.directory.path("gateway.sqlite"), "DELETE FROM audit_log WHERE event LIKE 'order.%'")
            let invoice = try await sender.send(demo("acme-retail-invoice.json", .invoice))
            XCTAssertEqual(invoice.outcome, .sent, "the order and its 855 are read from orders/order_lines")
            var poPrice = try demoInvoice()
            poPrice.invoiceNumber = "INV-OTHER"
            poPrice.lines[1].unitPrice = Decimal(string: "13.99")!
            await XCTAssertRefusal(try await sender.send(.invoice(poPrice)),
                                   .priceMismatch(partner: Self.partner, poNumber: "PO-88231", line: "2", invoiced: Decimal(string: "13.99")!,
                                                  agreed: Decimal(string: "14.25")!, agreedIn: "855 we sent"))
        }
    }

    private func receiveDemoOrder(_ gateway: PipelineHarness) async throws -> OutboundDocumentSender {
        let sender = try await gateway.receiveDemoOrder()
        let sent = try await gateway.outboundDocuments()
        XCTAssertEqual(sent.last?.interchangeControl, "000000002", "the 855")
        return sender
    }

    private func demo(_ name: String, _ type: CanonicalDocumentType) throws -> CanonicalDocument {
        try PipelineHarness.demo(name, type)
    }

    private func demoInvoice() throws -> Invoice {
        guard case .invoice(let invoice) = try demo("acme-retail-invoice.json", .invoice) else { throw HarnessError("not an Invoice") }
        return invoice
    }
}

private func XCTAssertRefusal(_ expression: @autoclosure () async throws -> OutboundSendReport, _ expected: OutboundSendRefusal,
                              file: StaticString = #filePath, line: UInt = #line) async {
    do {
        let report = try await expression()
        XCTFail("sent, expected \(expected): \(report)", file: file, line: line)
    } catch let refusal as OutboundSendRefusal {
        XCTAssertEqual(refusal, expected, file: file, line: line)
    } catch {
        XCTFail("\(error), expected \(expected)", file: file, line: line)
    }
}

extension PipelineHarness {
    /// One poll with the demo 850, so that the order and its 855 are on record; returns a
    /// sender for ACME.
    func receiveDemoOrder() async throws -> OutboundDocumentSender {
        try dropDemoOrder()
        let reports = await pipeline.poll()
        XCTAssertEqual(reports.map(\.outcome), [.done], "\(reports)")
        let directory = await pipeline.partners
        let profile = try XCTUnwrap(directory.profile(id: "acme-retail"))
        return OutboundDocumentSender(store: store, profile: profile, transport: try profile.transport.makeTransport(),
                                      library: try SchemaLibrary(directory: try XCTUnwrap(SchemaResources.directory)),
                                      maps: MapCatalog(directory: GatewayPipelineTests.repository.appendingPathComponent("Maps").path))
    }

    func outboundDocuments() async throws -> [OutboundDocument] {
        try await store.outboundDocuments(partner: "acme-retail")
    }

    /// A demo ERP event (`demo/<name>`) as a canonical document.
    static func demo(_ name: String, _ type: CanonicalDocumentType) throws -> CanonicalDocument {
        let data = try Data(contentsOf: GatewayPipelineTests.repository.appendingPathComponent("demo/\(name)"))
        return try CanonicalDocument(type: type, value: CanonicalJSON.parse(Array(data)))
    }
}
