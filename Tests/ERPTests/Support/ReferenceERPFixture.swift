import Documents
import ERP
import ERPService
import Foundation
import XCTest
import Secrets

/// A reference ERP on 127.0.0.1 (port 0) with a fresh demo database in a temp directory,
/// and an HTTP client pointed at it. Nothing is mocked: calls cross real loopback HTTP.
final class ReferenceERPFixture: @unchecked Sendable {
    let directory: String
    let store: ReferenceERPStore
    let tokens: TokenIssuer?
    private(set) var server: ReferenceERPServer
    private(set) var running: RunningReferenceERP?
    let port: Int
    private(set) var clients: [HTTPERPClient] = []

    static let secretVariable = "EDIGATE_TEST_ERP_SECRET"
    static let secret = "s3cret-for-tests"

    let tls: ReferenceERPServer.ServerTLS?

    init(tokenLifetime: Duration? = nil, tls: ReferenceERPServer.ServerTLS? = nil) async throws {
        self.tls = tls
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("erp-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = ReferenceERPStore(database: try DemoDataSeeder.createDemoDatabase(at: directory + "/erp.sqlite"))
        tokens = tokenLifetime.map { TokenIssuer(clientId: "edigate-test", clientSecret: Self.secret, lifetime: $0) }
        setenv(Self.secretVariable, Self.secret, 1)
        server = ReferenceERPServer(store: store, configuration: .init(tokens: tokens, faultInjectionRoutes: true, tls: tls))
        let running = try await server.start()
        self.running = running
        port = running.port
    }

    var baseURL: String { "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)" }

    /// A connection with short timeouts so failure tests stay fast.
    func connection(_ adjust: (inout ERPConnection) -> Void = { _ in }) -> ERPConnection {
        var c = ERPConnection(baseURL: baseURL, requestTimeoutSeconds: 2, connectTimeoutSeconds: 1, maxAttempts: 2, retryBaseDelaySeconds: 0.02, retryMaxDelaySeconds: 0.05, breakerFailureThreshold: 50, breakerOpenSeconds: 0.5)
        if tokens != nil {
            c.tokenURL = baseURL + "/oauth/token"
            c.clientId = "edigate-test"
            c.clientSecret = SecretReference(.environment(Self.secretVariable))
        }
        adjust(&c)
        return c
    }

    func client(_ adjust: (inout ERPConnection) -> Void = { _ in }) throws -> HTTPERPClient {
        let client = try HTTPERPClient(connection: connection(adjust))
        clients.append(client)
        return client
    }

    func validator(_ adjust: (inout ERPConnection) -> Void = { _ in }) throws -> OrderValidator {
        OrderValidator(client: try client(adjust))
    }

    func stopServer() async {
        await running?.stop()
        running = nil
    }

    /// A new server on the same port and database, as after an ERP restart.
    func restartServer() async throws {
        server = ReferenceERPServer(store: store, configuration: .init(port: port, tokens: tokens, faultInjectionRoutes: true, tls: tls))
        running = try await server.start()
    }

    func tearDown() async {
        for client in clients { try? await client.shutdown() }
        await stopServer()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Runs `body` with a fixture and always tears it down (XCTest has no async defer).
func withReferenceERP(tokenLifetime: Duration? = nil, tls: ReferenceERPServer.ServerTLS? = nil, _ body: (ReferenceERPFixture) async throws -> Void) async throws {
    let fixture = try await ReferenceERPFixture(tokenLifetime: tokenLifetime, tls: tls)
    do {
        try await body(fixture)
    } catch {
        await fixture.tearDown()
        throw error
    }
    await fixture.tearDown()
}

enum Orders {
    static let xyz = PartnerAccount(partnerId: "XYZRETAIL", customerId: "C1001")
    static let northwind = PartnerAccount(partnerId: "NORTHWIND", customerId: "C1002")
    static let blueRidge = PartnerAccount(partnerId: "BLUERIDGE", customerId: "C1003")
    static let today = DemoDataSeeder.referenceDate

    static let xyzDC = Party(id: "0003947268292", idQualifier: "92", name: "XYZ RETAIL")

    /// XYZ RETAIL's bundled sample 850 (node-x12__850.edi): contract prices, all in stock.
    static func xyzSample(po: String = "08292233294") -> PurchaseOrder {
        PurchaseOrder(poNumber: po, poDate: today, currency: "USD", shipTo: xyzDC, lines: [
            line("1", 120, "EA", "9.25", buyer: "065322-117", vendor: "AB3542"),
            line("2", 220, "EA", "13.79", buyer: "066850-116", vendor: "RD5322"),
            line("3", 126, "EA", "10.99", buyer: "060733-110", vendor: "XY5266"),
            line("4", 76, "EA", "4.35", buyer: "065308-116", vendor: "VX2332"),
            line("5", 72, "EA", "7.5", buyer: "065374-118", vendor: "RV0524"),
        ])
    }

    static func single(_ vendor: String, _ quantity: Decimal, _ uom: String, price: String?, po: String = "PO-1", date: String = today, shipTo: Party? = xyzDC, currency: String? = "USD") -> PurchaseOrder {
        PurchaseOrder(poNumber: po, poDate: date, currency: currency, shipTo: shipTo, lines: [line("1", quantity, uom, price, vendor: vendor)])
    }

    static func line(_ number: String, _ quantity: Decimal, _ uom: String, _ price: String?, buyer: String? = nil, vendor: String? = nil, gtin: String? = nil) -> PurchaseOrder.Line {
        PurchaseOrder.Line(lineNumber: number, quantity: quantity, uom: uom, unitPrice: price.map { Decimal(string: $0)! }, buyerPartNumber: buyer, vendorPartNumber: vendor, gtin: gtin)
    }
}

func decimal(_ text: String) -> Decimal { Decimal(string: text)! }

extension ValidationOutcome {
    func decided(file: StaticString = #filePath, line: UInt = #line) throws -> ValidatedOrder {
        guard case .decided(let order) = self else {
            XCTFail("expected a decision, got \(self)", file: file, line: line)
            throw UnexpectedOutcome(outcome: self)
        }
        return order
    }
}

struct UnexpectedOutcome: Error {
    var outcome: ValidationOutcome
}
