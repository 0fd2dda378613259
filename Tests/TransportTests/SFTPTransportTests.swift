import Foundation
import SSHDHarness
import Transport
import XCTest

final class SFTPTransportTests: SSHDTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try cleanPartnerFolders()
    }

    func testUploadListDownloadMoveDeleteRoundTrip() async throws {
        let transport = SFTPTransport(server.configuration())
        let payload = Data("ISA*00*          *00*          *ZZ*ACME*ZZ*EDIGATE~".utf8)
        let before = Int64(Date().timeIntervalSince1970)

        let uploaded = try await transport.upload(.bytes(payload), to: "acme/outbound", as: "997-0001.x12")
        XCTAssertEqual(uploaded.size, Int64(payload.count))
        XCTAssertEqual(try directoryListing(server.onServer("acme/outbound")), ["997-0001.x12"], "no temporary left behind")
        XCTAssertEqual(uploaded.sha256, try referenceSHA256(server.onServer("acme/outbound/997-0001.x12")))

        let listing = try await transport.list("acme/outbound")
        XCTAssertEqual(listing.map(\.name), ["997-0001.x12"])
        XCTAssertEqual(listing.first?.size, Int64(payload.count))
        XCTAssertEqual(listing.first?.kind, .regularFile)
        let modified = try XCTUnwrap(listing.first?.modified)
        XCTAssertTrue((before - 2...before + 60).contains(modified), "mtime \(modified) is not around now (\(before))")

        let local = scratch.file("copy.x12")
        let downloaded = try await transport.download("997-0001.x12", from: "acme/outbound", to: local, maxBytes: nil)
        XCTAssertEqual(try Data(contentsOf: local), payload)
        XCTAssertEqual(downloaded, uploaded)
        XCTAssertEqual(try scratch.contents(), ["copy.x12"], "no partial download left behind")

        try await transport.move("997-0001.x12", from: "acme/outbound", to: "acme/archive", as: nil)
        let outboundAfterMove = try await transport.list("acme/outbound")
        let archive = try await transport.list("acme/archive")
        XCTAssertEqual(outboundAfterMove, [])
        XCTAssertEqual(archive.map(\.name), ["997-0001.x12"])

        try await transport.delete("997-0001.x12", in: "acme/archive")
        XCTAssertEqual(try directoryListing(server.onServer("acme/archive")), [])

        let sessions = await transport.sessionsOpened
        XCTAssertEqual(sessions, 1, "all of the above over one session")
        await transport.close()
    }

    func testUploadNeverOverwritesAPublishedFile() async throws {
        let transport = SFTPTransport(server.configuration())
        _ = try await transport.upload(.bytes(Data("first".utf8)), to: "acme/outbound", as: "a.x12")
        do {
            _ = try await transport.upload(.bytes(Data("second".utf8)), to: "acme/outbound", as: "a.x12")
            XCTFail("second upload under the same name must fail")
        } catch TransportError.alreadyExists(let host, let path) {
            XCTAssertEqual(host, "127.0.0.1")
            XCTAssertEqual(path, "acme/outbound/a.x12")
        }
        XCTAssertEqual(try String(contentsOfFile: server.onServer("acme/outbound/a.x12"), encoding: .utf8), "first")
        XCTAssertEqual(try directoryListing(server.onServer("acme/outbound")), ["a.x12"], "the failed attempt's temporary is removed")

        // Moving onto an existing name is refused the same way.
        _ = try await transport.upload(.bytes(Data("other".utf8)), to: "acme/archive", as: "a.x12")
        do {
            try await transport.move("a.x12", from: "acme/outbound", to: "acme/archive", as: nil)
            XCTFail("move onto an existing name must fail")
        } catch TransportError.alreadyExists {}
        await transport.close()
    }

    func testMissingFilesAndFoldersAreReportedWithTheirPath() async throws {
        let transport = SFTPTransport(server.configuration())
        do {
            _ = try await transport.download("nope.x12", from: "acme/inbound", to: scratch.file("nope"), maxBytes: nil)
            XCTFail("download of a missing file must fail")
        } catch TransportError.notFound(let host, let path) {
            XCTAssertEqual(host, "127.0.0.1")
            XCTAssertEqual(path, "acme/inbound/nope.x12")
        }
        do {
            _ = try await transport.list("no-such-partner/inbound")
            XCTFail("listing a missing folder must fail")
        } catch TransportError.notFound(_, let path) {
            XCTAssertEqual(path, "no-such-partner/inbound")
        }
        // An SFTP status does not cost the session.
        let sessions = await transport.sessionsOpened
        XCTAssertEqual(sessions, 1)
        XCTAssertEqual(try scratch.contents(), [])
        await transport.close()
    }

    func testHundredMegabyteFileUpAndDown() async throws {
        let source = scratch.file("big.bin")
        try writeRandomFile(at: source, megabytes: 100)
        let expected = try referenceSHA256(source.path)
        let transport = SFTPTransport(server.configuration())

        let uploaded = try await transport.upload(.file(source), to: "globex/inbound", as: "big.bin")
        XCTAssertEqual(uploaded.size, 100 << 20)
        XCTAssertEqual(uploaded.sha256, expected)
        XCTAssertEqual(try referenceSHA256(server.onServer("globex/inbound/big.bin")), expected)

        let copy = scratch.file("big-copy.bin")
        let downloaded = try await transport.download("big.bin", from: "globex/inbound", to: copy, maxBytes: 200 << 20)
        XCTAssertEqual(downloaded.size, 100 << 20)
        XCTAssertEqual(downloaded.sha256, expected)
        XCTAssertEqual(try referenceSHA256(copy.path), expected)
        await transport.close()
    }

    func testSizeLimitRefusesBeforeDownloading() async throws {
        let transport = SFTPTransport(server.configuration())
        _ = try await transport.upload(.bytes(Data(count: 10_000)), to: "acme/inbound", as: "large.x12")
        do {
            _ = try await transport.download("large.x12", from: "acme/inbound", to: scratch.file("large.x12"), maxBytes: 9_999)
            XCTFail("a file over the limit must not be downloaded")
        } catch TransportError.fileTooLarge(let path, let size, let limit) {
            XCTAssertEqual(path, "acme/inbound/large.x12")
            XCTAssertEqual(size, 10_000)
            XCTAssertEqual(limit, 9_999)
        }
        XCTAssertEqual(try scratch.contents(), [])
        await transport.close()
    }

    func testUnsafeNamesFromTheCallerAreRefused() async throws {
        let transport = SFTPTransport(server.configuration())
        for name in ["../escape.x12", "a/b.x12", "..", "", "bell\u{07}.x12"] {
            do {
                _ = try await transport.upload(.bytes(Data("x".utf8)), to: "acme/outbound", as: name)
                XCTFail("upload as \(name.debugDescription) must be refused")
            } catch TransportError.unsafeName {}
        }
        XCTAssertEqual(try directoryListing(server.onServer("acme")), ["archive", "inbound", "outbound"])
        XCTAssertEqual(try directoryListing(server.onServer("acme/outbound")), [])
        await transport.close()
    }

    func testThousandFilesPickedUpOverOneSession() async throws {
        let inbound = server.onServer("acme/inbound")
        for i in 0..<1000 {
            try Data("ST*850*\(i)~".utf8).write(to: URL(fileURLWithPath: "\(inbound)/po-\(String(format: "%04d", i)).x12"))
        }
        let transport = SFTPTransport(server.configuration())
        let listing = try await transport.list("acme/inbound")
        XCTAssertEqual(listing.count, 1000)

        let profile = InboundProfile(folder: "acme/inbound", disposal: .archive(folder: "acme/archive"),
                                     relistDelay: .milliseconds(50))
        let pickup = InboundPickup(transport: transport, profile: profile, stagingDirectory: scratch.file("staging"))
        let received = Recorder<String>()
        let report = try await pickup.poll { file in
            let text = try String(contentsOf: file.localURL, encoding: .utf8)
            let number = Int(file.name.dropFirst(3).prefix(4))!
            guard text == "ST*850*\(number)~" else { throw HarnessError("wrong content for \(file.name): \(text)") }
            await received.append(file.name)
        }
        XCTAssertEqual(report.pickedUp.count, 1000)
        XCTAssertTrue(report.failed.isEmpty, "\(report.failed)")
        let names = await received.items
        XCTAssertEqual(Set(names).count, 1000)
        XCTAssertEqual(try directoryListing(inbound), [])
        XCTAssertEqual(try directoryListing(server.onServer("acme/archive")).count, 1000)
        XCTAssertEqual(report.pickedUp.first?.sha256, try referenceSHA256(server.onServer("acme/archive/po-0000.x12")))
        let sessions = await transport.sessionsOpened
        XCTAssertEqual(sessions, 1, "one session for the whole poll")
        await transport.close()
    }

    func testHostileFileNamesAreRejectedAndLeftAlone() async throws {
        let inbound = server.onServer("acme/inbound")
        let hostile: [[UInt8]] = [
            Array("evil\nname.x12".utf8),
            Array("esc\u{1B}[31mred.x12".utf8),
            Array("invoice\u{202E}21x.exe".utf8),
            Array("back\\slash.x12".utf8),
            Array("...".utf8),
            Array(" leading-space.x12".utf8),
            Array("del\u{7F}.x12".utf8),
            [0x62, 0x61, 0x64, 0xFF, 0xFE, 0x2E, 0x78, 0x31, 0x32],  // not UTF-8
            Array(String(repeating: "L", count: 150).utf8),  // over this profile's 100-byte limit
        ]
        for name in hostile {
            let path = Array(inbound.utf8) + [UInt8(ascii: "/")] + name + [0]
            let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
            XCTAssertGreaterThanOrEqual(fd, 0, "cannot create hostile name \(name)")
            _ = write(fd, "X", 1)
            close(fd)
        }
        try FileManager.default.createSymbolicLink(atPath: inbound + "/link.x12", withDestinationPath: "/etc/passwd")
        try FileManager.default.createDirectory(atPath: inbound + "/subfolder.x12", withIntermediateDirectories: false)
        try Data("ST*850*ok~".utf8).write(to: URL(fileURLWithPath: inbound + "/ok.x12"))
        let before = try directoryListing(inbound)

        let transport = SFTPTransport(server.configuration())
        let profile = InboundProfile(folder: "acme/inbound", disposal: .archive(folder: "acme/archive"),
                                     maxNameLength: 100, relistDelay: .milliseconds(20))
        let staging = scratch.file("staging")
        let pickup = InboundPickup(transport: transport, profile: profile, stagingDirectory: staging)
        let received = Recorder<String>()
        let report = try await pickup.poll { file in await received.append(file.name) }

        let names = await received.items
        XCTAssertEqual(names, ["ok.x12"])
        XCTAssertEqual(report.rejected.count, hostile.count + 1, "\(report.rejected)")  // + the symlink
        XCTAssertTrue(report.rejected.contains { $0.reason.contains("control character U+A") })
        XCTAssertTrue(report.rejected.contains { $0.reason.contains("bidirectional") })
        XCTAssertTrue(report.rejected.contains { $0.reason.contains("UTF-8") })
        XCTAssertTrue(report.rejected.contains { $0.reason.contains("longer than 100") })
        XCTAssertTrue(report.rejected.contains { $0.name == "link.x12" && $0.reason.contains("symbolicLink") })
        XCTAssertEqual(try directoryListing(inbound), before.filter { $0 != "ok.x12" }, "hostile entries are left where they are")
        XCTAssertEqual(try directoryListing(server.onServer("acme/archive")), ["ok.x12"])
        XCTAssertEqual(try directoryListing(staging.path), [], "nothing written locally under any hostile name")
        XCTAssertEqual(try scratch.contents(), ["staging"])
        await transport.close()
    }
}
