import Foundation
import Transport
import XCTest

/// Base for tests against a real sshd: one server per test class, started before its first test
/// and stopped (with every session process) after its last, so no sshd outlives the run.
class SSHDTestCase: XCTestCase {
    nonisolated(unsafe) private static var servers: [ObjectIdentifier: Result<TestSSHD, any Error>] = [:]

    var server: TestSSHD!
    var scratch: Scratch!

    override class func setUp() {
        super.setUp()
        guard ProcessInfo.processInfo.environment["EDIGATE_SKIP_SSHD"] != "1" else { return }
        servers[ObjectIdentifier(self)] = Result { try TestSSHD.start() }
    }

    override class func tearDown() {
        if case .success(let server) = servers.removeValue(forKey: ObjectIdentifier(self)) {
            do { try server.stop() } catch { print("error: stopping test sshd: \(error)") }
        }
        super.tearDown()
    }

    override func setUpWithError() throws {
        try TestSSHD.skipIfRequested()
        guard let started = Self.servers[ObjectIdentifier(type(of: self))] else {
            throw HarnessError("test sshd was not started")
        }
        server = try started.get()
        scratch = try Scratch()
    }

    override func tearDownWithError() throws {
        scratch?.remove()
    }

    /// Empties the partner folders between tests (as root on the server's disk).
    func cleanPartnerFolders() throws {
        for partner in ["acme", "globex"] {
            for folder in ["inbound", "outbound", "archive"] {
                let path = server.onServer("\(partner)/\(folder)")
                for name in try FileManager.default.contentsOfDirectory(atPath: path) {
                    try FileManager.default.removeItem(atPath: path + "/" + name)
                }
            }
        }
    }
}
