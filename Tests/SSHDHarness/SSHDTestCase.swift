import Foundation
import Transport
import XCTest

/// Base for tests against a real sshd: one server per test class, started before its first test
/// and stopped (with every session process) after its last, so no sshd outlives the run.
open class SSHDTestCase: XCTestCase {
    nonisolated(unsafe) private static var servers: [ObjectIdentifier: Result<TestSSHD, any Error>] = [:]

    public var server: TestSSHD!
    public var scratch: Scratch!

    open override class func setUp() {
        super.setUp()
        guard ProcessInfo.processInfo.environment["EDIGATE_SKIP_SSHD"] != "1" else { return }
        servers[ObjectIdentifier(self)] = Result { try TestSSHD.start() }
    }

    open override class func tearDown() {
        if case .success(let server) = servers.removeValue(forKey: ObjectIdentifier(self)) {
            do { try server.stop() } catch { print("error: stopping test sshd: \(error)") }
        }
        super.tearDown()
    }

    open override func setUpWithError() throws {
        try TestSSHD.skipIfRequested()
        guard let started = Self.servers[ObjectIdentifier(type(of: self))] else {
            throw HarnessError("test sshd was not started")
        }
        server = try started.get()
        scratch = try Scratch()
    }

    open override func tearDownWithError() throws {
        scratch?.remove()
    }

    /// Empties the partner folders between tests (as root on the server's disk). Through find(1),
    /// because Foundation cannot address the non-UTF-8 names the hostile-name test leaves.
    public func cleanPartnerFolders() throws {
        let folders = ["acme", "globex"].flatMap { partner in
            ["inbound", "outbound", "archive"].map { server.onServer("\(partner)/\($0)") }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/find")
        process.arguments = folders + ["-mindepth", "1", "-delete"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw HarnessError("cannot empty the partner folders") }
    }
}
