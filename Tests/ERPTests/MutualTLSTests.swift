import ERP
import ERPService
import Foundation
import XCTest

/// Mutual TLS with certificates made by openssl for the test: the reference service only
/// talks to clients presenting a certificate its CA signed.
final class MutualTLSTests: XCTestCase {
    struct Certificates {
        var directory: String
        var ca: String { directory + "/ca.pem" }
        var serverCertificate: String { directory + "/server.pem" }
        var serverKey: String { directory + "/server.key" }
        var clientCertificate: String { directory + "/client.pem" }
        var clientKey: String { directory + "/client.key" }
    }

    func makeCertificates() throws -> Certificates {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
            throw XCTSkip("openssl is not installed")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("erp-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try "subjectAltName=IP:127.0.0.1\n".write(toFile: directory + "/server.ext", atomically: true, encoding: .utf8)
        for arguments in [
            ["req", "-x509"] + ec + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=EDIGate test CA"],
            ["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"],
            ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext"],
            ["req"] + ec + ["-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=edigate-gateway"],
            ["x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client.pem", "-days", "2"],
        ] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "openssl \(arguments.joined(separator: " "))")
        }
        return Certificates(directory: directory)
    }

    func testClientCertificateIsPresentedAndRequired() async throws {
        let certificates = try makeCertificates()
        defer { try? FileManager.default.removeItem(atPath: certificates.directory) }
        let tls = ReferenceERPServer.ServerTLS(certificatePath: certificates.serverCertificate, keyPath: certificates.serverKey, clientCAPath: certificates.ca)
        try await withReferenceERP(tls: tls) { erp in
            XCTAssertTrue(erp.baseURL.hasPrefix("https://"))
            let mutual = try erp.validator {
                $0.tlsCAPath = certificates.ca
                $0.tlsCertificatePath = certificates.clientCertificate
                $0.tlsKeyPath = certificates.clientKey
            }
            let decided = try await mutual.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(decided.acknowledgment.status, .accepted)

            // Trusting the server is not enough: without a client certificate the handshake fails.
            let anonymous = try erp.validator {
                $0.tlsCAPath = certificates.ca
                $0.maxAttempts = 1
            }
            let held = await anonymous.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            guard case .held(.erpUnavailable(.transport)) = held else {
                return XCTFail("expected a TLS transport hold, got \(held)")
            }
        }
    }

    func testUnreadableClientCertificateIsAConfigurationError() throws {
        XCTAssertThrowsError(try HTTPERPClient(connection: ERPConnection(baseURL: "https://127.0.0.1:1", tlsCertificatePath: "/nonexistent.pem", tlsKeyPath: "/nonexistent.key"))) { error in
            guard case ERPError.configuration(let detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.hasPrefix("ERP connection misconfigured") == false && detail.contains("TLS configuration"), detail)
        }
    }
}
