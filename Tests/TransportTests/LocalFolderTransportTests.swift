import Foundation
import SSHDHarness
import Transport
import XCTest

final class LocalFolderTransportTests: XCTestCase {
    private var scratch: Scratch!
    private var transport: LocalFolderTransport!

    override func setUpWithError() throws {
        scratch = try Scratch()
        for folder in ["outbound", "archive"] {
            try FileManager.default.createDirectory(at: scratch.file("root/\(folder)"), withIntermediateDirectories: true)
        }
        transport = LocalFolderTransport(root: scratch.file("root"))
    }

    override func tearDown() {
        scratch.remove()
    }

    func testUploadListDownloadMoveDelete() async throws {
        let source = scratch.file("source.x12")
        try Data("ST*855*1~".utf8).write(to: source)
        let uploaded = try await transport.upload(.file(source), to: "outbound", as: "855.x12")
        XCTAssertEqual(uploaded.sha256, try referenceSHA256(source.path))
        XCTAssertEqual(try directoryListing(scratch.file("root/outbound").path), ["855.x12"])

        let listing = try await transport.list("outbound")
        XCTAssertEqual(listing.map(\.name), ["855.x12"])
        XCTAssertEqual(listing.first?.size, 9)
        XCTAssertEqual(listing.first?.kind, .regularFile)

        let copy = scratch.file("copy.x12")
        let downloaded = try await transport.download("855.x12", from: "outbound", to: copy, maxBytes: 100)
        XCTAssertEqual(downloaded, uploaded)
        XCTAssertEqual(try Data(contentsOf: copy), Data("ST*855*1~".utf8))

        try await transport.move("855.x12", from: "outbound", to: "archive", as: "855-archived.x12")
        XCTAssertEqual(try directoryListing(scratch.file("root/archive").path), ["855-archived.x12"])
        try await transport.delete("855-archived.x12", in: "archive")
        XCTAssertEqual(try directoryListing(scratch.file("root/archive").path), [])
    }

    func testNeverOverwritesAndRefusesUnsafeNames() async throws {
        _ = try await transport.upload(.bytes(Data("one".utf8)), to: "outbound", as: "x.x12")
        do {
            _ = try await transport.upload(.bytes(Data("two".utf8)), to: "outbound", as: "x.x12")
            XCTFail("must not overwrite")
        } catch TransportError.alreadyExists {}
        XCTAssertEqual(try String(contentsOf: scratch.file("root/outbound/x.x12"), encoding: .utf8), "one")
        XCTAssertEqual(try directoryListing(scratch.file("root/outbound").path), ["x.x12"], "no temporary left")

        _ = try await transport.upload(.bytes(Data("three".utf8)), to: "archive", as: "x.x12")
        do {
            try await transport.move("x.x12", from: "outbound", to: "archive", as: nil)
            XCTFail("move must not overwrite")
        } catch TransportError.alreadyExists {}

        do {
            _ = try await transport.upload(.bytes(Data("evil".utf8)), to: "outbound", as: "../escaped.x12")
            XCTFail("unsafe name accepted")
        } catch TransportError.unsafeName {}
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.file("root/escaped.x12").path))

        do {
            try await transport.delete("missing.x12", in: "outbound")
            XCTFail("deleting a missing file must fail")
        } catch TransportError.notFound(_, let path) {
            XCTAssertTrue(path.hasSuffix("outbound/missing.x12"), path)
        }
    }
}
