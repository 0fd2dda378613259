import Console
import Foundation
import Store
import XCTest

/// The invoice audit and the order trace in the console's API (the same report as `edigate
/// audit invoices`, CSV as a download).
final class ConsoleFinanceTests: XCTestCase {
    private var gateway: SeededGateway!

    override func setUp() async throws {
        gateway = try await SeededGateway.make()
    }

    override func tearDown() async throws {
        gateway?.remove()
    }

    func testInvoiceAuditAndTraceEndpoints() async throws {
        try await gateway.withConsole { console in
            let report = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/invoices?from=2026-01-01&to=2026-12-31").object()
            XCTAssertEqual((report["invoices"] as? [Any])?.count, 0)
            XCTAssertEqual((report["totals"] as? [Any])?.count, 0)
            XCTAssertTrue((report["auditChain"] as? String)?.hasPrefix("ok:") ?? false, "\(report)")
            let csv = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/invoices?format=csv")
            XCTAssertEqual(csv.status, 200)
            XCTAssertEqual(csv.contentType, "text/csv; charset=utf-8")
            XCTAssertTrue(csv.text.hasPrefix("partner,invoiceNumber,invoiceDate,poNumber"), csv.text)
            let badDate = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/invoices?from=yesterday")
            XCTAssertEqual(badDate.status, 400)
            XCTAssertEqual(badDate.contentType, ConsoleProblem.mediaType)
            let badStatus = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/invoices?status=paid")
            XCTAssertEqual(badStatus.status, 400)
            let noOrder = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/trace/PO-NOPE")
            XCTAssertEqual(noOrder.status, 404)
            let page = try await ConsoleHTTP.send(.GET, console.baseURL + "/")
            XCTAssertTrue(page.text.contains("Invoice audit"), "the page shows finance's report")
        }
    }
}
