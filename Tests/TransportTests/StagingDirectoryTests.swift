import Foundation
import SSHDHarness
import Transport
import XCTest

/// Downloads are staged in a private folder under names we generate, so nobody else on the
/// host can plant a link or read a partner's order on its way into the store.
final class StagingDirectoryTests: XCTestCase {
    private var scratch: Scratch!

    override func setUpWithError() throws {
        scratch = try Scratch()
        try FileManager.default.createDirectory(at: scratch.file("partner/inbound"), withIntermediateDirectories: true)
    }

    override func tearDown() {
        scratch.remove()
    }

    func testTheFolderIsCreatedOwnerOnlyAndAnOpenOneIsNarrowed() throws {
        let fresh = scratch.file("fresh/staging")
        try StagingDirectory.prepare(fresh)
        XCTAssertEqual(try mode(fresh.path), 0o700)
        let open = scratch.file("open")
        try FileManager.default.createDirectory(at: open, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        try StagingDirectory.prepare(open)
        XCTAssertEqual(try mode(open.path), 0o700)
    }

    func testASymbolicLinkOrAFileIsRefused() async throws {
        let target = scratch.file("victim")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let link = scratch.file("planted")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        XCTAssertThrowsError(try StagingDirectory.prepare(link)) { error in
            XCTAssertTrue("\(error)".contains("symbolic link"), "\(error)")
        }
        let file = scratch.file("plain")
        try Data("x".utf8).write(to: file)
        XCTAssertThrowsError(try StagingDirectory.prepare(file))

        // The pickup refuses to poll into a planted link and touches nothing.
        let pickup = InboundPickup(transport: LocalFolderTransport(root: scratch.file("partner")),
                                   profile: InboundProfile(folder: "inbound", readiness: .doneMarker(suffix: ".done"), disposal: .delete, maxFileSize: 1 << 20),
                                   stagingDirectory: link)
        try Data("ISA".utf8).write(to: scratch.file("partner/inbound/order.edi"))
        try Data().write(to: scratch.file("partner/inbound/order.edi.done"))
        do {
            _ = try await pickup.poll { _ in XCTFail("nothing may be staged through a link") }
            XCTFail("the poll must refuse the staging folder")
        } catch {}
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: target.path), [])
    }

    func testStagedCopiesHaveGeneratedNamesAndAreOwnerOnly() async throws {
        let staging = scratch.file("staging")
        // Nothing read into memory: every file goes through a staged copy.
        let pickup = InboundPickup(transport: LocalFolderTransport(root: scratch.file("partner")),
                                   profile: InboundProfile(folder: "inbound", readiness: .doneMarker(suffix: ".done"), disposal: .delete, maxFileSize: 1 << 20),
                                   stagingDirectory: staging, inMemoryLimit: 0)
        try Data("ISA*00".utf8).write(to: scratch.file("partner/inbound/order.edi"))
        try Data().write(to: scratch.file("partner/inbound/order.edi.done"))
        let seen = Seen()
        let report = try await pickup.poll { picked in
            await seen.add(picked.localURL.lastPathComponent, try fileMode(picked.localURL.path))
        }
        XCTAssertEqual(report.failed.count + report.rejected.count, 0, "\(report)")
        let staged = await seen.items
        XCTAssertEqual(staged.count, 1)
        XCTAssertTrue(staged.first?.name.hasPrefix("pickup-") ?? false, "\(staged)")
        XCTAssertEqual(staged.first?.mode, 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: staging.path), [], "nothing left behind")
    }

    func testSmallLocalFilesAreReadIntoMemoryAndLargerOnesStaged() async throws {
        let staging = scratch.file("staging")
        let pickup = InboundPickup(transport: LocalFolderTransport(root: scratch.file("partner")),
                                   profile: InboundProfile(folder: "inbound", readiness: .doneMarker(suffix: ".done"), disposal: .delete, maxFileSize: 1 << 20),
                                   stagingDirectory: staging, inMemoryLimit: 16)
        let small = Data("ISA*00*small".utf8), large = Data(String(repeating: "ISA*00*large~", count: 10).utf8)
        for (name, bytes) in [("a.edi", small), ("b.edi", large)] {
            try bytes.write(to: scratch.file("partner/inbound/\(name)"))
            try Data().write(to: scratch.file("partner/inbound/\(name).done"))
        }
        let expected = try ["a.edi", "b.edi"].map { try referenceSHA256(scratch.file("partner/inbound/\($0)").path) }
        let seen = Seen()
        let report = try await pickup.poll { picked in
            let staged = FileManager.default.fileExists(atPath: picked.localURL.path)
            await seen.add("\(picked.name) \(picked.bytes == nil ? "staged" : "in memory") \(staged) \(try picked.contents().count)", 0)
        }
        XCTAssertEqual(report.pickedUp.map(\.name), ["a.edi", "b.edi"])
        XCTAssertEqual(report.pickedUp.map(\.sha256), expected)
        XCTAssertTrue(report.pickedUp.allSatisfy { $0.bytes == nil }, "the report keeps no file's bytes")
        let handedOver = await seen.items.map(\.name)
        XCTAssertEqual(handedOver, ["a.edi in memory false 12", "b.edi staged true \(large.count)"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: staging.path), [], "nothing left behind")
    }

    private func mode(_ path: String) throws -> mode_t { try fileMode(path) }
}

private func fileMode(_ path: String) throws -> mode_t {
    var info = stat()
    guard lstat(path, &info) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
    return info.st_mode & 0o777
}

private actor Seen {
    var items: [(name: String, mode: mode_t)] = []
    func add(_ name: String, _ mode: mode_t) { items.append((name, mode)) }
}
