import Foundation
import SSHDHarness
import Transport
import XCTest
@testable import Partners

/// `edigate partner check --connect` against a real OpenSSH server: the ACME profile pointed
/// at the test sshd connects with its pinned key and lists its folders; a wrong pin is refused
/// with the fingerprint the server presented.
final class PartnerTransportProbeTests: SSHDTestCase {
    private func profile(hostKey: String) throws -> PartnerProfile {
        let text = try String(contentsOf: URL(fileURLWithPath: PartnerProfileTests.partners + "/acme-retail.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "host: sftp.acme-retail.example", with: "host: 127.0.0.1")
            .replacingOccurrences(of: "port: 22", with: "port: \(server.port)")
            .replacingOccurrences(of: "user: edigate", with: "user: \(server.user)")
            .replacingOccurrences(of: "privateKey: /etc/edigate/keys/acme-retail_ed25519", with: "privateKey: \(server.key("id_ed25519"))")
            .replacingOccurrences(of: "    passphrase: env:ACME_SFTP_KEY_PASSPHRASE\n", with: "")
            .replacingOccurrences(of: "hostKey: SHA256:X45//mG0haeTdVImoJ0B1MjXLdQ2507Wck+SwM3UoNg", with: "hostKey: \(hostKey)")
            .replacingOccurrences(of: "hostKeyType: ssh-ed25519", with: "hostKeyType: \(server.hostKeyType)")
            .replacingOccurrences(of: "inbound: /outbox", with: "inbound: /acme/inbound")
            .replacingOccurrences(of: "outbound: /inbox", with: "outbound: /acme/outbound")
            .replacingOccurrences(of: "archive: /outbox/archive", with: "archive: /acme/archive")
        return try PartnerProfileLoader.parse(text: text, file: "acme-retail.yaml")
    }

    func testConnectListsTheFolders() async throws {
        try cleanPartnerFolders()
        try Data("ISA".utf8).write(to: URL(fileURLWithPath: server.onServer("acme/inbound/po-1.edi")))
        let result = try await PartnerTransportProbe.probe(try profile(hostKey: server.hostKeyFingerprint))
        XCTAssertEqual(result, PartnerTransportProbe.Result(inboundFiles: 1, outboundFiles: 0))
    }

    func testAWrongPinIsRefusedWithThePresentedFingerprint() async throws {
        let wrong = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        do {
            _ = try await PartnerTransportProbe.probe(try profile(hostKey: wrong))
            XCTFail("a wrong host key pin must be refused")
        } catch {
            XCTAssertTrue("\(error)".contains(server.hostKeyFingerprint), "\(error)")
        }
    }
}
