import Foundation
import SSHDHarness
import Transport
import XCTest
import Secrets

/// The pure parts: name safety, backoff, secrets, host key pins.
final class TransportValueTests: XCTestCase {
    func testFileNameSafety() {
        for name in ["850-0001.x12", "ACME_PO 17.edi", "été.x12", "a", String(repeating: "n", count: 255), "-dash.x12"] {
            XCTAssertNoThrow(try FileNameSafety.check(name).get(), name)
        }
        let refused: [(String, String)] = [
            ("", "empty"), (".", "only dots"), ("..", "only dots"), ("a/b", "'/'"), ("/etc/passwd", "'/'"),
            ("..\\..\\win.ini", "'\\'"), ("nul\u{0}.x12", "control character U+0"), ("line\nbreak", "U+A"),
            ("tab\t.x12", "U+9"), ("c1\u{85}.x12", "U+85"), ("rtl\u{202E}txt.exe", "bidirectional"),
            (String(repeating: "n", count: 256), "longer than 255"), (" padded", "space"),
        ]
        for (name, reason) in refused {
            guard case .failure(.unsafeName(_, let why)) = FileNameSafety.check(name) else {
                XCTFail("\(name.debugDescription) accepted")
                continue
            }
            XCTAssertTrue(why.contains(reason), "\(name.debugDescription): \(why)")
        }
        guard case .failure(.unsafeName(_, let why)) = FileNameSafety.check([0x61, 0xC3, 0x28]) else {
            return XCTFail("invalid UTF-8 accepted")
        }
        XCTAssertTrue(why.contains("UTF-8"))
        XCTAssertNoThrow(try FileNameSafety.check("short", maxLength: 5).get())
        XCTAssertThrowsError(try FileNameSafety.check("longer", maxLength: 5).get())
    }

    func testBackoffGrowsExponentiallyWithBoundedJitterAndStops() {
        let policy = ReconnectPolicy(initialDelay: .milliseconds(100), multiplier: 2, maxDelay: .seconds(1), maxAttempts: 6, jitter: 0.5)
        XCTAssertEqual(policy.nominalDelay(afterFailure: 1), .milliseconds(100))
        XCTAssertEqual(policy.nominalDelay(afterFailure: 2), .milliseconds(200))
        XCTAssertEqual(policy.nominalDelay(afterFailure: 4), .milliseconds(800))
        XCTAssertEqual(policy.nominalDelay(afterFailure: 5), .seconds(1), "capped")
        var seen = Set<Duration>()
        for _ in 0..<200 {
            let delay = try! XCTUnwrap(policy.delay(afterFailure: 3))
            XCTAssertGreaterThanOrEqual(delay, .milliseconds(200))
            XCTAssertLessThanOrEqual(delay, .milliseconds(400))
            seen.insert(delay)
        }
        XCTAssertGreaterThan(seen.count, 50, "jitter spreads reconnects")
        XCTAssertNotNil(policy.delay(afterFailure: 5))
        XCTAssertNil(policy.delay(afterFailure: 6), "six attempts in all")
        XCTAssertNil(ReconnectPolicy.never.delay(afterFailure: 1))
        XCTAssertEqual(ReconnectPolicy(jitter: 0).delay(afterFailure: 1), .milliseconds(500))
    }

    func testSecretReferences() throws {
        setenv("EDIGATE_TEST_SECRET", "s3cret", 1)
        defer { unsetenv("EDIGATE_TEST_SECRET") }
        XCTAssertEqual(try SecretReference(parsing: "env:EDIGATE_TEST_SECRET").resolve(), "s3cret")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-secret-\(UUID().uuidString)")
        try Data("from-file\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let reference = try SecretReference(parsing: "file:" + file.path)
        XCTAssertEqual(try reference.resolve(), "from-file", "trailing newline is not part of the secret")
        XCTAssertEqual(reference.description, "file:" + file.path)

        XCTAssertThrowsError(try SecretReference(parsing: "plaintext-password"))
        XCTAssertThrowsError(try SecretReference(parsing: "file:/no/such/secret").resolve())
    }

    func testHostKeyPinNormalisation() {
        let pin = HostKeyPin(fingerprint: "SHA256:b7DVG9BhFdfx2aQZmvPVz3ToUeN0YWLw0UlRb4uFeBs")
        XCTAssertTrue(pin.matches("SHA256:b7DVG9BhFdfx2aQZmvPVz3ToUeN0YWLw0UlRb4uFeBs"))
        XCTAssertTrue(HostKeyPin(fingerprint: " b7DVG9BhFdfx2aQZmvPVz3ToUeN0YWLw0UlRb4uFeBs=\n").matches(pin.fingerprint))
        XCTAssertFalse(pin.matches("SHA256:b7DVG9BhFdfx2aQZmvPVz3ToUeN0YWLw0UlRb4uFeBt"))
    }
}
