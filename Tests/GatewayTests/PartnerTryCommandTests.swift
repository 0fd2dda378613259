import ERP
import ERPService
import Foundation
import GRDB
import XCTest

/// `edigate partner try` as ops run it, against the reference ERP over HTTP: it says what the
/// gateway would send and whether the partner is ready, and enters nothing anywhere.
final class PartnerTryCommandTests: XCTestCase {
    private static let repository = GatewayPipelineTests.repository

    private func withERP(_ body: (_ port: Int, _ erpPath: String, _ directory: TemporaryDirectory) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        let erpPath = directory.path("erp.sqlite")
        let store = ReferenceERPStore(database: try DemoDataSeeder.createDemoDatabase(at: erpPath))
        let running = try await ReferenceERPServer(store: store, configuration: .init()).start()
        do {
            try await body(running.port, erpPath, directory)
        } catch {
            await running.stop()
            throw error
        }
        await running.stop()
    }

    private func run(_ arguments: [String]) throws -> ProcessRun {
        try EdigateBinary.run(try EdigateBinary.locate(), ["partner", "try"] + arguments + [
            "--partners", Self.repository.appendingPathComponent("Partners").path,
            "--maps", Self.repository.appendingPathComponent("Maps").path,
        ])
    }

    private func json(_ run: ProcessRun) throws -> [String: Any] {
        let line = try XCTUnwrap(run.stdout.split(separator: "\n").first, run.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    func testTheDemoOrderIsReadyAndNothingIsEntered() async throws {
        try await withERP { port, erpPath, _ in
            let result = try run(["acme-retail", Self.repository.appendingPathComponent("demo/acme-retail-850.edi").path,
                                  "--erp-url", "http://127.0.0.1:\(port)", "--format", "json"])
            XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
            let report = try json(result)
            XCTAssertEqual(report["ready"] as? Bool, true)
            XCTAssertEqual(report["problems"] as? [String], [])
            XCTAssertTrue((report["acknowledgment"] as? String ?? "").contains("AK5*A~"), "\(report)")
            let order = try XCTUnwrap((report["orders"] as? [[String: Any]])?.first)
            XCTAssertEqual(order["poNumber"] as? String, "PO-88231")
            XCTAssertEqual(order["decision"] as? String, "acceptedWithChanges")
            XCTAssertTrue((order["reasons"] as? [String] ?? []).contains { $0.contains("14.25") }, "\(order)")
            let x12 = try XCTUnwrap(order["orderAcknowledgment"] as? String)
            XCTAssertTrue(x12.contains("BAK*00*AC*PO-88231"), x12)
            XCTAssertTrue(x12.contains("ACK*IP*12*EA"), x12)
            // A dry run: the ERP holds no sales order afterwards.
            let entered = try DatabaseQueue(path: erpPath).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sales_orders") }
            XCTAssertEqual(entered, 0)
        }
    }

    /// A file from someone else, and a set the gateway does not take, make the partner not
    /// ready, each with its reason; --no-erp skips the decision.
    func testProblemsMakeThePartnerNotReady() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("other.edi")
        try """
            ISA*00*          *00*          *ZZ*SOMEONEELSE    *ZZ*EDIGATE        *261130*1200*U*00401*000000901*0*P*>~
            GS*PO*SOMEONEELSE*EDIGATE*20261130*1200*901*X*004010~
            ST*850*0001~
            BEG*00*SA*PO-X**20261130~
            PO1*1*1*EA*1**BP*X1~
            CTT*1~
            SE*5*0001~
            GE*1*901~
            IEA*1*000000901~

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try run(["acme-retail", path, "--no-erp"])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("problem: ISA05/ISA06 ZZ:SOMEONEELSE is not the profile's partner ZZ:ACMERETAIL"), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("partner acme-retail: not ready\n"), result.stdout)

        let fine = try run(["acme-retail", Self.repository.appendingPathComponent("demo/acme-retail-850.edi").path, "--no-erp"])
        XCTAssertEqual(fine.status, 0, fine.stdout + fine.stderr)
        XCTAssertTrue(fine.stdout.contains("ERP decision: not asked (--no-erp)"), fine.stdout)
        XCTAssertFalse(fine.stdout.contains("855 it would send"), fine.stdout)
    }
}
