import Documents
import ERP
import Foundation
import GRDB
import Partners
import StoreHarness
import Transport
import X12
import X12Schemas
import XCTest
@testable import Gateway
@testable import Store

/// One answer per thing, whatever happens in between: the gateway killed at every step
/// boundary, two pipelines on one store, holds, and uploads whose outcome was lost.
final class ExactlyOnceTests: XCTestCase {
    /// Every `FaultPoint` one file with one 850 passes through.
    static let killPoints = ["received", "acknowledged", "uploaded:997", "decided", "855-pending", "uploaded:855", "sent"]

    /// `edigate gateway poll --once` killed with SIGKILL at each step boundary of the demo
    /// order, then run again: the partner has exactly one 997 and one 855, with the control
    /// numbers of the first attempt, and a third run sends nothing.
    func testKilledAtEveryStepBoundaryThePartnerGetsOne997AndOne855() async throws {
        let binary = try EdigateBinary.locate()
        for point in Self.killPoints {
            try await PipelineHarness.with { gateway in
                try gateway.dropDemoOrder()
                let killed = try gateway.runPoll(binary, killAt: point)
                XCTAssertEqual(killed.signal, SIGKILL, "\(point): the run was meant to die there; stdout \(killed.stdout) stderr \(killed.stderr)")

                let restarted = try gateway.runPoll(binary)
                XCTAssertEqual(restarted.status, 0, "\(point): \(restarted.stdout) \(restarted.stderr)")
                let quiet = try gateway.runPoll(binary)
                XCTAssertEqual(quiet.status, 0, "\(point): \(quiet.stdout) \(quiet.stderr)")

                XCTAssertEqual(try gateway.files("outbound"), ["855-000000002.edi", "997-000000001.edi"], point)
                XCTAssertEqual(try gateway.files("inbound"), [], point)
                XCTAssertEqual(try gateway.files("archive"), [GatewayPipelineTests.demoOrderName], point)
                let documents = try await gateway.store.outboundDocuments(partner: "acme-retail")
                XCTAssertEqual(documents.map(\.type), ["997", "855"], point)
                XCTAssertEqual(documents.map(\.state), [.sent, .sent], point)
                XCTAssertEqual(documents.map(\.interchangeControl), ["000000001", "000000002"], point)
                // What the partner holds is byte for byte what was recorded.
                for document in documents {
                    let stored = try await gateway.store.contents(ofOutbound: document.id)
                    XCTAssertEqual(Array(stored), try gateway.outbound(document.fileName), "\(point) \(document.fileName)")
                }
                let last = try await gateway.store.controlNumbers().last(.interchange, partner: "acme-retail")
                XCTAssertEqual(last, 2, "\(point): no control number drawn twice or wasted on a repeat")
                let awaiting = try await gateway.store.sentGroups(partner: "acme-retail", outcome: .awaiting)
                XCTAssertEqual(awaiting.map(\.group.interchangeControl), ["000000002"], point)
                let done = try await gateway.store.inboundFiles(in: .done)
                XCTAssertEqual(done.map(\.name), [GatewayPipelineTests.demoOrderName], point)
                let order = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
                XCTAssertEqual(order?.status, .decided, point)
                XCTAssertEqual(order?.acknowledgmentOutboundID, documents.last?.id, point)
                let verification = try await gateway.store.audit.verify()
                XCTAssertTrue(verification.isIntact, "\(point): \(verification)")
            }
        }
    }

    /// Two pipelines (two stores on one file, as two processes) poll the same partner at once
    /// while the ERP takes longer than a lease: each PO gets one 997 and one 855, and a
    /// start-up recovery by the second never takes the first one's files.
    func testTwoPipelinesOnOneStoreWithASlowERPAnswerEachPOOnce() async throws {
        try await PipelineHarness.with { gateway in
            for number in 1...4 { try gateway.drop("po-\(number).edi", try gateway.demoOrder(poNumber: "PO-\(number)", interchange: 100 + number)) }
            let slow = SlowERPClient(base: gateway.client, delay: .milliseconds(1500))
            let pipelines = try (0..<2).map { _ in
                try gateway.pipeline(store: TestStore.open(path: gateway.directory.path("gateway.sqlite")), orders: OrderValidator(client: slow), leaseSeconds: 1)
            }
            async let first = pipelines[0].poll()
            // Let the first claim a file before the second starts up and "recovers".
            try await Task.sleep(for: .milliseconds(700))
            let recovered = try await pipelines[1].recoverInterrupted()
            XCTAssertEqual(recovered, [], "a file leased to a live pipeline is not requeued")
            async let second = pipelines[1].poll()
            let reports = await first + second
            let processed = reports.filter { $0.inbound != nil && $0.outcome != .duplicate }
            XCTAssertEqual(processed.map(\.outcome), Array(repeating: .done, count: 4), "\(reports)")

            let outbound = try gateway.files("outbound")
            XCTAssertEqual(outbound.filter { $0.hasPrefix("997-") }.count, 4, "\(outbound)")
            XCTAssertEqual(outbound.filter { $0.hasPrefix("855-") }.count, 4, "\(outbound)")
            var answered: [String] = []
            for name in outbound where name.hasPrefix("855-") {
                let bak = try XCTUnwrap(InterchangeFile.read(bytes: gateway.outbound(name)).interchanges
                    .flatMap { $0.groups.flatMap { $0.transactionSets.flatMap { Array($0.segments) } } }.first { $0.idString == "BAK" })
                answered.append(bak[3])
            }
            XCTAssertEqual(answered.sorted(), ["PO-1", "PO-2", "PO-3", "PO-4"])
            let orders = try await gateway.store.orders(partner: "acme-retail")
            XCTAssertEqual(orders.count, 4)
            let verification = try await gateway.store.audit.verify()
            XCTAssertTrue(verification.isIntact, "\(verification)")
        }
    }

    /// The ERP is down for longer than the profile's hold schedule: the file is offered again
    /// at each delay, one audit entry per retry (the order is kept once, in its table), and
    /// after the last delay it is a dead letter for ops, with its 997 sent once.
    func testHoldsFollowTheScheduleAndEndAsADeadLetter() async throws {
        try await PipelineHarness.with { gateway in
            try gateway.setProcessing("processing:\n  heldRetryDelaysSeconds: [30, 60]\n")
            let clock = ManualClock(Date())
            let pipeline = try gateway.pipeline(store: gateway.store, orders: OrderValidator(client: gateway.client), now: clock.now)
            await gateway.stopERP()
            try gateway.dropDemoOrder()
            let first = await pipeline.poll()
            XCTAssertEqual(first.map(\.outcome), [.held], "\(first)")
            let heldFiles = try await gateway.store.inboundFiles(in: .held)
            var file = try XCTUnwrap(heldFiles.first)
            XCTAssertEqual(file.state, .held(reason: try XCTUnwrap(file.state.reason), retryAt: GatewayTimestamp.rounded(clock.now().addingTimeInterval(30))))

            clock.advance(by: 20)
            let early = await pipeline.poll()
            XCTAssertEqual(early, [], "not due yet")
            clock.advance(by: 11)
            let second = await pipeline.poll()
            XCTAssertEqual(second.map(\.outcome), [.held])
            file = try await gateway.store.inboundFile(id: file.id)
            XCTAssertEqual(file.holds, 2)
            guard case .held(_, let retryAt?) = file.state else { return XCTFail("\(file.state)") }
            XCTAssertEqual(retryAt, GatewayTimestamp.rounded(clock.now().addingTimeInterval(60)))

            clock.advance(by: 61)
            let third = await pipeline.poll()
            XCTAssertEqual(third.map(\.outcome), [.deadLetter], "\(third)")
            file = try await gateway.store.inboundFile(id: file.id)
            guard case .deadLetter(let reason) = file.state else { return XCTFail("\(file.state)") }
            XCTAssertTrue(reason.contains("still held after 2 scheduled retries"), reason)
            clock.advance(by: 3600)
            let later = await pipeline.poll()
            XCTAssertEqual(later, [], "a dead letter waits for ops")

            XCTAssertEqual(try gateway.files("outbound"), ["997-000000001.edi"], "one 997; no 855 without the ERP")
            let entries = try await gateway.store.audit.entries(document: file.documentReference)
            XCTAssertEqual(entries.filter { $0.event == "order.held" }.count, 3)
            XCTAssertEqual(entries.filter { $0.event == "order.translated" }.count, 1, "translated and recorded once")
            XCTAssertFalse(entries.contains { $0.details.contains("\"poDate\"") }, "the order is never copied into the trail")
            let order = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
            XCTAssertEqual(order?.status, .held)

            // Ops release it once the ERP is back: answered, once.
            try await gateway.restartERP()
            _ = try await gateway.store.retry(file.id, at: clock.now())
            let released = await pipeline.poll()
            XCTAssertEqual(released.map(\.outcome), [.done], "\(released)")
            XCTAssertEqual(try gateway.files("outbound"), ["855-000000002.edi", "997-000000001.edi"])
        }
    }

    /// A hold for a person (credit hold) waits without a retry time: no poll offers it again,
    /// however long, until ops release it.
    func testACreditHoldWaitsForAPersonNotTheSchedule() async throws {
        try await PipelineHarness.with { gateway in
            try gateway.setCustomerHold(true)
            let clock = ManualClock(Date())
            let pipeline = try gateway.pipeline(store: gateway.store, orders: OrderValidator(client: gateway.client), now: clock.now)
            try gateway.dropDemoOrder()
            let first = await pipeline.poll()
            XCTAssertEqual(first.map(\.outcome), [.held], "\(first)")
            let heldFiles = try await gateway.store.inboundFiles(in: .held)
            let file = try XCTUnwrap(heldFiles.first)
            guard case .held(let reason, nil) = file.state else { return XCTFail("\(file.state)") }
            XCTAssertTrue(reason.contains("credit"), reason)

            clock.advance(by: 7 * 86_400)
            let week = await pipeline.poll()
            XCTAssertEqual(week, [], "never retried by the schedule")
            let entries = try await gateway.store.audit.entries(document: file.documentReference)
            XCTAssertEqual(entries.filter { $0.event == "order.held" }.count, 1)

            try gateway.setCustomerHold(false)
            // Ops release it as they would without the console.
            let binary = try EdigateBinary.locate()
            let release = try EdigateBinary.run(binary, ["gateway", "release", "\(file.id)", "--db", TestStore.location(for: gateway.directory.path("gateway.sqlite"))])
            XCTAssertEqual(release.status, 0, release.stderr)
            XCTAssertTrue(release.stdout.contains("\"state\":\"received\""), release.stdout)
            let twice = try EdigateBinary.run(binary, ["gateway", "release", "\(file.id)", "--db", TestStore.location(for: gateway.directory.path("gateway.sqlite"))])
            XCTAssertEqual(twice.status, 1, "a file already in line is not released again: \(twice.stderr)")
            let released = await pipeline.poll()
            XCTAssertEqual(released.map(\.outcome), [.done], "\(released)")
            XCTAssertEqual(try gateway.files("outbound"), ["855-000000002.edi", "997-000000001.edi"])
        }
    }

    /// A second file with a PO number already received is not decided again: it is held for a
    /// person, with its own 997, and no second 855 goes out.
    func testAPONumberReceivedTwiceIsNotDecidedAgain() async throws {
        try await PipelineHarness.with { gateway in
            try gateway.dropDemoOrder()
            _ = await gateway.pipeline.poll()
            try gateway.drop("again.edi", try gateway.demoOrder(poNumber: "PO-88231", interchange: 999, quantity: "30"))
            let reports = await gateway.pipeline.poll()
            XCTAssertEqual(reports.map(\.outcome), [.held], "\(reports)")
            XCTAssertTrue(reports.first?.reason?.contains("already received") ?? false, "\(reports)")
            let outbound = try gateway.files("outbound")
            XCTAssertEqual(outbound.filter { $0.hasPrefix("855-") }, ["855-000000002.edi"])
            XCTAssertEqual(outbound.filter { $0.hasPrefix("997-") }.count, 2, "the second interchange is acknowledged")
            let order = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
            XCTAssertEqual(order?.lines.first?.ordered, 24, "the first order stands")
        }
    }

    /// The upload landed but the answer was lost (or the process died before marking it): the
    /// interchange stays pending; the next poll finds the same file at the partner, confirms
    /// it holds our bytes, and marks it sent — no second file, no new control number.
    func testAnUploadWhoseAnswerWasLostIsConfirmedNotRepeated() async throws {
        try await PipelineHarness.with { gateway in
            try gateway.dropDemoOrder()
            let directory = await gateway.pipeline.partners
            let profile = try XCTUnwrap(directory.profile(id: "acme-retail"))
            let transport = try LostAnswerTransport(base: profile.transport.makeTransport())
            let lease = Lease()
            _ = try await gateway.store.recordInbound(partner: "acme-retail", name: "x.edi", sha256: ContentDigest.sha256(Data("x".utf8)), bytes: Data("x".utf8))
            // Queue one 855-like interchange through the outbox directly.
            let written = try InterchangeWriter.compose(InterchangeParameters(senderQualifier: "ZZ", senderID: "EDIGATE", receiverQualifier: "ZZ", receiverID: "ACMERETAIL",
                                                                              date: "261130", time: "1200", version: "00401", controlNumber: 77, acknowledgmentRequested: false, usage: "P"),
                                                        groups: [], delimiters: .standard)
            let queued = try await gateway.store.database.write { db in
                try GatewayStore.queueOutbound(partner: "acme-retail", type: "TA1", need: ControlNumberNeed(interchanges: 1, groups: 0, transactionSets: 0, ta1: true),
                                               controlNumbers: gateway.store.controlNumbers(), build: { _ in written }, at: Date(), in: db).document
            }
            let uploader = OutboxUploader(store: gateway.store, profile: profile, transport: transport, lease: lease, now: { Date() })
            do {
                try await uploader.upload(queued.id)
                XCTFail("the answer was meant to be lost")
            } catch {}
            XCTAssertEqual(try gateway.files("outbound"), ["TA1-000000077.edi"], "it did land")
            var stored = try await gateway.store.outboundDocument(id: queued.id)
            XCTAssertEqual(stored.state, .pending)
            XCTAssertEqual(stored.uploadAttempts, 1)

            let failures = await OutboxUploader(store: gateway.store, profile: profile, transport: try profile.transport.makeTransport(), lease: lease, now: { Date() }).flush()
            XCTAssertTrue(failures.isEmpty, "\(failures)")
            stored = try await gateway.store.outboundDocument(id: queued.id)
            XCTAssertEqual(stored.state, .sent)
            XCTAssertEqual(try gateway.files("outbound"), ["TA1-000000077.edi"])

            // A foreign file under our name is not taken for ours.
            let other = try await gateway.store.database.write { db in
                try GatewayStore.queueOutbound(partner: "acme-retail", type: "TA1", need: ControlNumberNeed(interchanges: 1, groups: 0, transactionSets: 0, ta1: true),
                                               controlNumbers: gateway.store.controlNumbers(), build: { _ in
                    try InterchangeWriter.compose(InterchangeParameters(senderQualifier: "ZZ", senderID: "EDIGATE", receiverQualifier: "ZZ", receiverID: "ACMERETAIL",
                                                                        date: "261130", time: "1201", version: "00401", controlNumber: 78, acknowledgmentRequested: false, usage: "P"),
                                                  groups: [], delimiters: .standard)
                }, at: Date(), in: db).document
            }
            try Data("not ours".utf8).write(to: gateway.partnerRoot.appendingPathComponent("outbound/\(other.fileName)"))
            let refused = await OutboxUploader(store: gateway.store, profile: profile, transport: try profile.transport.makeTransport(), lease: lease, now: { Date() }).flush()
            XCTAssertEqual(refused.count, 1)
            XCTAssertTrue(refused.first?.reason.contains("different file") ?? false, "\(refused)")
            let pending = try await gateway.store.pendingOutbound(partner: "acme-retail")
            XCTAssertEqual(pending.map(\.id), [other.id])
        }
    }

    /// An existing version-1 database upgrades in place: its rows are kept, its outbound
    /// documents count as sent, and a file it left processing is taken over.
    /// An answer the pipeline queues already claimed for its own upload (no separate claim, no
    /// read back): the bytes handed over are the stored ones, and the outbox leaves it to that
    /// worker until its lease runs out, then takes it over like any claimed interchange.
    func testAnAnswerQueuedClaimedIsLeftToItsWorkerUntilTheLeaseRunsOut() async throws {
        try await PipelineHarness.with { gateway in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let worker = Lease(owner: WorkerIdentity(host: "elsewhere.example", pid: 4242, tag: "worker"), seconds: 60)
            let other = Lease(owner: WorkerIdentity(host: "another.example", pid: 4343, tag: "other"), seconds: 60)
            let written = try InterchangeWriter.compose(InterchangeParameters(senderQualifier: "ZZ", senderID: "EDIGATE", receiverQualifier: "ZZ", receiverID: "ACMERETAIL",
                                                                              date: "261130", time: "1202", version: "00401", controlNumber: 79, acknowledgmentRequested: false, usage: "P"),
                                                        groups: [], delimiters: .standard)
            let claimed = try await gateway.store.database.write { db in
                try GatewayStore.queueOutbound(partner: "acme-retail", type: "TA1", need: ControlNumberNeed(interchanges: 1, groups: 0, transactionSets: 0, ta1: true),
                                               controlNumbers: gateway.store.controlNumbers(), build: { _ in written }, claimedBy: worker, at: start, in: db)
            }
            let id = claimed.document.id
            XCTAssertEqual(claimed.document.state, .pending)
            XCTAssertEqual(Array(claimed.bytes), written.bytes)
            let stored = try await gateway.store.contents(ofOutbound: id)
            XCTAssertEqual(stored, claimed.bytes)
            let pending = try await gateway.store.pendingOutbound(partner: "acme-retail")
            XCTAssertEqual(pending.map(\.id), [id], "queued, not sent")

            let whileHeld = try await gateway.store.claimOutbound(id, lease: other, at: start.addingTimeInterval(59))
            XCTAssertNil(whileHeld, "another worker waits while the lease runs")
            let byItsWorker = try await gateway.store.claimOutbound(id, lease: worker, at: start.addingTimeInterval(30))
            XCTAssertEqual(byItsWorker?.id, id, "its own worker may claim it again")
            let afterLease = try await gateway.store.claimOutbound(id, lease: other, at: start.addingTimeInterval(30 + 61))
            XCTAssertEqual(afterLease?.id, id, "once the lease ran out, the outbox takes it over")
            let sent = try await gateway.store.markUploaded(id, at: start.addingTimeInterval(92))
            XCTAssertEqual(sent.state, .sent)
            XCTAssertEqual(sent.uploadAttempts, 1)
            let again = try await gateway.store.claimOutbound(id, lease: worker, at: start.addingTimeInterval(93))
            XCTAssertNil(again, "sent: nothing left to claim")
        }
    }

    func testAVersion1DatabaseUpgradesInPlace() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        let queue = try DatabaseQueue(path: path)
        try GatewaySchema.migrator.migrate(queue, upTo: "v1")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO inbound_contents (sha256, size, bytes) VALUES ('abc', 1, x'41')")
            try db.execute(sql: """
                INSERT INTO inbound_files (partner, name, sha256, size, received_at, state, updated_at)
                VALUES ('acme', 'a.edi', 'abc', 1, '2026-11-01T10:00:00.000Z', 'processing', '2026-11-01T10:00:01.000Z')
                """)
            try db.execute(sql: """
                INSERT INTO outbound_documents (partner, type, interchange_control, group_controls, set_controls, sha256, size, bytes, sent_at)
                VALUES ('acme', '997', '000000001', '["1"]', '["0001"]', 'def', 1, x'42', '2026-11-01T10:00:02.000Z')
                """)
        }
        try queue.close()

        // SQLite's own upgrade path: opened as a SQLite file whatever engine the suite runs on.
        let store = try GatewayStore(path: path)
        let documents = try await store.outboundDocuments()
        XCTAssertEqual(documents.map(\.state), [.sent])
        XCTAssertEqual(documents.first?.fileName, "997-000000001.edi")
        XCTAssertEqual(documents.first?.uploadedAt, documents.first?.sentAt)
        let processing = try await store.inboundFiles(in: .processing)
        XCTAssertEqual(processing.first?.owner, "unknown")
        let requeued = try await store.requeueInterrupted()
        XCTAssertEqual(requeued.map(\.name), ["a.edi"], "its lease is long expired")
    }
}

extension PipelineHarness {
    /// `edigate gateway poll --once` over this harness's partners, database and ERP, as ops run it.
    func runPoll(_ binary: URL, killAt point: String? = nil) throws -> ProcessRun {
        var environment = ProcessInfo.processInfo.environment
        environment["EDIGATE_FAULT_KILL_AT"] = point
        return try EdigateBinary.run(binary, ["gateway", "poll", "--once", "--db", TestStore.location(for: directory.path("gateway.sqlite")),
                                              "--partners", directory.url.appendingPathComponent("partners").path,
                                              "--maps", GatewayPipelineTests.repository.appendingPathComponent("Maps").path,
                                              "--erp-url", "http://127.0.0.1:\(port)", "--staging", directory.url.appendingPathComponent("staging").path],
                                     environment: environment)
    }

    /// Another pipeline over this harness's partners, on `store`.
    func pipeline(store: GatewayStore, orders: OrderValidator, leaseSeconds: TimeInterval = 60, pollBudget: Duration = .seconds(300),
                  partnerConcurrency: Int = 4, fileConcurrency: Int = 1, now: @escaping @Sendable () -> Date = { Date() }) throws -> GatewayPipeline {
        GatewayPipeline(store: store, partners: try PartnerDirectory(directory: directory.url.appendingPathComponent("partners").path),
                        mapsDirectory: GatewayPipelineTests.repository.appendingPathComponent("Maps").path,
                        library: try SchemaLibrary(directory: try XCTUnwrap(SchemaResources.directory)), orders: orders,
                        stagingDirectory: directory.url.appendingPathComponent("staging"), relistDelay: .milliseconds(100),
                        leaseSeconds: leaseSeconds, pollBudget: pollBudget, partnerConcurrency: partnerConcurrency,
                        fileConcurrency: fileConcurrency, now: now)
    }

    /// The demo 850 under another PO number and ISA13/GS06 (and optionally line 1's quantity).
    func demoOrder(poNumber: String, interchange: Int, quantity: String? = nil) throws -> String {
        var text = try String(contentsOf: GatewayPipelineTests.repository.appendingPathComponent("demo/\(GatewayPipelineTests.demoOrderName)"), encoding: .utf8)
        let control = String(format: "%09d", interchange)
        text = text.replacingOccurrences(of: "*000004711*", with: "*\(control)*")
            .replacingOccurrences(of: "IEA*1*000004711", with: "IEA*1*\(control)")
            .replacingOccurrences(of: "*4711*X*", with: "*\(interchange)*X*")
            .replacingOccurrences(of: "GE*1*4711", with: "GE*1*\(interchange)")
            .replacingOccurrences(of: "PO-88231", with: poNumber)
        if let quantity { text = text.replacingOccurrences(of: "PO1*1*24*", with: "PO1*1*\(quantity)*") }
        return text
    }

    /// Appends a `processing:` section to ACME's profile.
    func setProcessing(_ yaml: String) throws {
        let file = directory.url.appendingPathComponent("partners/acme-retail.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try (text + "\n" + yaml).write(to: file, atomically: true, encoding: .utf8)
    }

    /// Puts ACME's ERP customer on (or off) credit hold in the reference ERP's database.
    func setCustomerHold(_ onHold: Bool) throws {
        let erp = try DatabaseQueue(path: directory.path("erp.sqlite"))
        try erp.write { db in
            try db.execute(sql: "UPDATE customers SET on_hold = ?, hold_reason = ? WHERE id = 'C-ACME'",
                           arguments: [onHold, onHold ? "invoice 90210 is 61 days past due" : nil])
        }
    }
}

/// A clock the test moves by hand, so schedules are tested without sleeping.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: @Sendable () -> Date { { [self] in lock.withLock { current } } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}

/// The reference ERP, slower: every order entry waits `delay` first (longer than a lease, so
/// only lease renewal keeps the working pipeline's claim).
struct SlowERPClient: ERPClient {
    let base: any ERPClient
    let delay: Duration

    func prices(_ request: PriceRequest, maxCacheAge: Duration) async throws(ERPError) -> PriceResponse { try await base.prices(request, maxCacheAge: maxCacheAge) }
    func credit(_ request: CreditRequest) async throws(ERPError) -> CreditResponse { try await base.credit(request) }
    func shipTo(_ request: ShipToRequest) async throws(ERPError) -> ShipToResponse { try await base.shipTo(request) }
    func availability(_ request: AvailabilityRequest) async throws(ERPError) -> AvailabilityResponse { try await base.availability(request) }
    func submitOrder(_ order: OrderSubmission) async throws(ERPError) -> OrderReceipt {
        try? await Task.sleep(for: delay)
        return try await base.submitOrder(order)
    }

    func changeOrder(_ change: OrderChange) async throws(ERPError) -> OrderChangeReceipt {
        try? await Task.sleep(for: delay)
        return try await base.changeOrder(change)
    }

    func upsertShipTo(_ upsert: ShipToUpsert) async throws(ERPError) -> ShipToUpsertReceipt { try await base.upsertShipTo(upsert) }
    func availabilityChanges(_ request: AvailabilityChangesRequest) async throws(ERPError) -> AvailabilityChanges { try await base.availabilityChanges(request) }
}

/// A transport whose upload lands and then reports failure, as when the connection drops
/// after the server stored the file.
struct LostAnswerTransport: Transport {
    let base: any Transport

    func list(_ folder: String) async throws -> [RemoteFile] { try await base.list(folder) }
    func download(_ name: String, from folder: String, to localURL: URL, maxBytes: Int64?) async throws -> TransferReceipt {
        try await base.download(name, from: folder, to: localURL, maxBytes: maxBytes)
    }
    func upload(_ source: UploadSource, to folder: String, as name: String) async throws -> TransferReceipt {
        _ = try await base.upload(source, to: folder, as: name)
        throw TransportError.connectionLost(host: "localhost", operation: "upload", code: -43, message: "the answer to the upload was lost")
    }
    func move(_ name: String, from folder: String, to destinationFolder: String, as newName: String?) async throws {
        try await base.move(name, from: folder, to: destinationFolder, as: newName)
    }
    func delete(_ name: String, in folder: String) async throws { try await base.delete(name, in: folder) }
    func close() async { await base.close() }
}
