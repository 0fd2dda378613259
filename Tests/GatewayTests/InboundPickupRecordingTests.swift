import Foundation
import StoreHarness
import Transport
import XCTest
@testable import Gateway
@testable import Store

/// The store behind Transport's real `InboundPickup` (local-folder transport): the crash window
/// between "recorded" and "archived on the server" yields one record, and the file is archived
/// on the next pickup.
final class InboundPickupRecordingTests: XCTestCase {
    private struct SimulatedCrashBeforeArchive: Error {}

    private actor Outcomes {
        var records: [InboundRecord] = []
        func append(_ record: InboundRecord) { records.append(record) }
    }

    func testFileRecordedButNotArchivedIsRecognisedOnTheNextPickup() async throws {
        let directory = try TemporaryDirectory()
        let partnerRoot = directory.url.appendingPathComponent("acme")
        for folder in ["inbound", "archive"] {
            try FileManager.default.createDirectory(at: partnerRoot.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let bytes = Data("ISA*00*...~ST*850*0001~SE*2*0001~".utf8)
        try bytes.write(to: partnerRoot.appendingPathComponent("inbound/po-1.edi"))
        let profile = InboundProfile(folder: "inbound", disposal: .archive(folder: "archive"), relistDelay: .milliseconds(20))
        let databasePath = directory.path("gateway.sqlite")
        let outcomes = Outcomes()

        // First process: records the file, then dies before the pickup could archive it.
        do {
            let store = try TestStore.open(path: databasePath)
            let pickup = InboundPickup(transport: LocalFolderTransport(root: partnerRoot), profile: profile,
                                       stagingDirectory: directory.url.appendingPathComponent("staging-1"))
            let report = try await pickup.poll { picked in
                await outcomes.append(try await store.recordInbound(picked, partner: "acme"))
                throw SimulatedCrashBeforeArchive()
            }
            XCTAssertEqual(report.failed.map(\.name), ["po-1.edi"])
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: partnerRoot.appendingPathComponent("inbound").path), ["po-1.edi"])

        // Second process: same file offered again; the store says duplicate, so it is archived.
        let store = try TestStore.open(path: databasePath)
        let pickup = InboundPickup(transport: LocalFolderTransport(root: partnerRoot), profile: profile,
                                   stagingDirectory: directory.url.appendingPathComponent("staging-2"))
        let report = try await pickup.poll { picked in
            await outcomes.append(try await store.recordInbound(picked, partner: "acme"))
        }
        XCTAssertEqual(report.pickedUp.map(\.name), ["po-1.edi"])

        let records = await outcomes.records
        XCTAssertEqual(records.count, 2)
        XCTAssertFalse(records[0].isDuplicate)
        XCTAssertEqual(records[1], .duplicate(of: records[0].file))
        XCTAssertEqual(records[0].file.sha256, ContentDigest.sha256(bytes))
        let received = try await store.inboundFiles(in: .received)
        XCTAssertEqual(received.map(\.id), [records[0].file.id])
        let stored = try await store.contents(ofInbound: records[0].file.id)
        XCTAssertEqual(stored, bytes)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: partnerRoot.appendingPathComponent("inbound").path), [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: partnerRoot.appendingPathComponent("archive").path), ["po-1.edi"])
    }
}
