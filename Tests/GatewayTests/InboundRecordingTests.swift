import Foundation
import GRDB
import StoreHarness
import XCTest
@testable import Gateway
@testable import Store

final class InboundRecordingTests: XCTestCase {
    private let order = Data("ISA*00*          *00*          *ZZ*ACME           *ZZ*DISTRIBUTOR    *261126*1200*U*00401*000000101*0*P*>~".utf8)

    func testFirstPickupIsNewAndStoresTheBytes() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        let received = Date(timeIntervalSince1970: 1_795_000_000.25)
        let record = try await store.recordInbound(partner: "acme", name: "po-1.edi", sha256: ContentDigest.sha256(order), bytes: order, receivedAt: received)

        guard case .new(let file) = record else { return XCTFail("expected a new record, got \(record)") }
        XCTAssertEqual(file.partner, "acme")
        XCTAssertEqual(file.name, "po-1.edi")
        XCTAssertEqual(file.size, Int64(order.count))
        XCTAssertEqual(file.state, .received)
        XCTAssertEqual(file.receivedAt, GatewayTimestamp.rounded(received))
        let stored = try await store.contents(ofInbound: file.id)
        XCTAssertEqual(stored, order)
        let listed = try await store.inboundFiles(in: .received)
        XCTAssertEqual(listed.map(\.id), [file.id])
    }

    func testSameBytesFromSamePartnerAreADuplicateWhateverTheName() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        let sha = ContentDigest.sha256(order)
        let first = try await store.recordInbound(partner: "acme", name: "po-1.edi", sha256: sha, bytes: order)
        let second = try await store.recordInbound(partner: "acme", name: "po-1-resent.edi", sha256: sha.uppercased(), bytes: order)

        XCTAssertEqual(second, .duplicate(of: first.file))
        let all = try await store.inboundFiles(in: .received)
        XCTAssertEqual(all.count, 1)
        let events = try await store.audit.entries().map(\.event)
        XCTAssertEqual(events, ["inbound.received", "inbound.duplicate"])
    }

    func testSameBytesFromAnotherPartnerAreNew() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        let sha = ContentDigest.sha256(order)
        let acme = try await store.recordInbound(partner: "acme", name: "po.edi", sha256: sha, bytes: order)
        let globex = try await store.recordInbound(partner: "globex", name: "po.edi", sha256: sha, bytes: order)

        XCTAssertFalse(globex.isDuplicate)
        XCTAssertNotEqual(acme.file.id, globex.file.id)
        let globexBytes = try await store.contents(ofInbound: globex.file.id)
        XCTAssertEqual(globexBytes, order)
    }

    func testBytesThatDoNotMatchTheReportedChecksumAreRefusedAndNotRecorded() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        let wrong = ContentDigest.sha256(Data("something else".utf8))
        do {
            _ = try await store.recordInbound(partner: "acme", name: "po.edi", sha256: wrong, bytes: order)
            XCTFail("a checksum mismatch was recorded")
        } catch let error as GatewayStoreError {
            XCTAssertEqual(error, .checksumMismatch(partner: "acme", name: "po.edi", declared: wrong, computed: ContentDigest.sha256(order)))
        }
        let received = try await store.inboundFiles(in: .received)
        XCTAssertTrue(received.isEmpty)
        let entries = try await store.audit.entries()
        XCTAssertTrue(entries.isEmpty)
    }

    /// The crash the exactly-once argument is about: recorded, then the process dies before
    /// marking anything or archiving on the server, so the pickup offers the file again.
    func testCrashAfterRecordingLeavesTheFileReceivedAndTheRepickupIsADuplicate() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        let sha = ContentDigest.sha256(order)
        var store: GatewayStore? = try TestStore.open(path: path)
        let first = try await store!.recordInbound(partner: "acme", name: "po-1.edi", sha256: sha, bytes: order)
        store = nil  // the "crash": no markDone, no close, no archive

        let reopened = try TestStore.open(path: path)
        let received = try await reopened.inboundFiles(in: .received)
        XCTAssertEqual(received.map(\.id), [first.file.id])
        XCTAssertEqual(received.first?.state, .received)
        let again = try await reopened.recordInbound(partner: "acme", name: "po-1.edi", sha256: sha, bytes: order)
        XCTAssertEqual(again, .duplicate(of: first.file))
        let bytes = try await reopened.contents(ofInbound: first.file.id)
        XCTAssertEqual(bytes, order)
        let verification = try await reopened.audit.verify()
        XCTAssertTrue(verification.isIntact, "\(verification)")
    }

    /// Two pickups of the same file racing (two gateway processes on one database): exactly
    /// one is new.
    func testConcurrentRecordingOfTheSameFileYieldsOneNewRecord() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("gateway.sqlite")
        let stores = [try TestStore.open(path: path), try TestStore.open(path: path)]
        let sha = ContentDigest.sha256(order)
        let bytes = order
        let results = try await withThrowingTaskGroup(of: InboundRecord.self) { group in
            for index in 0..<20 {
                let store = stores[index % 2]
                group.addTask { try await store.recordInbound(partner: "acme", name: "po-\(index).edi", sha256: sha, bytes: bytes) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(results.filter { !$0.isDuplicate }.count, 1)
        XCTAssertEqual(Set(results.map(\.file.id)).count, 1)
    }
}
