import XCTest
import Documents
import ERP
@testable import Partners

/// The example profiles' `erp:` and `validation:` sections become the ERP module's account
/// and policy, and partner ship-to codes become ERP ship-to ids.
final class PartnerERPPolicyTests: XCTestCase {
    private func profile(_ id: String) throws -> PartnerProfile {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try XCTUnwrap(try PartnerDirectory(directory: root.appendingPathComponent("Partners").path).profile(id: id))
    }

    func testGlobexPolicyAndAccount() throws {
        let globex = try profile("globex-stores")
        XCTAssertEqual(globex.erpAccount, PartnerAccount(partnerId: "globex-stores", customerId: "C-GLOBEX"))
        let policy = globex.erpPolicy
        XCTAssertEqual(policy.priceMismatch, .reject)
        XCTAssertEqual(policy.shortage, .change)
        XCTAssertEqual(policy.unknownItem, .rejectLine)
        XCTAssertEqual(policy.creditHold, .reject)
        XCTAssertEqual(policy.priceToleranceAbsolute, Decimal(string: "0.01"))
        XCTAssertEqual(policy.priceTolerancePercent, 0)
        XCTAssertTrue(policy.priceWithinTolerance(offered: Decimal(string: "10.01")!, net: 10))
        XCTAssertFalse(policy.priceWithinTolerance(offered: Decimal(string: "10.02")!, net: 10))
    }

    func testShipToCodesMapToERPIds() throws {
        let acme = try profile("acme-retail")
        let order = PurchaseOrder(poNumber: "PO1", poDate: "2026-11-26", shipTo: Party(id: "0012", idQualifier: "92"), lines: [])
        XCTAssertEqual(acme.erpOrder(order).shipTo?.id, "ST-ACME-0012")
        let unmapped = PurchaseOrder(poNumber: "PO1", poDate: "2026-11-26", shipTo: Party(id: "9999", idQualifier: "92"), lines: [])
        XCTAssertEqual(acme.erpOrder(unmapped).shipTo?.id, "9999")
        XCTAssertEqual(acme.erpPolicy.priceCacheTTLSeconds, 60)
    }
}
