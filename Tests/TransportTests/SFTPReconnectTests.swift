import Foundation
import SSHDHarness
import Transport
import XCTest

/// The server goes away — stopped with all its session processes, as a crash or restart would —
/// and comes back. Work resumes on a new session; nothing is lost, doubled or left half-written.
final class SFTPReconnectTests: SSHDTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try cleanPartnerFolders()
    }

    /// Quick enough for tests, patient enough to outlast a restart of about a second.
    private let patient = ReconnectPolicy(initialDelay: .milliseconds(100), multiplier: 2, maxDelay: .seconds(1),
                                          maxAttempts: 12, jitter: 0.5)

    /// Stops the server, waits, starts it again on the same port (on a plain thread: this is the
    /// operator's side, not the gateway's).
    private func bounceServer(downFor seconds: Double) throws {
        try server.stop(keepDirectory: true)
        Thread.sleep(forTimeInterval: seconds)
        try server.restart()
    }

    func testServerStoppedMidPollAndRestarted() async throws {
        let inbound = server.onServer("acme/inbound")
        for i in 0..<20 {
            try Data("ST*810*\(i)~".utf8).write(to: URL(fileURLWithPath: "\(inbound)/inv-\(String(format: "%02d", i)).x12"))
        }
        let transport = SFTPTransport(server.configuration(reconnect: patient))
        let profile = InboundProfile(folder: "acme/inbound", disposal: .archive(folder: "acme/archive"),
                                     relistDelay: .milliseconds(20))
        let pickup = InboundPickup(transport: transport, profile: profile, stagingDirectory: scratch.file("staging"))
        let received = Recorder<String>()
        let bounced = Recorder<Task<Void, any Error>>()
        let server = self.server!

        let report = try await pickup.poll { file in
            await received.append(file.name)
            if await received.count == 5 {
                // Mid-poll, between handing over a file and archiving it: the worst moment.
                try server.stop(keepDirectory: true)
                await bounced.append(onThread { Thread.sleep(forTimeInterval: 1.0); try server.restart() })
            }
        }
        for task in await bounced.items { try await task.value }

        let names = await received.items
        XCTAssertEqual(names.count, 20, "each file handed over exactly once")
        XCTAssertEqual(Set(names).count, 20)
        XCTAssertEqual(report.pickedUp.count, 20)
        XCTAssertNil(report.interruption)
        XCTAssertTrue(report.recordedButNotDisposed.isEmpty)
        XCTAssertEqual(try directoryListing(inbound), [])
        XCTAssertEqual(try directoryListing(server.onServer("acme/archive")).count, 20)
        let sessions = await transport.sessionsOpened
        XCTAssertEqual(sessions, 2, "one reconnect after the server came back")

        // A second poll finds nothing to do: nothing is offered twice.
        let again = try await pickup.poll { file in XCTFail("\(file.name) offered again") }
        XCTAssertTrue(again.pickedUp.isEmpty)
        await transport.close()
    }

    func testUploadCutMidTransferLeavesNoPartialFileAndCompletesAfterReconnect() async throws {
        let source = scratch.file("cut-up.bin")
        try writeRandomFile(at: source, megabytes: 64)
        let expected = try referenceSHA256(source.path)
        let outbound = server.onServer("acme/outbound")
        let server = self.server!
        let cutter = onThread {
            // Wait until a good part of the file is on the server under its temporary name, then cut.
            try waitUntil(timeout: 30) {
                try directoryListing(outbound).contains { name in
                    name.hasSuffix(".tmp") && ((try? FileManager.default.attributesOfItem(atPath: outbound + "/" + name)[.size] as? Int) ?? 0) > 8 << 20
                }
            }
            try server.stop(keepDirectory: true)
            XCTAssertFalse(try directoryListing(outbound).contains("cut.bin"), "final name must not appear before the upload completed")
            Thread.sleep(forTimeInterval: 0.5)
            try server.restart()
        }

        let transport = SFTPTransport(server.configuration(reconnect: patient))
        let receipt = try await transport.upload(.file(source), to: "acme/outbound", as: "cut.bin")
        try await cutter.value

        XCTAssertEqual(receipt.sha256, expected)
        XCTAssertEqual(try directoryListing(outbound), ["cut.bin"], "the cut attempt's temporary was cleaned up")
        XCTAssertEqual(try referenceSHA256(outbound + "/cut.bin"), expected)
        let sessions = await transport.sessionsOpened
        XCTAssertEqual(sessions, 2, "the upload really was cut and resumed on a new session")
        await transport.close()
    }

    func testDownloadCutMidTransferLeavesNoPartialFileAndCompletesAfterReconnect() async throws {
        let remote = URL(fileURLWithPath: server.onServer("acme/outbound/cut-down.bin"))
        try writeRandomFile(at: remote, megabytes: 64)
        let expected = try referenceSHA256(remote.path)
        let local = scratch.file("downloads")
        try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
        let server = self.server!
        let cutter = onThread {
            try waitUntil(timeout: 30) {
                try directoryListing(local.path).contains { name in
                    name.hasSuffix(".partial") && ((try? FileManager.default.attributesOfItem(atPath: local.path + "/" + name)[.size] as? Int) ?? 0) > 8 << 20
                }
            }
            try server.stop(keepDirectory: true)
            Thread.sleep(forTimeInterval: 0.5)
            try server.restart()
        }

        let transport = SFTPTransport(server.configuration(reconnect: patient))
        let receipt = try await transport.download("cut-down.bin", from: "acme/outbound", to: local.appendingPathComponent("cut-down.bin"), maxBytes: nil)
        try await cutter.value

        XCTAssertEqual(receipt.sha256, expected)
        XCTAssertEqual(try directoryListing(local.path), ["cut-down.bin"], "no partial file left beside it")
        XCTAssertEqual(try referenceSHA256(local.path + "/cut-down.bin"), expected)
        let sessions = await transport.sessionsOpened
        XCTAssertEqual(sessions, 2, "the download really was cut and resumed on a new session")
        await transport.close()
    }

    func testServerThatStaysDownFailsAfterTheReconnectPolicyWithHostAndPort() async throws {
        try server.stop(keepDirectory: true)
        defer { XCTAssertNoThrow(try server.restart()) }
        let policy = ReconnectPolicy(initialDelay: .milliseconds(50), multiplier: 2, maxDelay: .seconds(1), maxAttempts: 3, jitter: 0)
        let transport = SFTPTransport(server.configuration(reconnect: policy))
        let started = ContinuousClock.now
        do {
            _ = try await transport.list("acme/inbound")
            XCTFail("listing must fail while the server is down")
        } catch let TransportError.connectFailed(host, port, reason) {
            XCTAssertEqual(host, "127.0.0.1")
            XCTAssertEqual(port, server.port)
            XCTAssertTrue(reason.contains("refused"), reason)
        }
        let elapsed = ContinuousClock.now - started
        // Three attempts with 50 ms and 100 ms between them.
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(150))
        XCTAssertLessThan(elapsed, .seconds(3))
    }
}

/// Runs `body` on a new OS thread (it blocks: sleeps, runs scripts) and reports its outcome.
func onThread(_ body: @escaping @Sendable () throws -> Void) -> Task<Void, any Error> {
    Task.detached {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                do {
                    try body()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

func waitUntil(timeout seconds: Double, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while try !condition() {
        guard Date() < deadline else { throw HarnessError("condition not met within \(seconds) s") }
        Thread.sleep(forTimeInterval: 0.002)
    }
}
