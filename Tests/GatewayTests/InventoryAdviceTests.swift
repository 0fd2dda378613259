import Documents
import ERP
import Foundation
import Mapping
import Partners
import X12
import X12Schemas
import XCTest
@testable import Gateway
@testable import Store

/// 846 from the ERP's available-to-promise: ACME's profile lists three items at WH-EAST; the
/// reference ERP over HTTP answers; the advice goes through the outbox to the local folder.
final class InventoryAdviceTests: XCTestCase {
    func adviser(_ gateway: PipelineHarness) async throws -> ItemDocumentSender {
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

    func testFirstAdviceTellsEverythingThenOnlyWhatChanged() async throws {
        try await PipelineHarness.with { gateway in
            let adviser = try await adviser(gateway)
            let first = try await adviser.adviseInventory(reason: "test")
            XCTAssertEqual(first.outcome, .sent, first.reason ?? "")
            XCTAssertEqual(first.items, 3)
            XCTAssertEqual(first.unknown, [])
            let bytes = try gateway.outbound(try XCTUnwrap(first.file))
            let results = InterchangeValidator(library: try SchemaLocator.load()).validate(try InterchangeFile.read(bytes: bytes))
            XCTAssertEqual(results.first?.groups.first?.sets.first?.acknowledgmentCode, "A")
            let segments = try body(bytes)
            XCTAssertEqual(segments.first, "BIA*00*DD*INV\(try XCTUnwrap(first.interchange))*\(OrderValidator.today().replacingOccurrences(of: "-", with: ""))")
            // On hand − allocated − safety stock: AB3542 500 − 60 − 20, RD5322 800 − 100 − 50.
            XCTAssertTrue(segments.contains("LIN*1*BP*ACM-1001*VN*AB3542"), "\(segments)")
            XCTAssertTrue(segments.contains("QTY*33*420*EA"), "\(segments)")
            XCTAssertTrue(segments.contains("QTY*33*650*EA"), "\(segments)")
            XCTAssertTrue(segments.contains("N1*WH**92*WH-EAST"), "\(segments)")
            XCTAssertEqual(segments.last, "CTT*3")
            // The IB group waits for ACME's 997 like any group we send.
            let awaiting = try await gateway.store.sentGroups(partner: "acme-retail", outcome: .awaiting)
            XCTAssertEqual(awaiting.map(\.group.interchangeControl), [try XCTUnwrap(first.interchange)])

            XCTAssertEqual(first.asked, 3, "the first look asks about every item")

            // Nothing moved: the ERP's change feed says so, and nobody is asked or told anything.
            let second = try await adviser.adviseInventory(reason: "test")
            XCTAssertEqual(second.outcome, .unchanged)
            XCTAssertEqual(second.file, nil)
            XCTAssertEqual(second.asked, 0)

            // Stock of an item ACME does not carry moved: still nothing asked.
            try gateway.setStock(item: "XY5266", warehouse: "WH-EAST", onHand: 7)
            let other = try await adviser.adviseInventory(reason: "test")
            XCTAssertEqual(other.asked, 0, "\(other)")

            // AB3542 sold: only it is asked about and told, at its new quantity.
            try gateway.setStock(item: "AB3542", warehouse: "WH-EAST", onHand: 100)
            let third = try await adviser.adviseInventory(reason: "test")
            XCTAssertEqual(third.outcome, .sent)
            XCTAssertEqual(third.asked, 1)
            XCTAssertEqual(third.items, 1)
            let delta = try body(try gateway.outbound(try XCTUnwrap(third.file)))
            XCTAssertTrue(delta.contains("QTY*33*20*EA"), "\(delta)")
            XCTAssertEqual(delta.filter { $0.hasPrefix("LIN*") }, ["LIN*1*BP*ACM-1001*VN*AB3542"])
            let told = try await gateway.store.inventoryPositions(partner: "acme-retail")
            XCTAssertEqual(told["AB3542/WH-EAST"], 20)

            let cursor = try await gateway.store.feedCursor(partner: "acme-retail", feed: "availability")
            XCTAssertNotNil(cursor, "the feed's cursor is kept with the advice")

            // --full tells everything again.
            let full = try await adviser.adviseInventory(full: true, reason: "test")
            XCTAssertEqual(full.items, 3)
            XCTAssertEqual(full.asked, 3)

            // An ERP without the feed (404): every item is asked about, every look.
            let withoutFeed = ItemDocumentSender(store: gateway.store, profile: try gateway.profile(), transport: try gateway.profile().transport.makeTransport(),
                                                 library: try SchemaLibrary(directory: try XCTUnwrap(SchemaResources.directory)),
                                                 maps: MapCatalog(directory: GatewayPipelineTests.repository.appendingPathComponent("Maps").path),
                                                 client: NoFeedERPClient(base: gateway.client))
            let asked = try await withoutFeed.adviseInventory(reason: "test")
            XCTAssertEqual(asked.outcome, .unchanged)
            XCTAssertEqual(asked.asked, 3)

            let audit = try await gateway.store.audit.verify()
            XCTAssertTrue(audit.isIntact, "\(audit)")
        }
    }

    /// The ERP down: no advice, nothing recorded as told, so the next look sends it all.
    func testERPDownTellsNothing() async throws {
        try await PipelineHarness.with { gateway in
            let adviser = try await adviser(gateway)
            await gateway.stopERP()
            let held = try await adviser.adviseInventory(reason: "test")
            XCTAssertEqual(held.outcome, .held)
            XCTAssertEqual(try gateway.files("outbound"), [])
            let told = try await gateway.store.inventoryPositions(partner: "acme-retail")
            XCTAssertEqual(told, [:])
            try await gateway.restartERP()
            try await Task.sleep(for: .milliseconds(600))   // the client's breaker closes again
            let later = try await adviser.adviseInventory(reason: "test")
            XCTAssertEqual(later.outcome, .sent, later.reason ?? "")
            XCTAssertEqual(later.items, 3)
        }
    }
}

/// An ERP that implements the contract without its optional availability change feed.
struct NoFeedERPClient: ERPClient {
    let base: any ERPClient

    func prices(_ request: PriceRequest, maxCacheAge: Duration) async throws(ERPError) -> PriceResponse { try await base.prices(request, maxCacheAge: maxCacheAge) }
    func credit(_ request: CreditRequest) async throws(ERPError) -> CreditResponse { try await base.credit(request) }
    func shipTo(_ request: ShipToRequest) async throws(ERPError) -> ShipToResponse { try await base.shipTo(request) }
    func availability(_ request: AvailabilityRequest) async throws(ERPError) -> AvailabilityResponse { try await base.availability(request) }
    func submitOrder(_ order: OrderSubmission) async throws(ERPError) -> OrderReceipt { try await base.submitOrder(order) }
    func changeOrder(_ change: OrderChange) async throws(ERPError) -> OrderChangeReceipt { try await base.changeOrder(change) }
    func upsertShipTo(_ upsert: ShipToUpsert) async throws(ERPError) -> ShipToUpsertReceipt { try await base.upsertShipTo(upsert) }
    func availabilityChanges(_ request: AvailabilityChangesRequest) async throws(ERPError) -> AvailabilityChanges {
        throw .rejectedRequest(endpoint: ERPEndpoint.availabilityChanges.rawValue, status: 404, problem: ProblemDetails(title: "Not Found", status: 404))
    }
}
