import Foundation
import StoreHarness
import X12
import XCTest
@testable import Gateway
@testable import Store
@testable import Transport

/// Files too big for a SQLite value: kept by SHA-256 in the content folder beside the store,
/// read as a stream, checked before anything is answered from them.
final class ContentFolderTests: XCTestCase {
    private func demoText() throws -> String {
        try String(contentsOf: GatewayPipelineTests.repository.appendingPathComponent("demo/\(GatewayPipelineTests.demoOrderName)"), encoding: .utf8)
    }

    /// A file over the inline limit goes to the content folder (the database keeps an empty
    /// value), is read back from there, and is answered exactly like a small one.
    func testAFileOverTheInlineLimitIsKeptInTheContentFolderAndAnswered() async throws {
        try await PipelineHarness.with(inlineContentLimit: 100) { gateway in
            try gateway.dropDemoOrder()
            let reports = await gateway.pipeline.poll()
            XCTAssertEqual(reports.map(\.outcome), [.done], "\(reports)")
            XCTAssertEqual(reports.first?.ack, "997 A")
            XCTAssertEqual(reports.first?.control855, ["000000002"])
            XCTAssertEqual(try gateway.files("outbound"), ["855-000000002.edi", "997-000000001.edi"])

            let done = try await gateway.store.inboundFiles(in: .done)
            let file = try XCTUnwrap(done.first)
            let folder = try XCTUnwrap(gateway.store.contentFolder)
            let demo = try Data(contentsOf: GatewayPipelineTests.repository.appendingPathComponent("demo/\(GatewayPipelineTests.demoOrderName)"))
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder.path(of: file.sha256))), demo)
            XCTAssertEqual(folder.path(of: file.sha256), gateway.directory.path("gateway.sqlite.contents/\(file.sha256.prefix(2))/\(file.sha256)"))
            guard case .folder(_, let sha256, let size) = try await gateway.store.content(ofInbound: file.id) else {
                return XCTFail("the file should be kept in the content folder")
            }
            XCTAssertEqual(sha256, file.sha256)
            XCTAssertEqual(size, Int64(demo.count))
            let contents = try await gateway.store.contents(ofInbound: file.id)
            XCTAssertEqual(contents, demo)

            // The same bytes again: a duplicate, by content, as for a small file.
            try gateway.dropDemoOrder()
            let second = await gateway.pipeline.poll()
            XCTAssertEqual(second.map(\.outcome), [.duplicate])
            XCTAssertEqual(try gateway.files("outbound").count, 2)
            let verification = try await gateway.store.audit.verify()
            XCTAssertTrue(verification.isIntact, "\(verification)")
        }
    }

    /// Bytes that changed on disk after they were recorded are never answered: no 997, no
    /// 855, the file waits for a person with the reason.
    func testDamagedContentIsNotAnswered() async throws {
        try await PipelineHarness.with(inlineContentLimit: 100) { gateway in
            let staged = gateway.directory.url.appendingPathComponent("picked.edi")
            let demo = try Data(contentsOf: GatewayPipelineTests.repository.appendingPathComponent("demo/\(GatewayPipelineTests.demoOrderName)"))
            try demo.write(to: staged)
            let picked = PickedUpFile(name: "picked.edi", folder: "inbound", size: Int64(demo.count), sha256: ContentDigest.sha256(demo),
                                      modified: 0, localURL: staged)
            guard case .new(let file) = try await gateway.store.recordInbound(picked, partner: "acme-retail") else {
                return XCTFail("a new file should be recorded")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: staged.path), "moved into the content folder, not copied")
            let kept = try XCTUnwrap(gateway.store.contentFolder).path(of: file.sha256)
            var damaged = demo
            damaged[damaged.count / 2] ^= 0x20
            try damaged.write(to: URL(fileURLWithPath: kept))

            let reports = await gateway.pipeline.poll()
            XCTAssertEqual(reports.map(\.outcome), [.held], "\(reports)")
            XCTAssertEqual(reports.first?.reason?.contains("is damaged"), true, reports.first?.reason ?? "")
            XCTAssertEqual(try gateway.files("outbound"), [], "nothing answered from damaged bytes")
            let held = try await gateway.store.inboundFile(id: file.id)
            XCTAssertEqual(held.state.description.hasPrefix("held for a person"), true, "\(held.state)")
        }
    }

    /// The transfer's checksum must be the file's: a staged file that changed is refused and
    /// nothing is kept.
    func testAStagedFileThatChangedIsRefusedAndNotKept() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"), inlineContentLimit: 10)
        let staged = directory.url.appendingPathComponent("staged")
        try Data("ISA*the bytes the transfer saw".utf8).write(to: staged)
        let declared = ContentDigest.sha256(Data("ISA*the bytes the transfer saw".utf8))
        try Data("ISA*other bytes, same length!!".utf8).write(to: staged)
        let picked = PickedUpFile(name: "x.edi", folder: "inbound", size: 30, sha256: declared, modified: 0, localURL: staged)
        do {
            _ = try await store.recordInbound(picked, partner: "acme-retail")
            XCTFail("a changed staged file must be refused")
        } catch GatewayStoreError.checksumMismatch(_, let name, _, _) {
            XCTAssertEqual(name, "x.edi")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: try XCTUnwrap(store.contentFolder).path(of: declared)))
        let received = try await store.inboundFiles(in: .received)
        XCTAssertEqual(received.count, 0)
    }

    /// More accepted orders than the profile allows in one file: the 997 goes out, no order is
    /// put to the ERP, the file waits for a person.
    func testAFileWithMoreOrdersThanTheLimitIsAcknowledgedAndWaitsForAPerson() async throws {
        try await PipelineHarness.with(processing: "  maxOrdersPerFile: 1") { gateway in
            let demo = try demoText()
            let set = demo[demo.range(of: "ST*850")!.lowerBound..<demo.range(of: "GE*1*4711")!.lowerBound]
            let second = set.replacingOccurrences(of: "ST*850*0001", with: "ST*850*0002").replacingOccurrences(of: "SE*16*0001", with: "SE*16*0002")
                .replacingOccurrences(of: "PO-88231", with: "PO-88232")
            try gateway.drop("two-orders.edi", demo.replacingOccurrences(of: "GE*1*4711", with: second + "GE*2*4711"))
            let reports = await gateway.pipeline.poll()
            XCTAssertEqual(reports.map(\.outcome), [.held], "\(reports)")
            XCTAssertEqual(reports.first?.ack, "997 A")
            XCTAssertEqual(reports.first?.control855, [])
            XCTAssertEqual(reports.first?.reason?.contains("2 accepted purchase orders, more than processing.maxOrdersPerFile (1)"), true, reports.first?.reason ?? "")
            XCTAssertEqual(try gateway.files("outbound"), ["997-000000001.edi"])
            let ack = try InterchangeFile.read(bytes: gateway.outbound("997-000000001.edi"))
            let ak2 = ack.interchanges.flatMap { $0.groups.flatMap { $0.transactionSets.flatMap { Array($0.segments) } } }.filter { $0.idString == "AK2" }
            XCTAssertEqual(ak2.map { $0[2] }, ["0001", "0002"])
            let file = try XCTUnwrap(reports.first?.inbound)
            let held = try await gateway.store.inboundFile(id: file)
            XCTAssertEqual(held.state.description.hasPrefix("held for a person"), true, "\(held.state)")
            let orders = try await gateway.store.orders(partner: "acme-retail")
            XCTAssertEqual(orders.count, 0, "no order registered, none put to the ERP")
        }
    }

    /// An interchange with more sets than the profile allows is neither acknowledged nor
    /// decided (its 997 would list every set): the file waits for a person.
    func testAnInterchangeWithMoreSetsThanTheLimitWaitsForAPersonUnanswered() async throws {
        try await PipelineHarness.with(processing: "  maxSetsPerInterchange: 1") { gateway in
            let demo = try demoText()
            let set = demo[demo.range(of: "ST*850")!.lowerBound..<demo.range(of: "GE*1*4711")!.lowerBound]
            let second = set.replacingOccurrences(of: "ST*850*0001", with: "ST*850*0002").replacingOccurrences(of: "SE*16*0001", with: "SE*16*0002")
                .replacingOccurrences(of: "PO-88231", with: "PO-88232")
            try gateway.drop("two-sets.edi", demo.replacingOccurrences(of: "GE*1*4711", with: second + "GE*2*4711"))
            let reports = await gateway.pipeline.poll()
            XCTAssertEqual(reports.map(\.outcome), [.held], "\(reports)")
            XCTAssertNil(reports.first?.ack)
            XCTAssertEqual(reports.first?.reason?.contains("interchange 000004711 carries more than 1 transaction sets (processing.maxSetsPerInterchange)"), true,
                           reports.first?.reason ?? "")
            XCTAssertEqual(try gateway.files("outbound"), [], "neither a 997 nor an 855")
            let held = try await gateway.store.inboundFile(id: try XCTUnwrap(reports.first?.inbound))
            XCTAssertEqual(held.state.description.hasPrefix("held for a person"), true, "\(held.state)")
        }
    }

    /// Below the free-space reserve nothing is taken: the file stays on the partner's server,
    /// the poll says why; with room again the same file is answered once.
    func testBelowTheDiskReserveNoFileIsTakenAndThePollSaysWhy() async throws {
        let free = try XCTUnwrap(DiskSpace.available(at: NSTemporaryDirectory()))
        try await PipelineHarness.with(minimumFreeBytes: free + (1 << 40)) { gateway in
            try gateway.dropDemoOrder()
            let reports = await gateway.pipeline.poll()
            XCTAssertEqual(reports.map(\.outcome), [.notRecorded], "\(reports)")
            XCTAssertEqual(reports.first?.name, "")
            XCTAssertEqual(reports.first?.reason?.contains("MB free, below the reserve of"), true, reports.first?.reason ?? "")
            XCTAssertEqual(try gateway.files("inbound"), [GatewayPipelineTests.demoOrderName], "left on the partner's server")
            XCTAssertEqual(try gateway.files("outbound"), [])
            let received = try await gateway.store.inboundFiles(in: .received)
            XCTAssertEqual(received.count, 0)
        }
        // A store path not created yet is judged by the folder that will hold it.
        XCTAssertNotNil(DiskSpace.available(at: NSTemporaryDirectory() + "/edigate-not-yet/gateway.sqlite"))
    }
}
