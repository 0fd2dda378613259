import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import XCTest

/// `http.tls` in the configuration: the API and the console over HTTPS with the given PEM
/// certificate and key, the session cookie `Secure`; plain HTTP is not answered.
final class ServiceTLSTests: XCTestCase {
    func testTheServiceSpeaksHTTPSWithASecureSessionCookie() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { throw XCTSkip("openssl is not installed") }
        try await ServiceHarness.with { gateway in
            let folder = gateway.root.appendingPathComponent("tls")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server.key", "-out", "server.pem",
                                 "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            try gateway.writeConfiguration()
            var text = try String(contentsOfFile: gateway.configPath, encoding: .utf8)
            text = text.replacingOccurrences(of: "  port: 0\n", with: "  port: 0\n  tls: { certificate: tls/server.pem, key: tls/server.key }\n")
            try text.write(toFile: gateway.configPath, atomically: true, encoding: .utf8)
            let port = try await gateway.start()

            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(folder.appendingPathComponent("server.pem").path))
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls, redirectConfiguration: .disallow))
            do {
                let health = try await client.execute(HTTPClientRequest(url: "https://127.0.0.1:\(port)/health"), timeout: .seconds(10))
                XCTAssertEqual(health.status.code, 200)
                XCTAssertEqual(health.headers.first(name: "Strict-Transport-Security"), "max-age=31536000")
                var login = HTTPClientRequest(url: "https://127.0.0.1:\(port)/login")
                login.method = .POST
                login.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                login.body = .bytes(ByteBuffer(string: "token=\(ServiceHarness.opsToken)"))
                let session = try await client.execute(login, timeout: .seconds(10))
                XCTAssertEqual(session.status.code, 303)
                let cookie = try XCTUnwrap(session.headers.first(name: "Set-Cookie"))
                XCTAssertTrue(cookie.contains("; Secure"), cookie)
                XCTAssertTrue(cookie.contains("HttpOnly"), cookie)
                // Plain HTTP on the same port gets no answer.
                let plain = try? await gateway.send(.GET, "/health", port: port)
                XCTAssertNil(plain.flatMap { $0.status == 200 ? $0 : nil }, "plain HTTP must not be served")
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
            try await gateway.stop()
        }
    }
}
