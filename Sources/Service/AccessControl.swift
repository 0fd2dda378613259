import Console
import Crypto
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import NIOCore
import Store

/// Log-in sessions of the browser console: a random id in an HttpOnly, SameSite=Strict cookie,
/// the token's name and role, a CSRF token every change must echo, and an expiry.
final class ConsoleSessions: @unchecked Sendable {
    struct Session: Sendable {
        let name: String
        let role: ServiceConfiguration.Token.Role
        let csrf: String
        let expires: Date
    }

    static let cookie = "edigate_session"
    static let lifetime: TimeInterval = 8 * 3600
    private let lock = NSLock()
    private var sessions: [String: Session] = [:]

    func open(name: String, role: ServiceConfiguration.Token.Role, now: Date) -> (id: String, session: Session) {
        let id = Self.random()
        let session = Session(name: name, role: role, csrf: Self.random(), expires: now.addingTimeInterval(Self.lifetime))
        lock.withLock {
            sessions = sessions.filter { $0.value.expires > now }
            sessions[id] = session
        }
        return (id, session)
    }

    func session(_ id: String, now: Date) -> Session? {
        lock.withLock { sessions[id].flatMap { $0.expires > now ? $0 : nil } }
    }

    func close(_ id: String) {
        lock.withLock { _ = sessions.removeValue(forKey: id) }
    }

    private static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// Who may call what, once tokens are configured: a bearer token (scripts, the ERP) or a
/// console session (a browser), each with a role. The table is the whole policy:
///
/// | route | erp | ops | finance | admin |
/// |---|---|---|---|---|
/// | `POST /v1/shipments`, `POST /v1/invoices`, `POST /v1/inventory-events`, `POST /v1/price-events` | yes | | | yes |
/// | the console page, `/api/summary`, documents, acknowledgments, audit, traces (read) | | yes | yes | yes |
/// | `POST /api/inbound/{id}/retry`, `POST /api/outbound/{id}/replay` | | yes | | yes |
/// | `POST /api/ship-to-changes/{id}/approve`, `…/reject` (816 locations) | | yes | yes | yes |
/// | `/api/invoices` (the invoice audit) | | | yes | yes |
/// | `/metrics` | | yes | | yes |
///
/// `/health`, `/ready`, `/login` and `/console.js` are open. A change made through a session
/// must carry its CSRF token (`X-CSRF-Token`). Every change runs with the caller's token name
/// as `AuditCaller`, so its audit entries say who.
struct AccessControl<Context: RequestContext>: RouterMiddleware {
    typealias Role = ServiceConfiguration.Token.Role
    let tokens: APITokens
    let sessions: ConsoleSessions
    let now: @Sendable () -> Date

    static var openPaths: Set<String> { ["/health", "/ready", "/login", "/console.js", "/document.js"] }

    /// The roles allowed for a request, by method and path.
    static func roles(method: HTTPRequest.Method, path: String) -> Set<Role> {
        let read: Set<Role> = [.ops, .finance, .admin]
        switch (method, path) {
        case (.post, "/v1/shipments"), (.post, "/v1/invoices"), (.post, "/v1/inventory-events"), (.post, "/v1/price-events"): return [.erp, .admin]
        case (.post, "/logout"), (.get, "/api/session"): return Set(Role.allCases)
        case (.get, "/metrics"): return [.ops, .admin]
        case (.get, _) where path.hasPrefix("/api/invoices"): return [.finance, .admin]
        case (.post, _) where path.hasPrefix("/api/inbound/") && path.hasSuffix("/retry"): return [.ops, .admin]
        case (.post, _) where path.hasPrefix("/api/outbound/") && path.hasSuffix("/replay"): return [.ops, .admin]
        case (.post, _) where path.hasPrefix("/api/ship-to-changes/") && (path.hasSuffix("/approve") || path.hasSuffix("/reject")): return [.ops, .finance, .admin]
        case (.get, _): return read
        default: return [.admin]
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard !tokens.isEmpty, !Self.openPaths.contains(path) else { return try await next(request, context) }
        var caller: (name: String, role: Role, csrf: String?)?
        if let entry = tokens.caller(bearer: request.headers[.authorization]) {
            caller = (entry.name, entry.role, nil)
        } else if let id = Self.cookie(request), let session = sessions.session(id, now: now()) {
            caller = (session.name, session.role, session.csrf)
        }
        guard let caller else {
            if request.method == .get, path == "/" {
                return Response(status: .seeOther, headers: [.location: "/login"])
            }
            throw ConsoleProblem(title: "Unauthorized", status: 401, detail: "a bearer token or a console session is required")
        }
        guard Self.roles(method: request.method, path: path).contains(caller.role) else {
            throw ConsoleProblem(title: "Forbidden", status: 403, detail: "\(caller.name) (role \(caller.role.rawValue)) may not \(request.method) \(path)")
        }
        if let csrf = caller.csrf, request.method != .get, request.method != .head {
            guard request.headers[HTTPField.Name("X-CSRF-Token")!] == csrf else {
                throw ConsoleProblem(title: "Forbidden", status: 403, detail: "a change from the console must carry the session's X-CSRF-Token")
            }
        }
        // Prices and amounts are finance's (and admin's); the buyer's names and addresses are not
        // the ERP token's business.
        let masking = ConsoleMasking(prices: ![.finance, .admin].contains(caller.role), parties: caller.role == .erp)
        return try await AuditCaller.$name.withValue(caller.name) {
            try await ConsoleMasking.$current.withValue(masking) { try await next(request, context) }
        }
    }

    static func cookie(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == ConsoleSessions.cookie { return String(pair[1]) }
            }
        }
        return nil
    }
}

/// `/login`, `/logout` and `/api/session` for the browser console.
enum ConsoleLogin {
    static let page = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>EDIGate: log in</title></head>
        <body style="font: 14px system-ui, sans-serif; margin: 2em">
        <h1>EDIGate console</h1>
        <form method="post" action="/login"><label>API token <input type="password" name="token" autocomplete="current-password" required></label>
        <button type="submit">Log in</button></form></body></html>
        """

    static func register(on router: Router<BasicRequestContext>, tokens: APITokens, sessions: ConsoleSessions, secure: Bool, now: @escaping @Sendable () -> Date) {
        router.get("/login") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        router.post("/login") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 4096)
            let form = String(buffer: body)
            let token = form.split(separator: "&").compactMap { pair -> String? in
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0] == "token" else { return nil }
                return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }.first ?? ""
            guard let entry = tokens.caller(bearer: "Bearer " + token), entry.role != .erp else {
                throw ConsoleProblem(title: "Unauthorized", status: 401, detail: "unknown token, or one that may not use the console")
            }
            let (id, _) = sessions.open(name: entry.name, role: entry.role, now: now())
            let cookie = "\(ConsoleSessions.cookie)=\(id); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(ConsoleSessions.lifetime))" + (secure ? "; Secure" : "")
            return Response(status: .seeOther, headers: [.location: "/", .setCookie: cookie, .cacheControl: "no-store"])
        }
        router.post("/logout") { request, _ -> Response in
            if let id = AccessControl<BasicRequestContext>.cookie(request) { sessions.close(id) }
            return Response(status: .seeOther, headers: [.location: "/login", .setCookie: "\(ConsoleSessions.cookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"])
        }
        router.get("/api/session") { request, _ -> Response in
            guard let id = AccessControl<BasicRequestContext>.cookie(request), let session = sessions.session(id, now: now()) else {
                throw ConsoleProblem(title: "Not found", status: 404, detail: "no console session (a bearer token has no CSRF token to use)")
            }
            return GatewayHTTPAPI.json(["name": session.name, "role": session.role.rawValue, "csrf": session.csrf])
        }
    }
}
