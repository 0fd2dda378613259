import Foundation
import SSHDHarness
import Transport
import XCTest
import Secrets

/// Host key pinning and client authentication against the real server.
final class SFTPAuthenticationTests: SSHDTestCase {
    private func connect(_ configuration: SFTPConfiguration) async throws {
        let transport = SFTPTransport(configuration)
        do {
            _ = try await transport.list("acme/inbound")
        } catch {
            await transport.close()
            throw error
        }
        await transport.close()
    }

    private func expectFailure(_ configuration: SFTPConfiguration, file: StaticString = #filePath, line: UInt = #line) async -> TransportError? {
        do {
            try await connect(configuration)
            XCTFail("connection must be refused", file: file, line: line)
            return nil
        } catch let error as TransportError {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    func testPinnedHostKeyAndEd25519KeyConnect() async throws {
        try await connect(server.configuration())
        // Pins copied with base64 padding or without the prefix still match.
        try await connect(server.configuration(hostKey: HostKeyPin(fingerprint: server.hostKeyFingerprint + "=", keyType: "ssh-ed25519")))
        try await connect(server.configuration(hostKey: HostKeyPin(fingerprint: String(server.hostKeyFingerprint.dropFirst(7)))))
    }

    func testChangedHostKeyIsRefusedWithThePresentedFingerprint() async throws {
        let wrong = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"
        let error = await expectFailure(server.configuration(hostKey: HostKeyPin(fingerprint: wrong, keyType: "ssh-ed25519")))
        guard case let .hostKeyMismatch(host, port, expected, presented, keyType) = error else {
            return XCTFail("expected hostKeyMismatch, got \(String(describing: error))")
        }
        XCTAssertEqual(host, "127.0.0.1")
        XCTAssertEqual(port, server.port)
        XCTAssertEqual(expected, wrong)
        XCTAssertEqual(presented, server.hostKeyFingerprint)
        XCTAssertEqual(keyType, "ssh-ed25519")
        XCTAssertTrue(error!.description.contains(server.hostKeyFingerprint), error!.description)
        XCTAssertFalse(error!.isWorthReconnecting, "a changed key is not retried")
    }

    func testUnpinnedHostKeyIsRefusedWithThePresentedFingerprint() async throws {
        let error = await expectFailure(server.configuration(hostKey: .some(nil)))
        guard case let .hostKeyNotPinned(_, _, presented, keyType) = error else {
            return XCTFail("expected hostKeyNotPinned, got \(String(describing: error))")
        }
        XCTAssertEqual(presented, server.hostKeyFingerprint)
        XCTAssertEqual(keyType, "ssh-ed25519")
    }

    func testKeyTheServerDoesNotKnowIsRefused() async throws {
        let error = await expectFailure(server.configuration(authentication: .privateKey(path: server.key("id_other"), passphrase: nil)))
        guard case let .authenticationFailed(host, user, method, _, _, hint) = error else {
            return XCTFail("expected authenticationFailed, got \(String(describing: error))")
        }
        XCTAssertEqual(host, "127.0.0.1")
        XCTAssertEqual(user, server.user)
        XCTAssertTrue(method.contains("id_other"))
        XCTAssertNil(hint, "not an RSA key: no RSA explanation")
    }

    func testMissingKeyFileIsReportedAsSuch() async throws {
        let error = await expectFailure(server.configuration(authentication: .privateKey(path: server.key("no-such-key"), passphrase: nil)))
        guard case let .authenticationFailed(_, _, _, _, message, _) = error else {
            return XCTFail("expected authenticationFailed, got \(String(describing: error))")
        }
        XCTAssertTrue(message.contains("missing or unreadable"), message)
    }

    func testECDSAKeyConnects() async throws {
        try await connect(server.configuration(authentication: .privateKey(path: server.key("id_ecdsa"), passphrase: nil)))
    }

    func testPassphraseFromSecretReference() async throws {
        let passphrase = try String(contentsOfFile: server.key("passphrase"), encoding: .utf8)
        setenv("EDIGATE_TEST_KEY_PASSPHRASE", passphrase, 1)
        defer { unsetenv("EDIGATE_TEST_KEY_PASSPHRASE") }
        let key = server.key("id_ed25519_passphrase")
        try await connect(server.configuration(authentication: .privateKey(path: key, passphrase: try SecretReference(parsing: "env:EDIGATE_TEST_KEY_PASSPHRASE"))))
        try await connect(server.configuration(authentication: .privateKey(path: key, passphrase: try SecretReference(parsing: "file:" + server.key("passphrase")))))

        setenv("EDIGATE_TEST_WRONG_PASSPHRASE", "not-it", 1)
        defer { unsetenv("EDIGATE_TEST_WRONG_PASSPHRASE") }
        let error = await expectFailure(server.configuration(authentication: .privateKey(path: key, passphrase: SecretReference(.environment("EDIGATE_TEST_WRONG_PASSPHRASE")))))
        guard case let .authenticationFailed(_, _, _, _, _, hint) = error else {
            return XCTFail("expected authenticationFailed, got \(String(describing: error))")
        }
        XCTAssertTrue(hint?.contains("passphrase") == true, String(describing: hint))

        let unset = await expectFailure(server.configuration(authentication: .privateKey(path: key, passphrase: SecretReference(.environment("EDIGATE_TEST_UNSET_VARIABLE")))))
        guard case let .secretUnavailable(reference, _) = unset else {
            return XCTFail("expected secretUnavailable, got \(String(describing: unset))")
        }
        XCTAssertEqual(reference, "env:EDIGATE_TEST_UNSET_VARIABLE")
    }

    func testRSAKeyRefusedByModernServerWithAnExplanation() async throws {
        let error = await expectFailure(server.configuration(authentication: .privateKey(path: server.key("id_rsa"), passphrase: nil)))
        guard case let .authenticationFailed(_, _, _, _, _, hint) = error else {
            return XCTFail("expected authenticationFailed, got \(String(describing: error))")
        }
        let text = try XCTUnwrap(hint)
        XCTAssertTrue(text.contains("RSA") && text.contains("ssh-rsa") && text.contains("ed25519"), text)
    }

    func testRSAKeyAcceptedWhereServerStillAllowsSSHRSA() async throws {
        try await connect(server.configuration(user: server.legacyUser, authentication: .privateKey(path: server.key("id_rsa"), passphrase: nil)))
    }

    func testPasswordAuthentication() async throws {
        let password = try SecretReference(parsing: "file:" + server.key("legacy_password"))
        try await connect(server.configuration(user: server.legacyUser, authentication: .password(password)))

        setenv("EDIGATE_TEST_WRONG_PASSWORD", "wrong", 1)
        defer { unsetenv("EDIGATE_TEST_WRONG_PASSWORD") }
        let error = await expectFailure(server.configuration(user: server.legacyUser, authentication: .password(SecretReference(.environment("EDIGATE_TEST_WRONG_PASSWORD")))))
        guard case let .authenticationFailed(_, user, method, _, _, _) = error else {
            return XCTFail("expected authenticationFailed, got \(String(describing: error))")
        }
        XCTAssertEqual(user, server.legacyUser)
        XCTAssertEqual(method, "password")
        XCTAssertFalse(error!.description.contains("wrong"), "the password itself never appears in errors")
    }
}
