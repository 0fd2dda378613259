import ERP
import ERPService
import XCTest

/// Approved prices are reused inside the profile's TTL; the ERP sees no second call.
final class PriceCacheTests: XCTestCase {
    func testSecondIdenticalLookupInsideTheTTLMakesNoCall() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            let policy = ValidationPolicy(priceCacheTTLSeconds: 60)
            let first = try await validator.validate(Orders.xyzSample(), account: Orders.xyz, policy: policy, today: Orders.today).decided()
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.prices.rawValue), 1)
            let second = try await validator.validate(Orders.xyzSample(po: "OTHER"), account: Orders.xyz, policy: policy, today: Orders.today).decided()
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.prices.rawValue), 1, "all five prices came from the cache")
            XCTAssertEqual(first.acknowledgment.lines.map(\.ackUnitPrice), second.acknowledgment.lines.map(\.ackUnitPrice))
            // Availability and credit are never cached: stock moves by the minute.
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.availability.rawValue), 2)
        }
    }

    func testOnlyMissingLinesAreAskedAndTTLZeroAlwaysAsks() async throws {
        try await withReferenceERP { erp in
            let client = try erp.client()
            func ask(_ items: [(String, Decimal)], maxAge: Duration) async throws -> PriceResponse {
                try await client.prices(PriceRequest(customerId: "C1001", date: Orders.today, lines: items.enumerated().map { .init(ref: "\($0.offset + 1)", item: ItemReference(vendorPartNumber: $0.element.0), quantity: $0.element.1, uom: "EA") }), maxCacheAge: maxAge)
            }
            _ = try await ask([("AB3542", 10)], maxAge: .seconds(60))
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.prices.rawValue), 1)
            // A cached line and a new one: one call, and the answer keeps the caller's refs.
            let mixed = try await ask([("RD5322", 10), ("AB3542", 10)], maxAge: .seconds(60))
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.prices.rawValue), 2)
            XCTAssertEqual(mixed.results.map(\.ref), ["1", "2"])
            XCTAssertEqual(mixed.results.map(\.itemId), ["RD5322", "AB3542"])
            // A different quantity is a different question (tiers).
            _ = try await ask([("AB3542", 11)], maxAge: .seconds(60))
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.prices.rawValue), 3)
            // TTL 0: the profile wants the ERP asked every time.
            _ = try await ask([("AB3542", 10)], maxAge: .zero)
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.prices.rawValue), 4)
        }
    }

    func testEntriesExpireAfterTheTTLAndUnknownItemsAreNotCached() async throws {
        try await withReferenceERP { erp in
            let client = try erp.client()
            let request = PriceRequest(customerId: "C1001", date: Orders.today, lines: [.init(ref: "1", item: ItemReference(vendorPartNumber: "AB3542"), quantity: 1, uom: "EA")])
            _ = try await client.prices(request, maxCacheAge: .milliseconds(200))
            _ = try await client.prices(request, maxCacheAge: .milliseconds(200))
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.prices.rawValue), 1)
            try await Task.sleep(for: .milliseconds(250))
            _ = try await client.prices(request, maxCacheAge: .milliseconds(200))
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.prices.rawValue), 2, "expired entry asked again")

            let unknown = PriceRequest(customerId: "C1001", date: Orders.today, lines: [.init(ref: "1", item: ItemReference(vendorPartNumber: "NEW-ITEM"), quantity: 1, uom: "EA")])
            _ = try await client.prices(unknown, maxCacheAge: .seconds(60))
            _ = try await client.prices(unknown, maxCacheAge: .seconds(60))
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.prices.rawValue), 4, "an unknown item may be set up a minute later")
        }
    }
}
