import ERP
import Foundation
import StoreHarness
import XCTest
@testable import Gateway
@testable import Store

/// One slow partner (or a slow ERP behind it) never stalls the others, and a partner with a
/// backlog gives way when its poll's time budget is spent.
final class PollSchedulingTests: XCTestCase {
    /// ACME's orders wait 1.5 s each on the ERP; Beta only sends a 997. Polled side by side,
    /// Beta's file is done long before ACME's last order; one at a time, it would wait for all.
    func testASlowPartnerDoesNotHoldUpTheOthers() async throws {
        try await PipelineHarness.with { gateway in
            let beta = try gateway.addPartner(id: "beta-stores", isaID: "BETASTORES")
            for number in 1...3 { try gateway.drop("po-\(number).edi", try gateway.demoOrder(poNumber: "PO-\(number)", interchange: 500 + number)) }
            try Data(beta.functionalAcknowledgment.utf8).write(to: beta.root.appendingPathComponent("inbound/997.edi"))

            let slow = SlowERPClient(base: gateway.client, delay: .milliseconds(1500))
            let pipeline = try gateway.pipeline(store: gateway.store, orders: OrderValidator(client: slow), partnerConcurrency: 2)
            let finished = FinishTimes()
            await pipeline.setReportSink { report in finished.note(report.partner) }
            let reports = await pipeline.poll()
            XCTAssertEqual(reports.filter { $0.partner == "acme-retail" }.map(\.outcome), [.done, .done, .done], "\(reports)")
            XCTAssertEqual(reports.filter { $0.partner == "beta-stores" }.map(\.outcome), [.done], "\(reports)")
            let betaDone = try XCTUnwrap(finished.first("beta-stores"))
            let acmeDone = try XCTUnwrap(finished.last("acme-retail"))
            XCTAssertLessThan(betaDone, acmeDone - .seconds(2), "Beta did not wait for ACME's slow orders")
        }
    }

    /// A poll stops claiming once its budget is spent; the file under way finishes and the
    /// rest are taken by the next poll, in order.
    func testAPollGivesWayWhenItsBudgetIsSpent() async throws {
        try await PipelineHarness.with { gateway in
            for number in 1...3 { try gateway.drop("po-\(number).edi", try gateway.demoOrder(poNumber: "PO-\(number)", interchange: 600 + number)) }
            let slow = SlowERPClient(base: gateway.client, delay: .milliseconds(800))
            let pipeline = try gateway.pipeline(store: gateway.store, orders: OrderValidator(client: slow), pollBudget: .milliseconds(500))
            let first = await pipeline.poll()
            XCTAssertEqual(first.map(\.outcome), [.done], "one file, then the budget is spent: \(first)")
            let waiting = try await gateway.store.inboundFiles(in: .received)
            XCTAssertEqual(waiting.count, 2)
            let second = await pipeline.poll()
            XCTAssertEqual(second.map(\.outcome), [.done])
            let third = await pipeline.poll()
            XCTAssertEqual(third.map(\.outcome), [.done])
            let done = try await gateway.store.inboundFiles(in: .done)
            XCTAssertEqual(done.count, 3)
        }
    }
}

extension PollSchedulingTests {
    /// `gateway poll` without --once runs until SIGTERM, then stops cleanly: the file under way
    /// is finished (its 855 sent), and the process exits on its own.
    func testSIGTERMStopsThePollingLoopCleanly() async throws {
        let binary = try EdigateBinary.locate()
        try await PipelineHarness.with { gateway in
            try gateway.dropDemoOrder()
            let process = Process()
            process.executableURL = binary
            process.arguments = ["gateway", "poll", "--interval", "1", "--db", try TestStore.location(for: gateway.directory.path("gateway.sqlite")),
                                 "--staging", gateway.directory.url.appendingPathComponent("staging").path,
                                 "--partners", gateway.directory.url.appendingPathComponent("partners").path,
                                 "--maps", GatewayPipelineTests.repository.appendingPathComponent("Maps").path,
                                 "--erp-url", "http://127.0.0.1:\(gateway.port)"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = Pipe()
            try process.run()
            // Two listings one second apart make the file ready; then it is answered.
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline, (try? gateway.files("outbound").count) ?? 0 < 2 {
                try await Task.sleep(for: .milliseconds(200))
            }
            XCTAssertEqual(try gateway.files("outbound"), ["855-000000002.edi", "997-000000001.edi"])
            process.terminate()
            let stopBy = ContinuousClock.now + .seconds(10)
            while process.isRunning, ContinuousClock.now < stopBy { try await Task.sleep(for: .milliseconds(100)) }
            XCTAssertFalse(process.isRunning, "still running 10 s after SIGTERM")
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .exit, "exited by itself, not killed by the signal")
            let lines = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertTrue(lines.contains("\"outcome\":\"done\""), lines)
            let processing = try await gateway.store.inboundFiles(in: .processing)
            XCTAssertEqual(processing, [], "nothing left half-done")
        }
    }
}

/// When each partner's reports arrived.
final class FinishTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [(partner: String, at: ContinuousClock.Instant)] = []

    func note(_ partner: String) { lock.withLock { times.append((partner, .now)) } }
    func first(_ partner: String) -> ContinuousClock.Instant? { lock.withLock { times.first { $0.partner == partner }?.at } }
    func last(_ partner: String) -> ContinuousClock.Instant? { lock.withLock { times.last { $0.partner == partner }?.at } }
}

extension PipelineHarness {
    struct ExtraPartner {
        let root: URL
        /// A 997 from the partner to us: processed without the ERP.
        let functionalAcknowledgment: String
    }

    /// A second partner shaped like ACME (same maps), with its own ISA ID and local folders.
    func addPartner(id: String, isaID: String) throws -> ExtraPartner {
        let root = directory.url.appendingPathComponent(id)
        for folder in ["inbound", "outbound", "archive"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let acme = try String(contentsOf: directory.url.appendingPathComponent("partners/acme-retail.yaml"), encoding: .utf8)
        let text = acme.replacingOccurrences(of: "id: acme-retail", with: "id: \(id)")
            .replacingOccurrences(of: "id: ACMERETAIL, groupID: ACMERETAIL", with: "id: \(isaID), groupID: \(isaID)")
            .replacingOccurrences(of: partnerRoot.path, with: root.path)
        try text.write(to: directory.url.appendingPathComponent("partners/\(id).yaml"), atomically: true, encoding: .utf8)
        func pad(_ value: String) -> String { value.padding(toLength: 15, withPad: " ", startingAt: 0) }
        let ack = "ISA*00*          *00*          *ZZ*\(pad(isaID))*ZZ*\(pad("EDIGATE"))*261130*1200*U*00401*000000901*0*P*>~"
            + "GS*FA*\(isaID)*EDIGATE*20261130*1200*901*X*004010~ST*997*0001~AK1*PR*77~AK9*A*1*1*1~SE*4*0001~GE*1*901~IEA*1*000000901~"
        return ExtraPartner(root: root, functionalAcknowledgment: ack)
    }
}

extension PollSchedulingTests {
    /// Files of one partner side by side: four orders on an ERP that takes 1 s each finish in
    /// about one second, not four; two files of the same PO still go one after the other, and
    /// the first one's order is the one decided.
    func testFilesOfOnePartnerRunSideBySideButAPOsFilesKeepTheirOrder() async throws {
        try await PipelineHarness.with { gateway in
            for number in 1...4 { try gateway.drop("po-\(number).edi", try gateway.demoOrder(poNumber: "PO-\(number)", interchange: 700 + number)) }
            let slow = SlowERPClient(base: gateway.client, delay: .milliseconds(1000))
            let pipeline = try gateway.pipeline(store: gateway.store, orders: OrderValidator(client: slow), fileConcurrency: 4)
            let started = ContinuousClock.now
            let reports = await pipeline.poll()
            let elapsed = ContinuousClock.now - started
            XCTAssertEqual(reports.map(\.outcome), Array(repeating: .done, count: 4), "\(reports)")
            XCTAssertLessThan(elapsed, .milliseconds(3000), "four 1-second ERP entries side by side")

            // Two files, one PO: the second waits for the first and is held as received before.
            try gateway.drop("po-5a.edi", try gateway.demoOrder(poNumber: "PO-5", interchange: 751))
            try gateway.drop("po-5b.edi", try gateway.demoOrder(poNumber: "PO-5", interchange: 752, quantity: "30"))
            let same = await pipeline.poll()
            XCTAssertEqual(same.map(\.name), ["po-5a.edi", "po-5b.edi"], "one after the other, in order")
            XCTAssertEqual(same.map(\.outcome), [.done, .held], "\(same)")
            let order = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-5")
            XCTAssertEqual(order?.lines.first?.ordered, 24, "the first file's order stands")
        }
    }
}
