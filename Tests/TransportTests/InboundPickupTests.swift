import Foundation
import SSHDHarness
import Transport
import XCTest

/// Pickup rules over the local-folder transport (the same rules run over SFTP in
/// SFTPTransportTests and SFTPReconnectTests).
final class InboundPickupTests: XCTestCase {
    private var scratch: Scratch!
    private var transport: LocalFolderTransport!

    override func setUpWithError() throws {
        scratch = try Scratch()
        for folder in ["inbound", "archive"] {
            try FileManager.default.createDirectory(at: scratch.file("partner/\(folder)"), withIntermediateDirectories: true)
        }
        transport = LocalFolderTransport(root: scratch.file("partner"))
    }

    override func tearDown() {
        scratch.remove()
    }

    private func drop(_ name: String, _ text: String, modified: Date? = nil) throws {
        let url = scratch.file("partner/inbound/\(name)")
        try Data(text.utf8).write(to: url)
        if let modified {
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
        }
    }

    private func pickup(_ readiness: InboundProfile.Readiness = .stableAcrossListings,
                        disposal: InboundProfile.Disposal = .archive(folder: "archive"),
                        maxFileSize: Int64 = 1 << 20) -> InboundPickup {
        InboundPickup(transport: transport,
                      profile: InboundProfile(folder: "inbound", readiness: readiness, disposal: disposal, maxFileSize: maxFileSize),
                      stagingDirectory: scratch.file("staging"))
    }

    func testFileIsTakenOnlyWhenSizeAndTimeAreStableAcrossTwoListings() async throws {
        let pickup = pickup()
        try drop("a.x12", "ST*850*1~")
        let first = try await pickup.poll { XCTFail("\($0.name) taken on first sight") }
        XCTAssertEqual(first.waiting, ["a.x12"])

        // Still being written: grows between listings.
        try drop("a.x12", "ST*850*1~SE*2*1~")
        let second = try await pickup.poll { XCTFail("\($0.name) taken while changing") }
        XCTAssertEqual(second.waiting, ["a.x12"])

        let received = Recorder<PickedUpFile>()
        let third = try await pickup.poll { file in
            XCTAssertEqual(String(decoding: try file.contents(), as: UTF8.self), "ST*850*1~SE*2*1~")
            await received.append(file)
        }
        XCTAssertEqual(third.pickedUp.map(\.name), ["a.x12"])
        let handedOver = await received.items.first
        let file = try XCTUnwrap(handedOver)
        XCTAssertEqual(file.size, 16)
        XCTAssertEqual(file.sha256, try referenceSHA256(scratch.file("partner/archive/a.x12").path))
        XCTAssertEqual(try directoryListing(scratch.file("partner/inbound").path), [])
        XCTAssertEqual(try directoryListing(scratch.file("staging").path), [], "staging copy removed after handover")
    }

    func testSameSizeButNewModificationTimeIsNotStable() async throws {
        let pickup = pickup()
        try drop("a.x12", "AAAA", modified: Date(timeIntervalSince1970: 1_700_000_000))
        _ = try await pickup.poll { XCTFail("\($0.name) taken on first sight") }
        try drop("a.x12", "BBBB", modified: Date(timeIntervalSince1970: 1_700_000_100))
        let report = try await pickup.poll { XCTFail("\($0.name) taken although rewritten") }
        XCTAssertEqual(report.waiting, ["a.x12"])
    }

    func testDoneMarkerRule() async throws {
        let pickup = pickup(.doneMarker(suffix: ".done"))
        try drop("b.x12", "ST*856*1~")
        let waiting = try await pickup.poll { XCTFail("\($0.name) taken without its marker") }
        XCTAssertEqual(waiting.waiting, ["b.x12"])

        try drop("b.x12.done", "")
        let received = Recorder<String>()
        let report = try await pickup.poll { await received.append($0.name) }
        XCTAssertEqual(report.pickedUp.map(\.name), ["b.x12"])
        let names = await received.items
        XCTAssertEqual(names, ["b.x12"], "the marker itself is never handed over")
        XCTAssertEqual(try directoryListing(scratch.file("partner/inbound").path), [], "marker removed after the file")
        XCTAssertEqual(try directoryListing(scratch.file("partner/archive").path), ["b.x12"])
    }

    func testFailingHandlerLeavesTheFileForTheNextPoll() async throws {
        struct DatabaseDown: Error {}
        let pickup = pickup()
        try drop("c.x12", "ST*810*1~")
        _ = try await pickup.poll { _ in }
        let failed = try await pickup.poll { _ in throw DatabaseDown() }
        XCTAssertEqual(failed.failed.map(\.name), ["c.x12"])
        XCTAssertTrue(failed.failed.first?.error is DatabaseDown)
        XCTAssertEqual(try directoryListing(scratch.file("partner/inbound").path), ["c.x12"], "not archived: not recorded")

        let retried = try await pickup.poll { _ in }
        XCTAssertEqual(retried.pickedUp.map(\.name), ["c.x12"])
        XCTAssertEqual(try directoryListing(scratch.file("partner/archive").path), ["c.x12"])
    }

    func testDeleteDisposal() async throws {
        let pickup = pickup(disposal: .delete)
        try drop("d.x12", "ST*997*1~")
        _ = try await pickup.poll { _ in }
        let report = try await pickup.poll { _ in }
        XCTAssertEqual(report.pickedUp.map(\.name), ["d.x12"])
        XCTAssertEqual(try directoryListing(scratch.file("partner/inbound").path), [])
        XCTAssertEqual(try directoryListing(scratch.file("partner/archive").path), [])
    }

    func testSameNameAgainIsArchivedBesideTheFirst() async throws {
        let pickup = pickup()
        try Data("old".utf8).write(to: scratch.file("partner/archive/e.x12"))
        try drop("e.x12", "new")
        _ = try await pickup.poll { _ in }
        let report = try await pickup.poll { _ in }
        XCTAssertEqual(report.pickedUp.map(\.name), ["e.x12"])
        let archived = try directoryListing(scratch.file("partner/archive").path)
        XCTAssertEqual(archived.count, 2)
        XCTAssertTrue(archived.contains("e.x12"))
        XCTAssertEqual(try String(contentsOf: scratch.file("partner/archive/e.x12"), encoding: .utf8), "old", "never overwritten")
    }

    func testOversizedAndHiddenFilesAreNotTaken() async throws {
        let pickup = pickup(maxFileSize: 10)
        try drop("big.x12", String(repeating: "X", count: 11))
        try drop(".upload-in-progress.tmp", "partial")
        _ = try await pickup.poll { XCTFail("\($0.name) taken") }
        let report = try await pickup.poll { XCTFail("\($0.name) taken") }
        XCTAssertEqual(report.rejected.map(\.name), ["big.x12"])
        XCTAssertTrue(report.rejected.first?.reason.contains("over the limit of 10") == true)
        XCTAssertEqual(report.waiting, [])
        XCTAssertEqual(try directoryListing(scratch.file("partner/inbound").path), [".upload-in-progress.tmp", "big.x12"])
    }
}
