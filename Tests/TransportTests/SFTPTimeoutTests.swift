import Foundation
import SSHDHarness
import Transport
import XCTest
import Secrets

/// A peer that accepts TCP connections and then says nothing (a hung server, a black-holing
/// firewall): every step must time out, and the waiting must not hold Swift's cooperative threads.
final class SFTPTimeoutTests: XCTestCase {
    private var listener: Int32 = -1
    private var port = 0

    override func setUpWithError() throws {
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(listener, 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        XCTAssertEqual(bound, 0)
        // Never accepted: the kernel completes the handshakes into the backlog and nobody answers.
        XCTAssertEqual(listen(listener, 64), 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    override func tearDown() {
        close(listener)
    }

    private func silentServerConfiguration() -> SFTPConfiguration {
        SFTPConfiguration(host: "127.0.0.1", port: port, user: "nobody",
                          authentication: .password(SecretReference(.environment("UNUSED"))),
                          hostKey: HostKeyPin(fingerprint: "SHA256:unused"),
                          timeouts: .init(connect: .seconds(1), step: .seconds(1)),
                          reconnect: .never)
    }

    func testSilentServerTimesOutDuringTheHandshake() async throws {
        let transport = SFTPTransport(silentServerConfiguration())
        let started = ContinuousClock.now
        do {
            _ = try await transport.list("inbound")
            XCTFail("a silent server must time out")
        } catch let error as TransportError {
            guard case let .connectFailed(host, port, reason) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(host, "127.0.0.1")
            XCTAssertEqual(port, self.port)
            XCTAssertTrue(reason.contains("handshake"), reason)
            XCTAssertTrue(error.isWorthReconnecting)
        }
        let elapsed = ContinuousClock.now - started
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(900))
        XCTAssertLessThan(elapsed, .seconds(4))
    }

    func testBlockedSessionsDoNotHoldTheCooperativePool() async throws {
        // More stalled sessions than cooperative threads (one per core). If libssh2's blocking
        // calls ran on the pool, the ticker below could not run until they timed out.
        let stalled = (0..<(ProcessInfo.processInfo.activeProcessorCount + 2)).map { _ in SFTPTransport(silentServerConfiguration()) }
        let started = ContinuousClock.now
        let tickerElapsed = try await withThrowingTaskGroup(of: Duration?.self) { group in
            for transport in stalled {
                group.addTask {
                    _ = try? await transport.list("inbound")
                    return nil
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(100))  // let the sessions start blocking
                let tickStart = ContinuousClock.now
                for _ in 0..<10 { try await Task.sleep(for: .milliseconds(10)) }
                return ContinuousClock.now - tickStart
            }
            var ticker: Duration?
            for try await result in group { if let result { ticker = result } }
            return ticker
        }
        let total = ContinuousClock.now - started
        XCTAssertLessThan(try XCTUnwrap(tickerElapsed), .milliseconds(500), "the pool stayed free while sessions blocked")
        XCTAssertGreaterThanOrEqual(total, .milliseconds(900), "the sessions really did block until their timeout")
    }
}
