import ERP
import ERPService
import Foundation
import Secrets
import XCTest

/// `ERPConnectionFile`: the YAML connection `edigate gateway poll --erp-config FILE` takes, in
/// the shape docs/erp.md documents, and the https rule every connection passes.
final class ERPConnectionFileTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The ```yaml blocks of docs/erp.md, each with the heading it sits under.
    static func documentedYAML() throws -> [(heading: String, line: Int, text: String)] {
        let lines = try String(contentsOf: repository.appendingPathComponent("docs/erp.md"), encoding: .utf8).components(separatedBy: "\n")
        var blocks: [(String, Int, String)] = []
        var heading = ""
        var index = 0
        while index < lines.count {
            if lines[index].hasPrefix("#") { heading = lines[index] }
            if lines[index].trimmingCharacters(in: .whitespaces) == "```yaml" {
                let start = index + 1
                var end = start
                while end < lines.count, lines[end].trimmingCharacters(in: .whitespaces) != "```" { end += 1 }
                blocks.append((heading, start + 1, lines[start..<end].joined(separator: "\n")))
                index = end
            }
            index += 1
        }
        return blocks
    }

    func parse(_ text: String, file: String = "erp.yaml") throws -> ERPConnection {
        try ERPConnectionFile.parse(text: text, file: file)
    }

    /// The error `text` is refused with.
    func refusal(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ERPConnectionFileError? {
        do {
            let connection = try parse(text)
            XCTFail("accepted: \(connection)", file: file, line: line)
            return nil
        } catch let error as ERPConnectionFileError {
            return error
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    // MARK: - The documented shape

    func testTheDocumentedExampleLoads() throws {
        let blocks = try Self.documentedYAML()
        let example = try XCTUnwrap(blocks.first { $0.heading.hasPrefix("## Policy and connection") }, "docs/erp.md has no yaml block under its connection section")
        let connection = try parse(example.text, file: "docs/erp.md:\(example.line)")
        XCTAssertEqual(connection.baseURL, "https://erp.example.com/edi")
        XCTAssertEqual(connection.tokenURL, "https://erp.example.com/oauth/token")
        XCTAssertEqual(connection.clientId, "edigate")
        XCTAssertEqual(connection.clientSecret, SecretReference(.environment("ERP_CLIENT_SECRET")))
        XCTAssertEqual(connection.requestTimeoutSeconds, 5)
        XCTAssertEqual(connection.maxAttempts, 3)
        XCTAssertEqual(connection.breakerFailureThreshold, 5)
        XCTAssertEqual(connection.breakerOpenSeconds, 10)
        XCTAssertEqual(connection.maxConcurrentRequests, 16)
        XCTAssertEqual(connection.tlsCertificatePath, "/etc/edigate/erp-client.pem")
        XCTAssertEqual(connection.tlsKeyPath, "/etc/edigate/erp-client.key")

        // Every YAML example in the page is one the loader takes.
        XCTAssertGreaterThanOrEqual(blocks.count, 2)
        for block in blocks {
            XCTAssertNoThrow(try parse(block.text, file: "docs/erp.md:\(block.line)"), "the yaml block at docs/erp.md:\(block.line)")
        }
    }

    func testEveryKeyIsDocumented() throws {
        let page = try String(contentsOf: Self.repository.appendingPathComponent("docs/erp.md"), encoding: .utf8)
        for name in ERPConnection.fieldNames {
            XCTAssertTrue(page.contains("`\(name)`") || page.contains("\n  \(name): "), "docs/erp.md does not mention \(name)")
        }
    }

    func testBareAndWrappedFormsAreTheSameConnection() throws {
        let bare = try parse("""
            baseURL: https://erp.example.com/edi
            tokenURL: https://erp.example.com/oauth/token
            clientId: edigate
            clientSecret: file:/run/secrets/erp
            maxBatchLines: 20
            """)
        let wrapped = try parse("""
            # a larger configuration: only erp: is ours
            console:
              port: 8090
            erp:
              baseURL: https://erp.example.com/edi
              tokenURL: https://erp.example.com/oauth/token
              clientId: edigate
              clientSecret: file:/run/secrets/erp
              maxBatchLines: 20
            validation:
              shortage: backorder
            """)
        XCTAssertEqual(bare, wrapped)
        XCTAssertEqual(bare.clientSecret, SecretReference(.file("/run/secrets/erp")))
        XCTAssertEqual(bare.maxBatchLines, 20)
        XCTAssertEqual(bare.requestTimeoutSeconds, 5, "defaults for what is not written")
        XCTAssertEqual(bare.connectTimeoutSeconds, 2)

        // A connection key beside erp: would be ignored; it is refused instead.
        let stray = refusal("""
            erp:
              baseURL: https://erp.example.com/edi
            requestTimeoutSeconds: 9
            """)
        XCTAssertEqual(stray?.field, "requestTimeoutSeconds")
        XCTAssertEqual(stray?.line, 3)
        XCTAssertTrue(stray?.message.contains("inside the erp: block") ?? false, "\(String(describing: stray))")
    }

    func testUnknownKeyIsRefusedByNameAndLine() throws {
        let misspelt = refusal("""
            erp:
              baseURL: https://erp.example.com/edi
              tokenUrl: https://erp.example.com/oauth/token
            """)
        XCTAssertEqual(misspelt?.field, "erp.tokenUrl")
        XCTAssertEqual(misspelt?.line, 3)
        XCTAssertEqual(misspelt?.description.hasPrefix("erp.yaml:3: erp.tokenUrl: unknown key; did you mean tokenURL?"), true, "\(String(describing: misspelt))")

        let unknown = refusal("""
            baseURL: https://erp.example.com/edi
            retries: 4
            """)
        XCTAssertEqual(unknown?.field, "retries")
        XCTAssertEqual(unknown?.line, 2)
        XCTAssertTrue(unknown?.message.contains("expected one of: baseURL, tokenURL") ?? false, "\(String(describing: unknown))")

        // A partner profile's erp: section (customer, shipTo) is not a connection.
        let profile = refusal("""
            erp:
              customer: C1001
            """)
        XCTAssertEqual(profile?.field, "erp.customer")
    }

    // MARK: - https for credentials

    func testCredentialsOverPlainHTTPToARemoteHostAreRefused() throws {
        let token = refusal("""
            erp:
              baseURL: https://erp.example.com/edi
              tokenURL: http://erp.example.com/oauth/token
              clientId: edigate
              clientSecret: env:ERP_CLIENT_SECRET
            """)
        XCTAssertEqual(token?.field, "erp.tokenURL")
        XCTAssertEqual(token?.line, 3)
        XCTAssertTrue(token?.message.contains("clear text") ?? false, "\(String(describing: token))")
        XCTAssertTrue(token?.message.contains("loopback") ?? false, "\(String(describing: token))")

        let bearer = refusal("""
            baseURL: http://10.1.2.3:8085
            tokenURL: https://login.example.com/token
            clientId: edigate
            clientSecret: env:ERP_CLIENT_SECRET
            """)
        XCTAssertEqual(bearer?.field, "baseURL")
        XCTAssertEqual(bearer?.line, 1)
        XCTAssertTrue(bearer?.message.contains("bearer tokens would cross the network in clear text") ?? false, "\(String(describing: bearer))")

        let certificate = refusal("""
            baseURL: http://erp.example.com
            tlsCertificatePath: /etc/edigate/erp-client.pem
            tlsKeyPath: /etc/edigate/erp-client.key
            """)
        XCTAssertEqual(certificate?.field, "baseURL")
        XCTAssertTrue(certificate?.message.contains("client certificate") ?? false, "\(String(describing: certificate))")

        // The same rule for a connection made in code or from --erp-url: the client refuses it.
        let connection = ERPConnection(baseURL: "http://erp.example.com", tokenURL: "http://erp.example.com/oauth/token", clientId: "edigate", clientSecret: SecretReference(.environment("ERP_CLIENT_SECRET")))
        XCTAssertThrowsError(try HTTPERPClient(connection: connection)) { error in
            guard case ERPError.configuration(let detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.hasPrefix("baseURL: 'http://erp.example.com' is plain http"), detail)
        }
    }

    func testCredentialsOverPlainHTTPOnLoopbackAreAccepted() throws {
        for host in ["127.0.0.1:8085", "127.44.0.9", "localhost:8085", "LOCALHOST", "[::1]:8085"] {
            let connection = try parse("""
                baseURL: http://\(host)/edi
                tokenURL: http://\(host)/oauth/token
                clientId: edigate
                clientSecret: env:ERP_CLIENT_SECRET
                tlsCertificatePath: client.pem
                tlsKeyPath: client.key
                """)
            XCTAssertEqual(connection.tokenURL, "http://\(host)/oauth/token")
        }
        for host in ["127.0.0.1", "127.255.255.254", "localhost", "localhost.", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"] {
            XCTAssertTrue(ERPConnection.isLoopback(host: host), host)
        }
        for host in ["128.0.0.1", "10.0.0.1", "127.example.com", "localhost.example.com", "::2", "::ffff:10.0.0.1", "127.1", ""] {
            XCTAssertFalse(ERPConnection.isLoopback(host: host), host)
        }
    }

    func testPlainHTTPWithoutCredentialsIsAccepted() async throws {
        let connection = try parse("""
            baseURL: http://erp.internal:8085/edi
            tlsCAPath: /etc/ssl/certs/ca-certificates.crt
            """)
        XCTAssertEqual(connection.credentialFields, [])
        // --erp-url's path: the client takes it too.
        let client = try HTTPERPClient(connection: ERPConnection(baseURL: "http://erp.internal:8085/edi"))
        try await client.shutdown()
    }

    // MARK: - Other refusals, each naming the file, the field and the line

    func testInvalidValuesNameTheFieldAndLine() throws {
        let cases: [(String, String?, Int, String)] = [
            ("baseURL: ftp://erp.example.com\n", "baseURL", 1, "is not an http:// or https:// URL"),
            ("baseURL: erp.example.com\n", "baseURL", 1, "is not an http:// or https:// URL"),
            ("baseURL: https://user:pw@erp.example.com\n", "baseURL", 1, "a user or password in the URL is not allowed"),
            ("tokenURL: https://erp.example.com/token\n", "baseURL", 1, "required"),
            ("erp:\n  baseURL: https://e.example\n  requestTimeoutSeconds: soon\n", "erp.requestTimeoutSeconds", 3, "expected a number"),
            ("baseURL: https://e.example\nmaxAttempts: 0\n", "maxAttempts", 2, "must be 1 or more"),
            ("baseURL: https://e.example\nrequestTimeoutSeconds: .inf\n", "requestTimeoutSeconds", 2, "positive number of seconds"),
            ("baseURL: https://e.example\nclientId: edigate\n", "tokenURL", 1, "OAuth2 client credentials need tokenURL, clientId and clientSecret together"),
            ("baseURL: https://e.example\ntlsCertificatePath: c.pem\n", "tlsKeyPath", 1, "mutual TLS"),
            ("baseURL: https://e.example\nclientSecret: hunter2\n", "clientSecret", 2, "by reference only"),
            ("erp: https://e.example\n", "erp", 1, "expected the connection under erp:"),
            ("- baseURL: https://e.example\n", nil, 1, "expected the ERP connection"),
            ("baseURL: https://e.example\n  clientId: [\n", nil, 2, "YAML syntax"),
        ]
        for (text, field, line, message) in cases {
            guard let error = refusal(text) else { continue }
            XCTAssertEqual(error.file, "erp.yaml", text)
            XCTAssertEqual(error.field, field, text)
            XCTAssertEqual(error.line, line, "\(text) → \(error)")
            XCTAssertTrue(error.message.contains(message), "\(text) → \(error)")
            XCTAssertFalse(error.description.contains("hunter2"), "a secret written inline is never echoed")
        }
    }

    func testLoadNamesTheFileAndChecksTheTLSFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("erp-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        XCTAssertThrowsError(try ERPConnectionFile.load(path: directory + "/missing.yaml")) { error in
            XCTAssertEqual("\(error)", "\(directory)/missing.yaml: cannot read: no such file")
        }
        let path = directory + "/erp.yaml"
        try """
            erp:
              baseURL: https://erp.example.com
              tlsCertificatePath: \(directory)/client.pem
              tlsKeyPath: \(directory)/client.key
            """.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ERPConnectionFile.load(path: path)) { error in
            guard let error = error as? ERPConnectionFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.file, path)
            XCTAssertEqual(error.field, "erp.tlsCertificatePath")
            XCTAssertEqual(error.line, 3)
        }
        try "PEM".write(toFile: directory + "/client.pem", atomically: true, encoding: .utf8)
        try "PEM".write(toFile: directory + "/client.key", atomically: true, encoding: .utf8)
        XCTAssertEqual(try ERPConnectionFile.load(path: path).tlsKeyPath, directory + "/client.key")
    }

    // MARK: - End to end

    /// A file with OAuth2 client credentials (the secret by env reference) against the
    /// reference ERP's real token endpoint: the order is validated with a bearer token.
    func testConnectionFromAFileValidatesAnOrderWithOAuth() async throws {
        try await withReferenceERP(tokenLifetime: .seconds(60)) { erp in
            let path = erp.directory + "/erp.yaml"
            try """
                erp:
                  baseURL: \(erp.baseURL)
                  tokenURL: \(erp.baseURL)/oauth/token
                  clientId: edigate-test
                  clientSecret: env:\(ReferenceERPFixture.secretVariable)
                  requestTimeoutSeconds: 2
                  connectTimeoutSeconds: 1
                  maxAttempts: 2
                """.write(toFile: path, atomically: true, encoding: .utf8)
            let connection = try ERPConnectionFile.load(path: path)
            XCTAssertEqual(connection.clientSecret, SecretReference(.environment(ReferenceERPFixture.secretVariable)))
            let client = try HTTPERPClient(connection: connection)
            do {
                let decided = try await OrderValidator(client: client).validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
                XCTAssertEqual(decided.acknowledgment.status, .accepted)
                XCTAssertEqual(erp.tokens?.issuedCount, 1, "the calls carried a token from the file's credentials")
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }

    /// `edigate gateway poll --once --erp-config FILE` as ops run it: the file is taken, a bad
    /// one stops the run with its name and field (exit 2), and the two ERP options exclude
    /// each other (usage error, exit 64).
    func testGatewayPollTakesTheConnectionFile() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("edigate")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("no edigate binary at \(binary.path): build with `swift build --build-tests` first")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("erp-poll-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/partners", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = directory + "/erp.yaml"
        try "baseURL: http://127.0.0.1:9\ntokenURL: http://127.0.0.1:9/oauth/token\nclientId: edigate\nclientSecret: env:EDIGATE_UNUSED\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        let bad = directory + "/bad.yaml"
        try "erp:\n  baseURL: https://erp.example.com\n  tokenURL: http://erp.example.com/oauth/token\n  clientId: edigate\n  clientSecret: env:EDIGATE_UNUSED\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)

        func poll(_ erp: [String], database: String = "gateway.sqlite") throws -> (status: Int32, stderr: String) {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["gateway", "poll", "--once", "--db", directory + "/" + database, "--partners", directory + "/partners",
                                 "--maps", Self.repository.appendingPathComponent("Maps").path] + erp
            let err = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = err
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, stderr)
        }

        let taken = try poll(["--erp-config", good])
        XCTAssertEqual(taken.status, 0, taken.stderr)

        let refused = try poll(["--erp-config", bad], database: "never.sqlite")
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("\(bad):3: erp.tokenURL: 'http://erp.example.com/oauth/token' is plain http"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/never.sqlite"), "nothing is opened with an unusable connection")

        XCTAssertEqual(try poll([]).status, 64)
        XCTAssertEqual(try poll(["--erp-url", "http://127.0.0.1:9", "--erp-config", good]).status, 64)
        let url = try poll(["--erp-url", "127.0.0.1:9"])
        XCTAssertEqual(url.status, 2, url.stderr)
        XCTAssertTrue(url.stderr.contains("--erp-url: baseURL:"), url.stderr)
    }
}
