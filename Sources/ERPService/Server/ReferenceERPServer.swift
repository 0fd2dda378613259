import ERP
import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOFoundationCompat
import NIOSSL
import ServiceLifecycle

/// The reference ERP over HTTP: the contract in docs/erp-api.yaml served from a
/// `ReferenceERPStore` with Hummingbird. `edigate erp serve` runs it; tests and the
/// benchmark start it in-process on loopback.
public final class ReferenceERPServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port; `start` reports the bound one.
        public var port: Int
        /// When set, every contract call needs a bearer token from `POST /oauth/token`.
        public var tokens: TokenIssuer?
        /// Enables `/admin/faults` and `/admin/stats` over HTTP.
        public var faultInjectionRoutes: Bool
        public var logLevel: Logger.Level
        /// HTTPS; with `clientCAPath`, mutual TLS (clients must present a certificate it signed).
        public var tls: ServerTLS?

        public init(host: String = "127.0.0.1", port: Int = 0, tokens: TokenIssuer? = nil, faultInjectionRoutes: Bool = false, logLevel: Logger.Level = .warning, tls: ServerTLS? = nil) {
            self.host = host
            self.port = port
            self.tokens = tokens
            self.faultInjectionRoutes = faultInjectionRoutes
            self.logLevel = logLevel
            self.tls = tls
        }
    }

    public struct ServerTLS: Sendable, Hashable {
        public var certificatePath: String
        public var keyPath: String
        public var clientCAPath: String?

        public init(certificatePath: String, keyPath: String, clientCAPath: String? = nil) {
            self.certificatePath = certificatePath
            self.keyPath = keyPath
            self.clientCAPath = clientCAPath
        }

        func configuration() throws -> TLSConfiguration {
            var tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certificatePath).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem))
            )
            // A peer that drops the connection without close_notify (a failed client
            // handshake) would otherwise hold a graceful stop for NIOSSL's default 5 s.
            tls.shutdownTimeout = .seconds(1)
            if let clientCAPath {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(clientCAPath))
                // Clients are identified by certificate, not by host name.
                tls.certificateVerification = .noHostnameVerification
            }
            return tls
        }
    }

    public let store: ReferenceERPStore
    public let configuration: Configuration
    public let faults = FaultInjection()
    public let statistics = CallStatistics()

    public init(store: ReferenceERPStore, configuration: Configuration) {
        self.store = store
        self.configuration = configuration
    }

    /// Serves until the task is cancelled or the process is signalled; `onRunning` gets the
    /// bound port.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await serviceGroup(handlesSignals: true, onRunning: onRunning).run()
    }

    private func serviceGroup(handlesSignals: Bool, onRunning: @escaping @Sendable (Int) async -> Void) throws -> ServiceGroup {
        var logger = Logger(label: "edigate.erp.reference")
        logger.logLevel = configuration.logLevel
        let app = Application(
            router: makeRouter(),
            server: try configuration.tls.map { try .tls(.http1(), tlsConfiguration: try $0.configuration()) } ?? .http1(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "edigate-reference-erp"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        // In-process (tests, benchmark) the host process owns the signals.
        if handlesSignals {
            return ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        }
        return ServiceGroup(configuration: .init(services: [app], logger: logger))
    }

    /// Starts in a background task and returns once the port is bound.
    public func start() async throws -> RunningReferenceERP {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let group = try serviceGroup(handlesSignals: false) { port in continuation.yield(port) }
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            _ = try await task.value
            throw ReferenceERPError.invalidRequest("server stopped before binding")
        }
        return RunningReferenceERP(server: self, port: port, group: group, task: task)
    }

    // MARK: - Routes

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/oauth/token") { request, context in
            try await self.token(request, context)
        }
        contract(router, .post, ERPEndpoint.prices.rawValue) { (body: PriceRequest, _) in try self.store.prices(body) }
        contract(router, .post, ERPEndpoint.credit.rawValue) { (body: CreditRequest, _) in try self.store.credit(body) }
        contract(router, .post, ERPEndpoint.shipTo.rawValue) { (body: ShipToRequest, _) in try self.store.shipTo(body) }
        contract(router, .post, ERPEndpoint.availability.rawValue) { (body: AvailabilityRequest, _) in try self.store.availability(body) }
        contract(router, .post, ERPEndpoint.availabilityChanges.rawValue) { (body: AvailabilityChangesRequest, _) in try self.store.availabilityChanges(body) }
        contract(router, .put, ERPEndpoint.orders.rawValue + "/:partner/:po", statsName: ERPEndpoint.orders.rawValue) { (body: OrderSubmission, context: BasicRequestContext) in
            let partner = context.parameters.get("partner") ?? ""
            let po = context.parameters.get("po") ?? ""
            return try self.store.submit(body, partnerId: partner.removingPercentEncoding ?? partner, poNumber: po.removingPercentEncoding ?? po)
        }
        contract(router, .put, ERPEndpoint.orderChanges.rawValue + "/:partner/:po/:change", statsName: ERPEndpoint.orderChanges.rawValue) { (body: OrderChange, context: BasicRequestContext) in
            func path(_ name: String) -> String {
                let raw = context.parameters.get(name) ?? ""
                return raw.removingPercentEncoding ?? raw
            }
            return try self.store.change(body, partnerId: path("partner"), poNumber: path("po"), changeId: path("change"))
        }
        contract(router, .put, ERPEndpoint.shipTos.rawValue + "/:customer/:location", statsName: ERPEndpoint.shipTos.rawValue) { (body: ShipToUpsert, context: BasicRequestContext) in
            func path(_ name: String) -> String {
                let raw = context.parameters.get(name) ?? ""
                return raw.removingPercentEncoding ?? raw
            }
            return try self.store.upsertShipTo(body, customerId: path("customer"), locationCode: path("location"))
        }
        router.get("/health") { _, _ in
            Self.json(["status": "ok"])
        }
        if configuration.faultInjectionRoutes {
            router.post("/admin/faults") { request, context in
                var request = request
                let body = try await request.collectBody(upTo: 1 << 16)
                guard let plan = try? JSONDecoder().decode(FaultInjection.Plan.self, from: body) else {
                    return Self.problem(ProblemDetails(title: "Invalid fault plan", status: 400))
                }
                self.faults.set(plan)
                return Self.json(plan)
            }
            router.delete("/admin/faults") { _, _ in
                self.faults.clear()
                return Response(status: .noContent)
            }
            router.get("/admin/stats") { _, _ in
                Self.json(self.statistics.all.merging(["tokensIssued": self.configuration.tokens?.issuedCount ?? 0]) { a, _ in a })
            }
        }
        return router
    }

    private enum Method { case post, put }

    /// One contract endpoint: statistics, injected faults, bearer check, JSON in and out,
    /// problem documents for every refusal.
    private func contract<Body: Decodable & Sendable, Answer: Encodable & Sendable>(_ router: Router<BasicRequestContext>, _ method: Method, _ path: String, statsName: String? = nil, _ handler: @escaping @Sendable (Body, BasicRequestContext) throws -> Answer) {
        let name = statsName ?? path
        let respond: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, context in
            self.statistics.record(name)
            let (delay, action) = self.faults.next(for: name)
            if delay > .zero { try await Task.sleep(for: delay) }
            switch action {
            case .answer: break
            case .fail(let status, let retryAfter):
                var response = Self.problem(ProblemDetails(type: "https://edigate.dev/problems/injected-fault", title: "Injected fault", status: status, detail: "fault injection answered \(status) for \(name)"))
                if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
                return response
            case .malformed:
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "<html><body>502 Bad Gateway</body></html>")))
            }
            if let tokens = self.configuration.tokens {
                let header = request.headers[.authorization] ?? ""
                guard header.hasPrefix("Bearer "), tokens.isValid(String(header.dropFirst(7))) else {
                    var response = Self.problem(ProblemDetails(title: "Unauthorized", status: 401, detail: header.isEmpty ? "bearer token required" : "token unknown or expired"))
                    response.headers[.wwwAuthenticate] = "Bearer"
                    return response
                }
            }
            var request = request
            let bytes = try await request.collectBody(upTo: 16 << 20)
            let body: Body
            do {
                body = try JSONDecoder().decode(Body.self, from: bytes)
            } catch {
                return Self.problem(ProblemDetails(type: "https://edigate.dev/problems/invalid-request", title: "Invalid request body", status: 400, detail: "\(error)"))
            }
            do {
                let answer = try handler(body, context)
                var data = try JSONEncoder().encode(answer)
                if let kind = self.faults.contractBreak(for: name) { data = FaultInjection.breakContract(data, kind) }
                if let interval = self.faults.drip(for: name) { return Self.drip(data, every: interval) }
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: data)))
            } catch let error as ReferenceERPError {
                return Self.problem(error.problem)
            } catch {
                return Self.problem(ProblemDetails(title: "Internal error", status: 500, detail: "\(error)"))
            }
        }
        switch method {
        case .post: router.post(RouterPath(path), use: respond)
        case .put: router.put(RouterPath(path), use: respond)
        }
    }

    private func token(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        guard let tokens = configuration.tokens else {
            return Self.problem(ProblemDetails(title: "Token endpoint disabled", status: 404))
        }
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: 1 << 16))
        var form: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        guard form["grant_type"] == "client_credentials" else {
            return Self.oauthError("unsupported_grant_type", status: .badRequest)
        }
        // RFC 6749 §2.3.1: HTTP Basic is the standard way; form fields are also allowed.
        var id = form["client_id"], secret = form["client_secret"]
        if let header = request.headers[.authorization], header.hasPrefix("Basic "),
           let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
           let colon = decoded.firstIndex(of: ":") {
            id = String(decoded[..<colon]).removingPercentEncoding
            secret = String(decoded[decoded.index(after: colon)...]).removingPercentEncoding
        }
        guard let id, let secret, let token = tokens.issue(clientId: id, clientSecret: secret) else {
            return Self.oauthError("invalid_client", status: .unauthorized)
        }
        return Self.json(TokenResponse(accessToken: token, expiresIn: Int(tokens.lifetime.components.seconds)))
    }

    static func oauthError(_ code: String, status: HTTPResponse.Status) -> Response {
        var response = json(["error": code])
        response.status = status
        return response
    }

    static func json(_ value: some Encodable) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// Headers now, then the body a byte at a time: what a client's deadline must cover.
    static func drip(_ data: Data, every interval: Duration) -> Response {
        let bytes = [UInt8](data)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(contentLength: bytes.count) { writer in
            for byte in bytes {
                try await writer.write(ByteBuffer(bytes: [byte]))
                try await Task.sleep(for: interval)
            }
            try await writer.finish(nil)
        })
    }

    static func problem(_ problem: ProblemDetails) -> Response {
        let data = (try? JSONEncoder().encode(problem)) ?? Data()
        return Response(status: .init(code: problem.status), headers: [.contentType: ProblemDetails.mediaType], body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
