import ERP
import GRDB
import ERPService
import Foundation
import Partners
import StoreHarness
import X12
import X12Schemas
import XCTest
@testable import Gateway
@testable import Store

/// The whole pipeline with real parts: ACME Retail's profile on a local-folder transport, the
/// bundled maps and schemas, the reference ERP over loopback HTTP with its demo data, and the
/// demo 850 (contract prices for AB3542 and TAPE-DUCT; RD5322 sent at 13.99 against 14.25).
final class GatewayPipelineTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let demoOrderName = "acme-retail-850.edi"

    func testDemoOrderIsAcknowledgedDecidedAnsweredAndArchivedOnce() async throws {
        try await PipelineHarness.with { gateway in
            try gateway.dropDemoOrder()
            let reports = await gateway.pipeline.poll()
            XCTAssertEqual(reports.count, 1, "\(reports)")
            let report = try XCTUnwrap(reports.first)
            XCTAssertEqual(report.outcome, .done, report.reason ?? "")
            XCTAssertEqual(report.ack, "997 A")
            XCTAssertEqual(report.control855, ["000000002"])

            XCTAssertEqual(try gateway.files("outbound"), ["855-000000002.edi", "997-000000001.edi"])
            try assert997Accepts(gateway.outbound("997-000000001.edi"))
            let ack855 = try gateway.outbound("855-000000002.edi")
            let bak = try XCTUnwrap(segments(of: ack855, id: "BAK").first)
            XCTAssertEqual(bak[2], "AC", "accepted with changes: line 2 is repriced")
            XCTAssertEqual(bak[3], "PO-88231")
            XCTAssertEqual(try segments(of: ack855, id: "ACK").map { $0[1] }, ["IA", "IP", "IA"])
            let shipTo = try XCTUnwrap(segments(of: ack855, id: "N1").first { $0[1] == "ST" })
            XCTAssertEqual(shipTo[4], "0012", "the partner's own ship-to code, not the ERP's id")

            XCTAssertEqual(try gateway.files("inbound"), [])
            XCTAssertEqual(try gateway.files("archive"), [Self.demoOrderName])
            let done = try await gateway.store.inboundFiles(in: .done)
            XCTAssertEqual(done.map(\.name), [Self.demoOrderName])
            let events = try await gateway.store.audit.entries(document: done[0].documentReference).map(\.event)
            for expected in ["inbound.received", "inbound.processing", "interchange.validated", "acknowledgment.sent",
                             "order.translated", "order.decided", "order.acknowledged", "inbound.done"] {
                XCTAssertTrue(events.contains(expected), "no \(expected) in \(events)")
            }

            // The partner drops the same file again: recognised by content, archived, not processed.
            try gateway.dropDemoOrder()
            let second = await gateway.pipeline.poll()
            XCTAssertEqual(second.map(\.outcome), [.duplicate])
            XCTAssertEqual(second.first?.inbound, done[0].id)
            XCTAssertEqual(try gateway.files("outbound"), ["855-000000002.edi", "997-000000001.edi"])
            XCTAssertEqual(try gateway.files("inbound"), [])
            XCTAssertEqual(try gateway.files("archive").count, 2)
            let afterSecond = try await gateway.store.inboundFiles(in: .done)
            XCTAssertEqual(afterSecond.map(\.id), [done[0].id])
            let lastInterchange = try await gateway.store.controlNumbers().last(.interchange, partner: "acme-retail")
            XCTAssertEqual(lastInterchange, 2)

            let verification = try await gateway.store.audit.verify()
            XCTAssertTrue(verification.isIntact, "\(verification)")
        }
    }

    /// ACME answers our 855 with a 997: the pipeline reads it as a partner acknowledgment, does
    /// not answer it (never acknowledge an acknowledgment), and settles the sent group.
    func testThePartners997SettlesOur855() async throws {
        try await PipelineHarness.with { gateway in
            try gateway.dropDemoOrder()
            _ = await gateway.pipeline.poll()
            let awaiting = try await gateway.store.sentGroups(partner: "acme-retail", outcome: .awaiting)
            XCTAssertEqual(awaiting.map(\.group.functionalID), ["PR"])

            // ACME's 997 for our 855: what its translator would send, built by our own builder.
            let sent855 = try gateway.outbound("855-000000002.edi")
            let library = try SchemaLibrary(directory: try XCTUnwrap(SchemaResources.directory))
            let results = InterchangeValidator(library: library).validate(try InterchangeFile.read(bytes: sent855))
            var numbers = InMemoryControlNumberSource(start: 500)
            let answer = try XCTUnwrap(try AcknowledgmentBuilder(timestamp: AcknowledgmentTimestamp(date: "20261127", time: "0800")).build(for: results, controlNumbers: &numbers).first)
            try gateway.drop("997-from-acme.edi", String(decoding: answer.bytes, as: UTF8.self))

            let reports = await gateway.pipeline.poll()
            XCTAssertEqual(reports.map(\.outcome), [.done], "\(reports)")
            XCTAssertEqual(reports.first?.reconciled, ["PR 2 accepted"])
            XCTAssertNil(reports.first?.ack, "an acknowledgment is never acknowledged")
            XCTAssertEqual(try gateway.files("outbound"), ["855-000000002.edi", "997-000000001.edi"])
            let settled = try await gateway.store.sentGroups(partner: "acme-retail", outcome: .accepted)
            XCTAssertEqual(settled.map(\.group.groupControl), ["2"])
            XCTAssertEqual(settled.first?.decidedBy, "997")
            let verification = try await gateway.store.audit.verify()
            XCTAssertTrue(verification.isIntact, "\(verification)")
        }
    }

    func testERPDownHoldsTheOrderWithoutAn855UntilTheERPAnswers() async throws {
        try await PipelineHarness.with { gateway in
            await gateway.stopERP()
            try gateway.dropDemoOrder()
            let held = await gateway.pipeline.poll()
            XCTAssertEqual(held.map(\.outcome), [.held], "\(held)")
            XCTAssertEqual(held.first?.ack, "997 A", "the 997 does not wait for the ERP")
            XCTAssertEqual(held.first?.control855, [])
            XCTAssertEqual(try gateway.files("outbound"), ["997-000000001.edi"])
            XCTAssertEqual(try gateway.files("archive"), [Self.demoOrderName])
            let holds = try await gateway.store.inboundFiles(in: .held)
            let file = try XCTUnwrap(holds.first)
            guard case .held(let reason, let retryAt) = file.state else { return XCTFail("\(file.state)") }
            XCTAssertTrue(reason.contains("PO-88231"), reason)
            XCTAssertGreaterThan(try XCTUnwrap(retryAt), Date(), "retried later, by the policy's first delay")
            let failed = try await gateway.store.inboundFiles(in: .failed)
            XCTAssertEqual(failed, [], "never rejected on a guess")

            try await gateway.restartERP()
            try await gateway.store.retry(file.id)
            let released = await gateway.pipeline.poll()
            XCTAssertEqual(released.map(\.outcome), [.done], "\(released)")
            XCTAssertEqual(released.first?.ack, "997 A", "reported from the first attempt, not sent again")
            XCTAssertEqual(released.first?.control855, ["000000002"])
            XCTAssertEqual(try gateway.files("outbound"), ["855-000000002.edi", "997-000000001.edi"])
            let bak = try XCTUnwrap(segments(of: gateway.outbound("855-000000002.edi"), id: "BAK").first)
            XCTAssertEqual(bak[2], "AC")
            let done = try await gateway.store.inboundFiles(in: .done)
            XCTAssertEqual(done.map(\.id), [file.id])
            let verification = try await gateway.store.audit.verify()
            XCTAssertTrue(verification.isIntact, "\(verification)")
        }
    }

    func testEnvelopeRejectedAndUnreadableFilesAreFailedAndKeptWithTheirReason() async throws {
        try await PipelineHarness.with { gateway in
            let demo = try String(contentsOf: Self.repository.appendingPathComponent("demo/\(Self.demoOrderName)"), encoding: .utf8)
            // IEA02 no longer matches ISA13: the envelope is in error, so ACME's onError policy owes a TA1.
            try gateway.drop("a-bad-envelope.edi", demo.replacingOccurrences(of: "IEA*1*000004711", with: "IEA*1*000009999"))
            try gateway.drop("b-not-x12.edi", "this is not an interchange\n")
            let reports = await gateway.pipeline.poll()
            XCTAssertEqual(reports.map(\.name), ["a-bad-envelope.edi", "b-not-x12.edi"])
            XCTAssertEqual(reports.map(\.outcome), [.failed, .failed], "\(reports)")
            XCTAssertEqual(reports.first?.ack?.hasPrefix("TA1 R"), true, "\(reports)")
            XCTAssertEqual(reports.first?.control855, [], "a rejected interchange is not processed")
            XCTAssertNil(reports.last?.ack, "no envelope to address a TA1 to")
            XCTAssertEqual(reports.last?.reason?.contains("unreadable"), true, reports.last?.reason ?? "")

            let outbound = try gateway.files("outbound")
            XCTAssertEqual(outbound, ["997-000000001.edi"])
            let ta1 = try XCTUnwrap(InterchangeFile.read(bytes: gateway.outbound(outbound[0])).interchanges.first?.serviceSegments.first)
            XCTAssertEqual(ta1[1], "000004711")
            XCTAssertEqual(ta1[4], "R")

            let failed = try await gateway.store.inboundFiles(in: .failed)
            XCTAssertEqual(failed.map(\.name), ["a-bad-envelope.edi", "b-not-x12.edi"])
            XCTAssertTrue(failed.allSatisfy { !($0.state.reason ?? "").isEmpty })
            XCTAssertEqual(try gateway.files("archive"), ["a-bad-envelope.edi", "b-not-x12.edi"], "recorded, so the server copies go")
            let verification = try await gateway.store.audit.verify()
            XCTAssertTrue(verification.isIntact, "\(verification)")
        }
    }

    private func assert997Accepts(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let interchange = try XCTUnwrap(InterchangeFile.read(bytes: bytes).interchanges.first, file: file, line: line)
        XCTAssertEqual(interchange.header.receiverID, "ACMERETAIL", file: file, line: line)
        XCTAssertEqual(try segments(of: bytes, id: "AK1").first?[2], "4711", file: file, line: line)
        XCTAssertEqual(try segments(of: bytes, id: "AK5").map { $0[1] }, ["A"], file: file, line: line)
        XCTAssertEqual(try segments(of: bytes, id: "AK9").first?[1], "A", file: file, line: line)
    }

    private func segments(of bytes: [UInt8], id: String) throws -> [Segment] {
        try InterchangeFile.read(bytes: bytes).interchanges.flatMap { $0.groups.flatMap { $0.transactionSets.flatMap { Array($0.segments) } } }
            .filter { $0.idString == id }
    }
}

/// A temp folder with ACME's profile moved onto a local-folder transport, a gateway database,
/// a reference ERP and the pipeline wired to all three.
final class PipelineHarness: @unchecked Sendable {
    let directory: TemporaryDirectory
    let partnerRoot: URL
    let store: GatewayStore
    let pipeline: GatewayPipeline
    let client: HTTPERPClient
    private let erpStore: ReferenceERPStore
    private var erp: RunningReferenceERP?
    let port: Int

    /// `processing` is appended to ACME's profile (YAML, top level); `inlineContentLimit`
    /// sends files over it to the store's content folder.
    /// `transport` replaces the local folders with another `transport:` section (the test sshd).
    init(processing: String? = nil, inlineContentLimit: Int = GatewayStore.largestInlineContent,
         minimumFreeBytes: Int64 = GatewayPipeline.defaultMinimumFreeBytes, transport sftp: String? = nil) async throws {
        directory = try TemporaryDirectory()
        partnerRoot = directory.url.appendingPathComponent("acme")
        for folder in ["inbound", "outbound", "archive"] {
            try FileManager.default.createDirectory(at: partnerRoot.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let partners = directory.url.appendingPathComponent("partners")
        try FileManager.default.createDirectory(at: partners, withIntermediateDirectories: true)
        let original = try String(contentsOf: GatewayPipelineTests.repository.appendingPathComponent("Partners/acme-retail.yaml"), encoding: .utf8)
        guard let start = original.range(of: "\ntransport:\n"), let end = original.range(of: "\nerp:\n") else {
            throw HarnessError("Partners/acme-retail.yaml has no transport: section followed by erp:")
        }
        let transport = """

            transport:
              local: { root: "\(partnerRoot.path)" }
              inbound: inbound
              outbound: outbound
              archive: archive

            """
        try String(original[..<start.lowerBound] + (sftp ?? transport) + original[end.lowerBound...] + (processing.map { "\nprocessing:\n\($0)\n" } ?? ""))
            .write(to: partners.appendingPathComponent("acme-retail.yaml"), atomically: true, encoding: .utf8)

        erpStore = ReferenceERPStore(database: try DemoDataSeeder.createDemoDatabase(at: directory.path("erp.sqlite")))
        let running = try await ReferenceERPServer(store: erpStore, configuration: .init()).start()
        erp = running
        port = running.port
        // Short timeouts and a breaker that closes quickly: the ERP is stopped and restarted here.
        client = try HTTPERPClient(connection: ERPConnection(baseURL: "http://127.0.0.1:\(port)", requestTimeoutSeconds: 2, connectTimeoutSeconds: 1,
                                                             maxAttempts: 2, retryBaseDelaySeconds: 0.02, retryMaxDelaySeconds: 0.05,
                                                             breakerFailureThreshold: 50, breakerOpenSeconds: 0.5))
        store = try TestStore.open(path: directory.path("gateway.sqlite"), inlineContentLimit: inlineContentLimit)
        let schemas = try XCTUnwrap(SchemaResources.directory)
        pipeline = GatewayPipeline(store: store, partners: try PartnerDirectory(directory: partners.path),
                                   mapsDirectory: GatewayPipelineTests.repository.appendingPathComponent("Maps").path,
                                   library: try SchemaLibrary(directory: schemas), orders: OrderValidator(client: client),
                                   stagingDirectory: directory.url.appendingPathComponent("staging"), relistDelay: .milliseconds(100),
                                   minimumFreeBytes: minimumFreeBytes)
    }

    /// ACME's profile as the pipeline loaded it.
    func profile() throws -> PartnerProfile {
        try XCTUnwrap(try PartnerDirectory(directory: directory.url.appendingPathComponent("partners").path).profile(id: "acme-retail"))
    }

    func dropDemoOrder() throws {
        let bytes = try Data(contentsOf: GatewayPipelineTests.repository.appendingPathComponent("demo/\(GatewayPipelineTests.demoOrderName)"))
        try bytes.write(to: partnerRoot.appendingPathComponent("inbound/\(GatewayPipelineTests.demoOrderName)"))
    }

    func drop(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: partnerRoot.appendingPathComponent("inbound/\(name)"))
    }

    func files(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: partnerRoot.appendingPathComponent(folder).path).filter { !$0.hasPrefix(".") }.sorted()
    }

    func outbound(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: partnerRoot.appendingPathComponent("outbound/\(name)")))
    }

    /// Changes the reference ERP's stock, as a receipt or a sale would.
    func setStock(item: String, warehouse: String, onHand: Int) throws {
        try erpStore.database.write { db in
            try db.execute(sql: "UPDATE stock SET on_hand = ? WHERE item_id = ? AND warehouse_id = ?", arguments: ["\(onHand)", item, warehouse])
        }
    }

    /// Changes a customer's contract price for an item in the reference ERP.
    func setContractPrice(item: String, customer: String, price: String) throws {
        try erpStore.database.write { db in
            try db.execute(sql: "UPDATE contracts SET price = ? WHERE item_id = ? AND customer_id = ?", arguments: [price, item, customer])
        }
    }

    func stopERP() async {
        await erp?.stop()
        erp = nil
    }

    /// Same port and data, as after an ERP restart.
    func restartERP() async throws {
        erp = try await ReferenceERPServer(store: erpStore, configuration: .init(port: port)).start()
    }

    func tearDown() async {
        try? await client.shutdown()
        await stopERP()
    }

    /// Runs `body` against a fresh harness and always tears it down (the ERP server and the
    /// HTTP client must not outlive a failing test).
    static func with(processing: String? = nil, inlineContentLimit: Int = GatewayStore.largestInlineContent,
                     minimumFreeBytes: Int64 = GatewayPipeline.defaultMinimumFreeBytes, transport: String? = nil,
                     _ body: (PipelineHarness) async throws -> Void) async throws {
        let gateway = try await PipelineHarness(processing: processing, inlineContentLimit: inlineContentLimit, minimumFreeBytes: minimumFreeBytes,
                                                transport: transport)
        do {
            try await body(gateway)
        } catch {
            await gateway.tearDown()
            throw error
        }
        await gateway.tearDown()
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
