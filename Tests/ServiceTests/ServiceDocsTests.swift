import Foundation
import Service
import XCTest

/// The service's documentation stays true to the code: the example configuration loads with the
/// values it claims, every configuration shown in docs/service.md is accepted, and the OpenAPI
/// file names the routes and the header the API has.
final class ServiceDocsTests: XCTestCase {
    private static func repositoryFile(_ path: String) -> URL {
        ServiceHarness.repository.appendingPathComponent(path)
    }

    private static func text(_ path: String) throws -> String {
        try String(contentsOf: repositoryFile(path), encoding: .utf8)
    }

    /// gateway.example.yaml, as `edigate serve --config gateway.example.yaml` would read it.
    func testTheExampleConfigurationLoads() throws {
        let path = Self.repositoryFile("gateway.example.yaml").path
        let configuration = try ServiceConfiguration.load(path: path)
        XCTAssertTrue(configuration.store.hasSuffix("gateway.sqlite"), configuration.store)
        XCTAssertEqual(configuration.partners, Self.repositoryFile("Partners").standardizedFileURL.path,
                       "relative paths are relative to the configuration file's folder")
        XCTAssertEqual(configuration.tokens.count, 1)
        XCTAssertEqual(configuration.tokens.first?.name, "erp-system")
        XCTAssertEqual(configuration.tokens.first?.role, .erp)
        XCTAssertEqual(configuration.poll.partnerConcurrency, 4)
        XCTAssertEqual(configuration.poll.budgetSeconds, 300)
        XCTAssertEqual(configuration.poll.leaseSeconds, 60)
        XCTAssertNil(configuration.poll.intervalSeconds, "commented out: each profile's pollIntervalSeconds")
        XCTAssertEqual(configuration.alerts.webhooks.count, 1)
        XCTAssertEqual(configuration.alerts.checkIntervalSeconds, 60)
        XCTAssertEqual(configuration.http.host, "127.0.0.1")
        XCTAssertEqual(configuration.http.port, 8090)
        XCTAssertEqual(configuration.http.allowedHosts, ["localhost", "127.0.0.1"])
        XCTAssertNil(configuration.drop)
        XCTAssertNil(configuration.staging)
        XCTAssertEqual(configuration.digest.count, 64, "SHA-256 in hex")
    }

    /// Every ```yaml block of docs/service.md and docs/scaling.md with a top-level `store:`
    /// line is a whole service configuration, and each must be accepted as written.
    func testEveryConfigurationInServiceDocIsAccepted() throws {
        for doc in ["docs/service.md", "docs/scaling.md"] { try checkConfigurations(in: doc) }
    }

    private func checkConfigurations(in doc: String) throws {
        let path = Self.repositoryFile(doc).path
        let document = try Self.text(doc)
        var blocks: [(line: Int, text: String)] = []
        var current: [String]?
        var start = 0
        for (index, line) in document.components(separatedBy: "\n").enumerated() {
            if var lines = current {
                if line.hasPrefix("```") {
                    blocks.append((line: start, text: lines.joined(separator: "\n") + "\n"))
                    current = nil
                } else {
                    lines.append(line)
                    current = lines
                }
            } else if line.trimmingCharacters(in: .whitespaces) == "```yaml" {
                current = []
                start = index + 2
            }
        }
        XCTAssertNil(current, "\(doc) ends inside a ```yaml block")
        let configurations = blocks.filter { block in
            block.text.components(separatedBy: "\n").contains { $0.hasPrefix("store:") }
        }
        XCTAssertFalse(configurations.isEmpty, "\(doc) shows no configuration (```yaml block with store:)")
        for block in configurations {
            do {
                _ = try ServiceConfiguration.parse(text: block.text, file: path)
            } catch {
                XCTFail("\(doc), the yaml block from line \(block.line) is refused: \(error)")
            }
        }
    }

    /// A postgres:// store is taken as a URL (with its staging folder named), never as a SQLite
    /// file named after it; another scheme, a password inside the URL, or no staging is refused.
    func testAStoreURLIsAPostgresStoreOrRefusedNeverAFileName() throws {
        let erp = "erp:\n  baseURL: http://127.0.0.1:8081\n"
        let accepted = try ServiceConfiguration.parse(
            text: "store: postgres://gateway@db.example:5433/edigate?password=env:EDIGATE_DB_PASSWORD\nstaging: /var/lib/edigate/staging\n" + erp, file: "gateway.yaml")
        XCTAssertEqual(accepted.store, "postgres://gateway@db.example:5433/edigate?password=env:EDIGATE_DB_PASSWORD")
        XCTAssertEqual(accepted.staging, "/var/lib/edigate/staging")
        let refusals = [
            ("store: postgres://gateway@db.example/edigate\n" + erp,
             "gateway.yaml:1: staging: required with a PostgreSQL store: a private folder for downloads in progress"),
            ("store: postgres://gateway:secret@db.example/edigate\nstaging: /tmp/s\n" + erp,
             "gateway.yaml:1: store: store location postgres://gateway:***@db.example/edigate: a password inside the URL; give it by reference: ?password=env:NAME or ?password=file:PATH"),
            ("store: mysql://gateway@db.example/edigate\n" + erp,
             "gateway.yaml:1: store: 'mysql://…' is not a store this version opens: a SQLite file path or postgres://USER@HOST:PORT/DATABASE (docs/scaling.md)"),
        ]
        for (text, expected) in refusals {
            XCTAssertThrowsError(try ServiceConfiguration.parse(text: text, file: "gateway.yaml")) { error in
                XCTAssertEqual("\(error)", expected)
                XCTAssertFalse("\(error)".contains("secret"), "the password is never repeated")
            }
        }
    }

    /// docs/gateway-api.yaml describes the routes and the idempotency header the API has.
    func testTheOpenAPIFileNamesTheRoutesAndHeaders() throws {
        let text = try Self.text("docs/gateway-api.yaml")
        XCTAssertTrue(text.hasPrefix("openapi: 3.0.3"), "OpenAPI 3.0.3")
        for route in ["/v1/shipments", "/v1/invoices", "/health", "/ready", "/metrics"] {
            XCTAssertTrue(text.contains("\n  \(route):\n"), "docs/gateway-api.yaml has no path \(route)")
        }
        XCTAssertTrue(text.contains("name: Idempotency-Key"), "the Idempotency-Key header parameter")
        XCTAssertTrue(text.contains("Idempotent-Replayed"), "the replay header")
        XCTAssertTrue(text.contains("application/problem+json"), "errors are problem documents")
    }
}
