import Console
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Store

/// The service's HTTP surface: ERP events in (`POST /v1/shipments`, `POST /v1/invoices`,
/// docs/gateway-api.yaml), `/health`, `/ready`, `/metrics`, and the ops console.
struct GatewayHTTPAPI: Sendable {
    let store: GatewayStore
    let events: ERPEventHandler
    let items: ItemDocumentService
    let tokens: APITokens
    let allowedHosts: [String]
    let metrics: GatewayMetrics
    let console: ConsoleServer
    let windows: @Sendable () -> [String: AcknowledgmentWindows]
    let now: @Sendable () -> Date
    /// Served over TLS: the session cookie is `Secure`.
    var secure = false
    let sessions = ConsoleSessions()

    static let idempotencyHeader = "Idempotency-Key"

    func router(logger: Logger) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SecurityHeaders(secure: secure))
        router.add(middleware: ProblemResponseMiddleware(logger: logger))
        router.add(middleware: HostAllowList(allowed: allowedHosts))
        router.add(middleware: AccessControl(tokens: tokens, sessions: sessions, now: now))
        ConsoleLogin.register(on: router, tokens: tokens, sessions: sessions, secure: secure, now: now)
        router.get("/health") { _, _ in Self.json(["status": "ok"]) }
        router.get("/ready") { _, _ in
            // Ready when the store answers (the configuration is loaded before the server starts).
            do {
                _ = try await store.pendingOutbound(partner: "\u{0}")
                return Self.json(["status": "ready"])
            } catch {
                throw ConsoleProblem(title: "Not ready", status: 503, detail: "the store does not answer: \(error)")
            }
        }
        router.get("/metrics") { _, _ in
            if let status = try? await store.partnerStatus(windows: windows(), now: now()) { metrics.record(status) }
            if let path = store.path, let free = DiskSpace.available(at: path) { metrics.storeSpace(freeBytes: free) }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        for kind in [ERPEventHandler.Kind.shipments, .invoices] {
            router.post("/v1/\(kind.rawValue)") { request, context in try await event(kind, request) }
        }
        for kind in ItemDocumentService.Kind.allCases {
            router.post(RouterPath(stringLiteral: kind.eventPath)) { request, _ in
                var request = request
                let body: ByteBuffer
                do { body = try await request.collectBody(upTo: ERPEventHandler.maxBodyBytes * 8) } catch {
                    throw ConsoleProblem(title: "Body too large", status: 413, detail: "at most \(ERPEventHandler.maxBodyBytes * 8) bytes")
                }
                let answer = await items.event(kind, body: Array(body.readableBytesView), caller: AuditCaller.name ?? "anonymous")
                return Self.response(status: answer.status, body: answer.body, problem: answer.isProblem)
            }
        }
        console.registerRoutes(on: router)
        return router
    }

    /// One ERP event, with the caller's token checked and its Idempotency-Key honoured: the
    /// same key with the same body gets the first answer again; with another body, a 422.
    private func event(_ kind: ERPEventHandler.Kind, _ request: Request) async throws -> Response {
        // AccessControl let only erp and admin callers (or anyone, without tokens) this far.
        let caller = AuditCaller.name ?? "anonymous"
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: ERPEventHandler.maxBodyBytes) } catch {
            throw ConsoleProblem(title: "Body too large", status: 413, detail: "at most \(ERPEventHandler.maxBodyBytes) bytes")
        }
        let bytes = Array(body.readableBytesView)
        let endpoint = "/v1/\(kind.rawValue)"
        let partner = request.uri.queryParameters.get("partner")
        let correction = request.uri.queryParameters.get("correction") == "true"
        let key = request.headers[HTTPField.Name(Self.idempotencyHeader)!]
        let fingerprint = ContentDigest.sha256(Array((partner ?? "").utf8) + [0, correction ? 1 : 0] + bytes)
        if let key {
            guard !key.isEmpty, key.utf8.count <= 200 else { throw ConsoleProblem(title: "Bad Idempotency-Key", status: 400, detail: "1 to 200 bytes") }
            if let stored = try await store.storedResponse(endpoint: endpoint, key: key) {
                guard stored.requestSHA256 == fingerprint else {
                    throw ConsoleProblem(type: "https://edigate.dev/problems/idempotency-key-reused", title: "Idempotency-Key reused", status: 422,
                                         detail: "key \(key) was first used with another body or partner")
                }
                var response = Self.response(status: stored.status, body: stored.body, problem: stored.status >= 400)
                response.headers[HTTPField.Name("Idempotent-Replayed")!] = "true"
                return response
            }
        }
        let answer = await events.handle(kind, partner: partner, body: bytes, caller: caller, correction: correction)
        // Final answers are kept; a 5xx is not (the same call later may succeed).
        if let key, answer.status < 500 {
            try await store.storeResponse(endpoint: endpoint, key: key, requestSHA256: fingerprint, status: answer.status, body: answer.body, caller: caller, at: now())
        }
        return Self.response(status: answer.status, body: answer.body, problem: answer.isProblem)
    }

    static func response(status: Int, body: Data, problem: Bool) -> Response {
        Response(status: .init(code: status), headers: [.contentType: problem ? ConsoleProblem.mediaType : "application/json", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func json(_ value: [String: String]) -> Response {
        response(status: 200, body: ERPEventHandler.json(value), problem: false)
    }
}

/// Requests whose Host is not in the configured list are refused (a DNS-rebinding page would
/// otherwise reach a loopback service through the browser). An empty list allows any.
struct HostAllowList<Context: RequestContext>: RouterMiddleware {
    let allowed: [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !allowed.isEmpty else { return try await next(request, context) }
        let host = (request.head.authority ?? "").split(separator: ":").first.map(String.init) ?? ""
        guard allowed.contains(host.lowercased()) else {
            throw ConsoleProblem(title: "Host not allowed", status: 403, detail: "Host '\(host)' is not one of this gateway's names")
        }
        return try await next(request, context)
    }
}
