import Documents
import ERP
import Foundation
import Secrets

/// Orders validated per second against the reference service over loopback HTTP, with the
/// price cache cold (every order prices every line) and warm (prices answered from cache).
public struct ValidationBenchmark: Sendable {
    public struct Result: Sendable {
        public var label: String
        public var orders: Int
        public var linesPerOrder: Int
        public var seconds: Double
        public var decided: Int
        public var held: Int
        public var callsPerOrder: Double

        public var ordersPerSecond: Double { Double(orders) / seconds }
    }

    public var orders: Int
    public var linesPerOrder: Int
    public var concurrency: Int

    public init(orders: Int = 2000, linesPerOrder: Int = 20, concurrency: Int = 16) {
        self.orders = orders
        self.linesPerOrder = linesPerOrder
        self.concurrency = concurrency
    }

    /// Order `n`: catalog items in a rotating window, five quantity steps, the list price
    /// (so some lines hit a tier or contract and come back IP — the decision path runs too).
    public func order(_ n: Int) -> PurchaseOrder {
        let lines = (0..<linesPerOrder).map { j -> PurchaseOrder.Line in
            let k = (n + j) % DemoDataSeeder.catalogSize + 1
            let list = Decimal(100 + 37 * k) / 100
            return PurchaseOrder.Line(lineNumber: String(j + 1), quantity: Decimal(10 * (1 + (n + j) % 5)), uom: "EA", unitPrice: list, vendorPartNumber: DemoDataSeeder.catalogItemId(k))
        }
        return PurchaseOrder(poNumber: "BENCH-\(n)", poDate: DemoDataSeeder.referenceDate, currency: "USD", shipTo: Party(id: "0003947268292", idQualifier: "92", name: "XYZ RETAIL DC 1"), lines: lines)
    }

    public func run(workDirectory: String, log: @Sendable (String) -> Void = { _ in }) async throws -> [Result] {
        let path = workDirectory + "/bench-erp.sqlite"
        try? FileManager.default.removeItem(atPath: path)
        let database = try DemoDataSeeder.createDemoDatabase(at: path)
        let tokens = TokenIssuer(clientId: "edigate", clientSecret: "bench-secret", lifetime: .seconds(3600))
        let server = ReferenceERPServer(store: ReferenceERPStore(database: database), configuration: .init(tokens: tokens))
        let running = try await server.start()
        defer { Task { await running.stop() } }
        setenv("EDIGATE_BENCH_ERP_SECRET", "bench-secret", 1)
        let connection = ERPConnection(baseURL: running.baseURL, tokenURL: running.baseURL + "/oauth/token", clientId: "edigate", clientSecret: SecretReference(.environment("EDIGATE_BENCH_ERP_SECRET")), maxConcurrentRequests: concurrency * 2)
        let client = try HTTPERPClient(connection: connection)
        let account = PartnerAccount(partnerId: "XYZRETAIL", customerId: "C1001")
        let validator = OrderValidator(client: client)
        var results: [Result] = []
        do {
            // Warm-up: connections, token, SQLite statement caches — not measured.
            _ = try await pass(label: "warm-up", validator: validator, server: server, account: account, policy: ValidationPolicy(priceCacheTTLSeconds: 0), count: min(200, orders))
            results.append(try await pass(label: "cold cache (TTL 0)", validator: validator, server: server, account: account, policy: ValidationPolicy(priceCacheTTLSeconds: 0), count: orders))
            log(describe(results.last!))
            // Priming fills the cache with every (item, quantity) the measured pass will ask.
            _ = try await pass(label: "prime", validator: validator, server: server, account: account, policy: ValidationPolicy(priceCacheTTLSeconds: 600), count: min(orders, DemoDataSeeder.catalogSize * 5))
            results.append(try await pass(label: "warm cache (TTL 600 s)", validator: validator, server: server, account: account, policy: ValidationPolicy(priceCacheTTLSeconds: 600), count: orders))
            log(describe(results.last!))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        await running.stop()
        return results
    }

    private func pass(label: String, validator: OrderValidator, server: ReferenceERPServer, account: PartnerAccount, policy: ValidationPolicy, count: Int) async throws -> Result {
        let callsBefore = server.statistics.all.values.reduce(0, +)
        let started = ContinuousClock.now
        var decided = 0, held = 0
        try await withThrowingTaskGroup(of: Bool.self) { group in
            var next = 0
            func add() {
                let order = self.order(next)
                next += 1
                group.addTask { await validator.validate(order, account: account, policy: policy, today: DemoDataSeeder.referenceDate).acknowledgment != nil }
            }
            while next < min(concurrency, count) { add() }
            while let ok = try await group.next() {
                if ok { decided += 1 } else { held += 1 }
                if next < count { add() }
            }
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let calls = server.statistics.all.values.reduce(0, +) - callsBefore
        return Result(label: label, orders: count, linesPerOrder: linesPerOrder, seconds: seconds, decided: decided, held: held, callsPerOrder: Double(calls) / Double(count))
    }

    public func describe(_ r: Result) -> String {
        String(format: "%@: %d orders × %d lines in %.2f s = %.0f orders/s (%.0f lines/s), %.2f ERP calls/order, %d decided, %d held", r.label, r.orders, r.linesPerOrder, r.seconds, r.ordersPerSecond, r.ordersPerSecond * Double(r.linesPerOrder), r.callsPerOrder, r.decided, r.held)
    }
}
