import AsyncHTTPClient
import ERPService
import Foundation
import NIOCore
import NIOHTTP1
import Service
import X12
import X12Schemas
import XCTest

/// A temp folder with ACME's profile on a local-folder transport, the reference ERP on
/// loopback, a service configuration file, and `edigate serve`'s service started in-process.
final class ServiceHarness: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let tokenVariable = "EDIGATE_TEST_API_TOKEN"
    static let token = "test-token-for-the-erp-0123456789"
    static let financeVariable = "EDIGATE_TEST_FINANCE_TOKEN"
    static let financeToken = "finance-token-0123456789abcdef"
    static let opsVariable = "EDIGATE_TEST_OPS_TOKEN"
    static let opsToken = "ops-token-0123456789abcdef-ops"
    static let adminVariable = "EDIGATE_TEST_ADMIN_TOKEN"
    static let adminToken = "admin-token-0123456789abcdef-adm"

    let root: URL
    let partnerRoot: URL
    let configPath: String
    let erp: RunningReferenceERP
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
    private(set) var service: GatewayService?
    private(set) var running: RunningService?

    init(extra: String = "") async throws {
        setenv(Self.tokenVariable, Self.token, 1)
        setenv(Self.financeVariable, Self.financeToken, 1)
        setenv(Self.opsVariable, Self.opsToken, 1)
        setenv(Self.adminVariable, Self.adminToken, 1)
        root = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-service-\(UUID().uuidString)")
        partnerRoot = root.appendingPathComponent("acme")
        for folder in ["inbound", "outbound", "archive"] {
            try FileManager.default.createDirectory(at: partnerRoot.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let partners = root.appendingPathComponent("partners")
        try FileManager.default.createDirectory(at: partners, withIntermediateDirectories: true)
        let original = try String(contentsOf: Self.repository.appendingPathComponent("Partners/acme-retail.yaml"), encoding: .utf8)
        guard let start = original.range(of: "\ntransport:\n"), let end = original.range(of: "\nerp:\n") else { throw ServiceHarnessError("no transport section") }
        let transport = "\ntransport:\n  local: { root: \"\(partnerRoot.path)\" }\n  inbound: inbound\n  outbound: outbound\n  archive: archive\n"
        try String(original[..<start.lowerBound] + transport + original[end.lowerBound...])
            .write(to: partners.appendingPathComponent("acme-retail.yaml"), atomically: true, encoding: .utf8)

        let erpStore = ReferenceERPStore(database: try DemoDataSeeder.createDemoDatabase(at: root.appendingPathComponent("erp.sqlite").path))
        erp = try await ReferenceERPServer(store: erpStore, configuration: .init()).start()
        configPath = root.appendingPathComponent("gateway.yaml").path
        try writeConfiguration(extra: extra)
    }

    func writeConfiguration(extra: String = "", intervalSeconds: Double = 1) throws {
        let text = """
            store: gateway.sqlite
            partners: partners
            maps: \(Self.repository.appendingPathComponent("Maps").path)
            erp:
              baseURL: http://127.0.0.1:\(erp.port)
              requestTimeoutSeconds: 5
            http:
              host: 127.0.0.1
              port: 0
            tokens:
              - name: erp-system
                role: erp
                token: env:\(Self.tokenVariable)
              - name: finance-team
                role: finance
                token: env:\(Self.financeVariable)
              - name: ops-team
                role: ops
                token: env:\(Self.opsVariable)
              - name: admin
                role: admin
                token: env:\(Self.adminVariable)
            poll:
              intervalSeconds: \(intervalSeconds)
              leaseSeconds: 10
            \(extra)
            """
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func start() async throws -> Int {
        let settings = try ServiceConfiguration.load(path: configPath)
        let service = try GatewayService(configuration: settings, library: try SchemaLibrary(directory: try XCTUnwrap(SchemaResources.directory)))
        self.service = service
        let running = try await service.start()
        self.running = running
        return running.port
    }

    func stop() async throws {
        try await running?.stop()
        running = nil
    }

    func tearDown() async {
        try? await stop()
        await erp.stop()
        try? await http.shutdown()
        if ProcessInfo.processInfo.environment["EDIGATE_KEEP_TEST_FILES"] == nil { try? FileManager.default.removeItem(at: root) }
    }

    static func with(extra: String = "", _ body: (ServiceHarness) async throws -> Void) async throws {
        let harness = try await ServiceHarness(extra: extra)
        do { try await body(harness) } catch {
            await harness.tearDown()
            throw error
        }
        await harness.tearDown()
    }

    func dropDemoOrder(as name: String = "acme-retail-850.edi") throws {
        try Data(contentsOf: Self.repository.appendingPathComponent("demo/acme-retail-850.edi")).write(to: partnerRoot.appendingPathComponent("inbound/\(name)"))
    }

    /// The demo 850 under another PO number and ISA13/GS06.
    func dropOrder(poNumber: String, interchange: Int) throws {
        var text = try String(contentsOf: Self.repository.appendingPathComponent("demo/acme-retail-850.edi"), encoding: .utf8)
        let control = String(format: "%09d", interchange)
        text = text.replacingOccurrences(of: "*000004711*", with: "*\(control)*").replacingOccurrences(of: "IEA*1*000004711", with: "IEA*1*\(control)")
            .replacingOccurrences(of: "*4711*X*", with: "*\(interchange)*X*").replacingOccurrences(of: "GE*1*4711", with: "GE*1*\(interchange)")
            .replacingOccurrences(of: "PO-88231", with: poNumber)
        try Data(text.utf8).write(to: partnerRoot.appendingPathComponent("inbound/\(poNumber).edi"))
    }

    func outboundFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: partnerRoot.appendingPathComponent("outbound").path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Waits until `condition` holds (polling every 100 ms), failing after `seconds`.
    func wait(_ what: String, seconds: Double = 20, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServiceHarnessError("timed out waiting for \(what)")
    }

    struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    func send(_ method: HTTPMethod, _ path: String, port: Int, body: Data? = nil, headers: [(String, String)] = []) async throws -> Answer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await http.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 8 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
    }

    func demoEvent(_ name: String) throws -> Data {
        try Data(contentsOf: Self.repository.appendingPathComponent("demo/\(name)"))
    }
}

struct ServiceHarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
