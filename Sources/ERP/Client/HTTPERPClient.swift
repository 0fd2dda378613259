import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL

/// The ERP contract (docs/erp-api.yaml) over HTTP with async-http-client.
///
/// Every call is idempotent by construction — lookups change nothing, and orders are PUT by
/// partner + PO number — so every call may be retried. Each attempt has its own timeout;
/// retries back off with full jitter; each endpoint has its own circuit breaker so a broken
/// availability service does not stop pricing; all calls share one concurrency limit.
public final class HTTPERPClient: ERPClient {
    public let connection: ERPConnection
    public let priceCache: PriceCache
    public let tokenProvider: OAuthTokenProvider?
    private let httpClient: HTTPClient
    private let breakers: [ERPEndpoint: CircuitBreaker]
    private let limiter: ConcurrencyLimiter
    private let backoff: RetryBackoff
    private let timeout: TimeAmount
    private let baseURL: String
    private let logger: Logger

    public init(connection: ERPConnection, priceCache: PriceCache = PriceCache(), logger: Logger = Logger(label: "edigate.erp")) throws(ERPError) {
        // URLs, field pairs, limits, and https whenever credentials are sent (except to loopback).
        do { try connection.validate() } catch { throw .configuration(error.description) }
        self.connection = connection
        self.priceCache = priceCache
        self.logger = logger
        baseURL = connection.baseURL.hasSuffix("/") ? String(connection.baseURL.dropLast()) : connection.baseURL
        timeout = Self.timeAmount(connection.requestTimeoutSeconds)
        backoff = RetryBackoff(baseDelaySeconds: connection.retryBaseDelaySeconds, maxDelaySeconds: connection.retryMaxDelaySeconds)
        limiter = ConcurrencyLimiter(limit: connection.maxConcurrentRequests)
        var breakers: [ERPEndpoint: CircuitBreaker] = [:]
        for endpoint in ERPEndpoint.allCases {
            breakers[endpoint] = CircuitBreaker(endpoint: endpoint.rawValue, failureThreshold: connection.breakerFailureThreshold, openDuration: .milliseconds(Int64(connection.breakerOpenSeconds * 1000)))
        }
        self.breakers = breakers

        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: Self.timeAmount(connection.connectTimeoutSeconds), read: timeout)
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connection.maxConcurrentRequests)
        // A refused connection is an answer ("the ERP is down"); AHC would otherwise keep
        // trying until the deadline and turn every outage into a timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.tlsConfiguration = try Self.tlsConfiguration(connection)
        httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)

        if let tokenURL = connection.tokenURL {
            guard let clientId = connection.clientId, let secret = connection.clientSecret else {
                try? httpClient.syncShutdown()
                throw .configuration("tokenURL is set but clientId or clientSecret is missing")
            }
            tokenProvider = OAuthTokenProvider(httpClient: httpClient, tokenURL: tokenURL, clientId: clientId, secret: secret, scope: connection.scope, refreshMargin: .milliseconds(Int64(connection.tokenRefreshMarginSeconds * 1000)), timeout: timeout)
        } else {
            tokenProvider = nil
        }
    }

    /// Must be called before the client is released (async-http-client requires it).
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    public func breaker(for endpoint: ERPEndpoint) -> CircuitBreaker {
        breakers[endpoint]!
    }

    // MARK: - The contract

    public func prices(_ request: PriceRequest, maxCacheAge: Duration) async throws(ERPError) -> PriceResponse {
        var cached: [String: PriceResponse.Result] = [:]
        var missing: [PriceRequest.Line] = []
        for line in request.lines {
            if let hit = priceCache.lookup(PriceCache.key(request, line), maxAge: maxCacheAge) {
                var result = hit
                result.ref = line.ref
                cached[line.ref] = result
            } else {
                missing.append(line)
            }
        }
        var fetched: [String: PriceResponse.Result] = [:]
        if !missing.isEmpty {
            let responses = try await batched(missing) { (lines) async throws(ERPError) -> PriceResponse in
                var partial = request
                partial.lines = lines
                return try await self.send(.prices, method: .POST, path: ERPEndpoint.prices.rawValue, body: partial)
            }
            for result in responses.flatMap(\.results) {
                fetched[result.ref] = result
            }
            for line in missing {
                guard let result = fetched[line.ref] else {
                    throw .malformedResponse(endpoint: ERPEndpoint.prices.rawValue, detail: "no result for line \(line.ref)")
                }
                // Only a complete price is reused: an answer that breaks the contract must not
                // outlive the call that received it.
                if result.status == .priced, result.netUnitPrice != nil, result.itemId != nil {
                    priceCache.store(PriceCache.key(request, line), result)
                }
            }
        }
        let results = request.lines.map { cached[$0.ref] ?? fetched[$0.ref]! }
        return PriceResponse(customerId: request.customerId, results: results)
    }

    public func credit(_ request: CreditRequest) async throws(ERPError) -> CreditResponse {
        try await send(.credit, method: .POST, path: ERPEndpoint.credit.rawValue, body: request)
    }

    public func shipTo(_ request: ShipToRequest) async throws(ERPError) -> ShipToResponse {
        try await send(.shipTo, method: .POST, path: ERPEndpoint.shipTo.rawValue, body: request)
    }

    public func availability(_ request: AvailabilityRequest) async throws(ERPError) -> AvailabilityResponse {
        let responses = try await batched(request.lines) { (lines) async throws(ERPError) -> AvailabilityResponse in
            var partial = request
            partial.lines = lines
            return try await self.send(.availability, method: .POST, path: ERPEndpoint.availability.rawValue, body: partial)
        }
        let response = AvailabilityResponse(warehouse: responses.first?.warehouse, results: responses.flatMap(\.results))
        let answered = Set(response.results.map(\.ref))
        if let missing = request.lines.first(where: { !answered.contains($0.ref) }) {
            throw .malformedResponse(endpoint: ERPEndpoint.availability.rawValue, detail: "no result for line \(missing.ref)")
        }
        return response
    }

    public func submitOrder(_ order: OrderSubmission) async throws(ERPError) -> OrderReceipt {
        let path = "\(ERPEndpoint.orders.rawValue)/\(Self.pathSegment(order.partnerId))/\(Self.pathSegment(order.poNumber))"
        return try await send(.orders, method: .PUT, path: path, body: order)
    }

    public func changeOrder(_ change: OrderChange) async throws(ERPError) -> OrderChangeReceipt {
        let path = "\(ERPEndpoint.orderChanges.rawValue)/\(Self.pathSegment(change.partnerId))/\(Self.pathSegment(change.poNumber))/\(Self.pathSegment(change.changeId))"
        return try await send(.orderChanges, method: .PUT, path: path, body: change)
    }

    public func availabilityChanges(_ request: AvailabilityChangesRequest) async throws(ERPError) -> AvailabilityChanges {
        let answer: AvailabilityChanges = try await send(.availabilityChanges, method: .POST, path: ERPEndpoint.availabilityChanges.rawValue, body: request)
        if let violation = answer.contractViolation(for: request) { throw .malformedResponse(endpoint: ERPEndpoint.availabilityChanges.rawValue, detail: violation) }
        return answer
    }

    public func upsertShipTo(_ upsert: ShipToUpsert) async throws(ERPError) -> ShipToUpsertReceipt {
        let path = "\(ERPEndpoint.shipTos.rawValue)/\(Self.pathSegment(upsert.customerId))/\(Self.pathSegment(upsert.locationCode))"
        let receipt: ShipToUpsertReceipt = try await send(.shipTos, method: .PUT, path: path, body: upsert)
        if let violation = receipt.contractViolation(for: upsert) { throw .malformedResponse(endpoint: ERPEndpoint.shipTos.rawValue, detail: violation) }
        return receipt
    }

    /// Long orders are split into batches of `maxBatchLines`, asked concurrently (the
    /// limiter still bounds them), so one 500-line order neither hits an ERP's request
    /// size limit nor waits for one huge answer.
    private func batched<Line: Sendable, Response: Sendable>(_ lines: [Line], _ call: @escaping @Sendable ([Line]) async throws(ERPError) -> Response) async throws(ERPError) -> [Response] {
        let size = max(1, connection.maxBatchLines)
        if lines.count <= size { return [try await call(lines)] }
        let chunks = stride(from: 0, to: lines.count, by: size).map { Array(lines[$0..<min($0 + size, lines.count)]) }
        let answers = await withTaskGroup(of: (Int, Result<Response, ERPError>).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask { (index, await capture { () async throws(ERPError) in try await call(chunk) }) }
            }
            var collected: [(Int, Result<Response, ERPError>)] = []
            for await answer in group { collected.append(answer) }
            return collected.sorted { $0.0 < $1.0 }
        }
        return try answers.map { (answer) throws(ERPError) -> Response in try answer.1.get() }
    }

    // MARK: - One call: breaker, limiter, retries

    private func send<Body: Encodable & Sendable, Answer: Decodable & Sendable>(_ endpoint: ERPEndpoint, method: HTTPMethod, path: String, body: Body) async throws(ERPError) -> Answer {
        let breaker = breakers[endpoint]!
        let payload: ByteBuffer
        do {
            payload = ByteBuffer(data: try JSONEncoder().encode(body))
        } catch {
            throw .configuration("cannot encode \(Body.self): \(error)")
        }
        var attempt = 1
        while true {
            var retryAfter: Duration?
            do {
                try breaker.admit()
                let answer: Answer = try await limiter.withPermit { () async throws(ERPError) -> Answer in
                    try await self.attempt(endpoint, method: method, path: path, payload: payload, retryAfter: &retryAfter)
                }
                breaker.recordSuccess()
                return answer
            } catch {
                switch error {
                case .circuitOpen:
                    throw error
                case .rejectedRequest:
                    // The ERP answered, so it is up; our request is wrong and will be wrong again.
                    breaker.recordSuccess()
                    throw error
                case .authentication, .configuration:
                    // Says nothing about this endpoint's health; must not leave a half-open
                    // breaker waiting for a trial that never reports.
                    breaker.recordNeutral()
                    throw error
                case .timeout, .transport, .unavailable, .malformedResponse:
                    breaker.recordFailure()
                }
                guard attempt < connection.maxAttempts else { throw error }
                var delay = backoff.delay(beforeRetry: attempt)
                if let retryAfter {
                    // The ERP said when to come back. Longer than this call may wait: give up
                    // now and let the order's hold schedule come back later.
                    if retryAfter > .milliseconds(Int64(connection.retryMaxDelaySeconds * 1000)) { throw error }
                    delay = max(delay, retryAfter)
                }
                logger.debug("ERP call failed; retrying", metadata: ["endpoint": "\(endpoint.rawValue)", "attempt": "\(attempt)", "error": "\(error)", "delayMs": "\(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)"])
                attempt += 1
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    throw .timeout(endpoint: endpoint.rawValue, seconds: connection.requestTimeoutSeconds)
                }
            }
        }
    }

    private func attempt<Answer: Decodable>(_ endpoint: ERPEndpoint, method: HTTPMethod, path: String, payload: ByteBuffer, retryAfter: inout Duration?) async throws(ERPError) -> Answer {
        var token = try await tokenProvider?.token()
        var refusedOnce = false
        while true {
            var request = HTTPClientRequest(url: baseURL + path)
            request.method = method
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Accept", value: "application/json, \(ProblemDetails.mediaType)")
            if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
            request.body = .bytes(payload)

            let response: HTTPClientResponse
            let body: ByteBuffer
            do {
                // One deadline for the whole exchange, body included: async-http-client's own
                // deadline ends at the response head, and an ERP that drips its body would
                // otherwise hold the order (and the partner's poll) for as long as it likes.
                let client = httpClient
                let logger = logger
                let timeout = timeout
                let sentRequest = request
                (response, body) = try await Self.withDeadline(seconds: connection.requestTimeoutSeconds) {
                    let response = try await client.execute(sentRequest, timeout: timeout, logger: logger)
                    return (response, try await response.body.collect(upTo: 16 << 20))
                }
            } catch is DeadlineExceeded {
                throw .timeout(endpoint: endpoint.rawValue, seconds: connection.requestTimeoutSeconds)
            } catch {
                throw Self.classify(error, endpoint: endpoint, timeoutSeconds: connection.requestTimeoutSeconds)
            }

            switch response.status.code {
            case 200..<300:
                do {
                    return try JSONDecoder().decode(Answer.self, from: body)
                } catch {
                    throw .malformedResponse(endpoint: endpoint.rawValue, detail: Self.decodingSummary(error, body: body))
                }
            case 401 where tokenProvider != nil && !refusedOnce:
                // The ERP may have restarted or revoked the token before its expiry: one
                // fresh token, then give up.
                refusedOnce = true
                if let token { await tokenProvider?.invalidate(token) }
                token = try await tokenProvider?.token()
                continue
            case 401, 403:
                throw .authentication(detail: "ERP \(endpoint.rawValue) answered HTTP \(response.status.code)" + (Self.problem(body).map { ": \($0.title)" } ?? ""))
            case 408, 429, 500..<600:
                // Only the delay-seconds form; an HTTP-date Retry-After is rare from APIs.
                if let text = response.headers.first(name: "Retry-After"), let seconds = Int(text.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
                    retryAfter = .seconds(seconds)
                }
                throw .unavailable(endpoint: endpoint.rawValue, status: Int(response.status.code), detail: Self.problem(body)?.detail ?? Self.problem(body)?.title)
            default:
                throw .rejectedRequest(endpoint: endpoint.rawValue, status: Int(response.status.code), problem: Self.problem(body))
            }
        }
    }

    // MARK: - Helpers

    private struct DeadlineExceeded: Error {}

    /// Runs `body`, or throws `DeadlineExceeded` once `seconds` have passed (cancelling it).
    static func withDeadline<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                throw DeadlineExceeded()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw DeadlineExceeded() }
            return first
        }
    }

    static func classify(_ error: any Error, endpoint: ERPEndpoint, timeoutSeconds: Double) -> ERPError {
        if let error = error as? ERPError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout:
                return .timeout(endpoint: endpoint.rawValue, seconds: timeoutSeconds)
            default:
                return .transport(endpoint: endpoint.rawValue, detail: "\(error)")
            }
        }
        return .transport(endpoint: endpoint.rawValue, detail: "\(error)")
    }

    static func problem(_ body: ByteBuffer) -> ProblemDetails? {
        try? JSONDecoder().decode(ProblemDetails.self, from: body)
    }

    static func decodingSummary(_ error: any Error, body: ByteBuffer) -> String {
        let head = String(decoding: body.readableBytesView.prefix(80), as: UTF8.self)
        return "\(type(of: error)) decoding \(body.readableBytes) bytes starting \"\(head)\""
    }

    static func pathSegment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func timeAmount(_ seconds: Double) -> TimeAmount {
        .milliseconds(Int64((seconds * 1000).rounded()))
    }

    static func tlsConfiguration(_ connection: ERPConnection) throws(ERPError) -> TLSConfiguration? {
        guard connection.tlsCertificatePath != nil || connection.tlsKeyPath != nil || connection.tlsCAPath != nil else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let cert = connection.tlsCertificatePath {
                guard let key = connection.tlsKeyPath else { throw ERPError.configuration("tlsCertificatePath without tlsKeyPath") }
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            }
            if let ca = connection.tlsCAPath {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca))
            }
        } catch let error as ERPError {
            throw error
        } catch {
            throw .configuration(ERPConfigurationError.tls("\(error)").description)
        }
        return tls
    }
}
