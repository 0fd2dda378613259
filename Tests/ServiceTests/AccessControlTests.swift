import Foundation
import NIOHTTP1
import XCTest

/// Who may do what on `edigate serve`'s HTTP server, as a table: every role against every
/// endpoint, over real HTTP; the browser log-in with its cookie and CSRF token; the headers on
/// every answer; a foreign Host.
final class AccessControlTests: XCTestCase {
    private enum Caller: String, CaseIterable {
        case nobody, erp, ops, finance, admin
        var header: [(String, String)] {
            switch self {
            case .nobody: return []
            case .erp: return [("Authorization", "Bearer \(ServiceHarness.token)")]
            case .ops: return [("Authorization", "Bearer \(ServiceHarness.opsToken)")]
            case .finance: return [("Authorization", "Bearer \(ServiceHarness.financeToken)")]
            case .admin: return [("Authorization", "Bearer \(ServiceHarness.adminToken)")]
            }
        }
    }

    /// (method, path, who gets in). Everyone else: 401 without a token, 403 with one.
    private let matrix: [(HTTPMethod, String, Set<Caller>)] = [
        (.GET, "/health", [.nobody, .erp, .ops, .finance, .admin]),
        (.GET, "/ready", [.nobody, .erp, .ops, .finance, .admin]),
        (.GET, "/metrics", [.ops, .admin]),
        (.GET, "/api/summary", [.ops, .finance, .admin]),
        (.GET, "/api/inbound", [.ops, .finance, .admin]),
        (.GET, "/api/outbound", [.ops, .finance, .admin]),
        (.GET, "/api/acknowledgments", [.ops, .finance, .admin]),
        (.GET, "/api/audit/verify", [.ops, .finance, .admin]),
        (.GET, "/api/invoices", [.finance, .admin]),
        (.POST, "/api/inbound/1/retry", [.ops, .admin]),
        (.POST, "/api/outbound/1/replay", [.ops, .admin]),
        (.POST, "/v1/shipments?partner=acme-retail", [.erp, .admin]),
        (.POST, "/v1/invoices?partner=acme-retail", [.erp, .admin]),
        (.POST, "/v1/inventory-events", [.erp, .admin]),
        (.POST, "/v1/price-events", [.erp, .admin]),
    ]

    func testEveryRoleAgainstEveryEndpoint() async throws {
        try await ServiceHarness.with { gateway in
            let port = try await gateway.start()
            for (method, path, allowed) in matrix {
                for caller in Caller.allCases {
                    var headers = caller.header
                    if path.contains("/retry") || path.contains("/replay") { headers.append(("X-EDIGate-Console", "retry")) }
                    let answer = try await gateway.send(method, path, port: port, body: method == .POST ? Data("{}".utf8) : nil, headers: headers)
                    if allowed.contains(caller) {
                        XCTAssertFalse([401, 403].contains(answer.status), "\(caller) \(method) \(path): \(answer.status) \(answer.text)")
                    } else {
                        XCTAssertEqual(answer.status, caller == .nobody ? 401 : 403, "\(caller) \(method) \(path): \(answer.text)")
                        XCTAssertEqual(answer.headers.first(name: "Content-Type"), "application/problem+json", "\(caller) \(method) \(path)")
                    }
                }
            }
            try await gateway.stop()
        }
    }

    /// Prices and amounts are finance's: ops sees the order's file and its trace with every price
    /// masked (the view says so), finance and admin see them as stored.
    func testPricesAreMaskedForOps() async throws {
        try await ServiceHarness.with { gateway in
            let port = try await gateway.start()
            try gateway.dropDemoOrder()
            try await gateway.wait("the 855") { gateway.outboundFiles().contains("855-000000002.edi") }
            let opsFile = try await gateway.send(.GET, "/api/inbound/1/content", port: port, headers: Caller.ops.header)
            XCTAssertEqual(opsFile.status, 200, opsFile.text)
            XCTAssertTrue(opsFile.text.contains("PO1*2*12*EA*MASKED**BP*ACM-1002"), opsFile.text)
            XCTAssertFalse(opsFile.text.contains("13.99"), opsFile.text)
            XCTAssertEqual(opsFile.headers.first(name: "X-EDIGate-Masked"), "prices")
            let opsAnswer = try await gateway.send(.GET, "/api/outbound/2/content", port: port, headers: Caller.ops.header)
            XCTAssertFalse(opsAnswer.text.contains("14.25"), opsAnswer.text)
            XCTAssertTrue(opsAnswer.text.contains("CTP**SLP*MASKED"), opsAnswer.text)
            let opsTrace = try await gateway.send(.GET, "/api/trace/PO-88231", port: port, headers: Caller.ops.header)
            XCTAssertEqual(opsTrace.status, 200, opsTrace.text)
            XCTAssertTrue(opsTrace.text.contains("MASKED USD"), opsTrace.text)
            XCTAssertFalse(opsTrace.text.contains("14.25"), opsTrace.text)
            for caller in [Caller.finance, .admin] {
                let file = try await gateway.send(.GET, "/api/inbound/1/content", port: port, headers: caller.header)
                XCTAssertTrue(file.text.contains("PO1*2*12*EA*13.99**BP*ACM-1002"), "\(caller): \(file.text)")
                XCTAssertNil(file.headers.first(name: "X-EDIGate-Masked"))
                let trace = try await gateway.send(.GET, "/api/trace/PO-88231", port: port, headers: caller.header)
                XCTAssertTrue(trace.text.contains("14.25 USD"), "\(caller): \(trace.text)")
            }
            try await gateway.stop()
        }
    }

    /// A browser logs in with a token into an HttpOnly, SameSite=Strict session; a change needs
    /// the session's CSRF token; finance cannot retry through the console either.
    func testConsoleLogInSessionAndCSRF() async throws {
        try await ServiceHarness.with { gateway in
            let port = try await gateway.start()
            let page = try await gateway.send(.GET, "/", port: port)
            XCTAssertEqual(page.status, 303)
            XCTAssertEqual(page.headers.first(name: "Location"), "/login")
            let wrong = try await gateway.send(.POST, "/login", port: port, body: Data("token=nope".utf8), headers: [("Content-Type", "application/x-www-form-urlencoded")])
            XCTAssertEqual(wrong.status, 401)
            let erp = try await gateway.send(.POST, "/login", port: port, body: Data("token=\(ServiceHarness.token)".utf8), headers: [("Content-Type", "application/x-www-form-urlencoded")])
            XCTAssertEqual(erp.status, 401, "the ERP's token does not open the console")

            let login = try await gateway.send(.POST, "/login", port: port, body: Data("token=\(ServiceHarness.opsToken)".utf8), headers: [("Content-Type", "application/x-www-form-urlencoded")])
            XCTAssertEqual(login.status, 303, login.text)
            let setCookie = try XCTUnwrap(login.headers.first(name: "Set-Cookie"))
            XCTAssertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie)
            let cookie = try XCTUnwrap(setCookie.split(separator: ";").first.map(String.init))
            let session = try await gateway.send(.GET, "/api/session", port: port, headers: [("Cookie", cookie)])
            XCTAssertEqual(session.json["role"] as? String, "ops")
            let csrf = try XCTUnwrap(session.json["csrf"] as? String)
            let home = try await gateway.send(.GET, "/", port: port, headers: [("Cookie", cookie)])
            XCTAssertEqual(home.status, 200)

            let noToken = try await gateway.send(.POST, "/api/inbound/1/retry", port: port, headers: [("Cookie", cookie), ("X-EDIGate-Console", "retry")])
            XCTAssertEqual(noToken.status, 403, "a change from a session needs its CSRF token")
            let withToken = try await gateway.send(.POST, "/api/inbound/1/retry", port: port, headers: [("Cookie", cookie), ("X-EDIGate-Console", "retry"), ("X-CSRF-Token", csrf)])
            XCTAssertEqual(withToken.status, 404, "allowed through; there is no file 1: \(withToken.text)")

            let finance = try await gateway.send(.POST, "/login", port: port, body: Data("token=\(ServiceHarness.financeToken)".utf8), headers: [("Content-Type", "application/x-www-form-urlencoded")])
            let financeCookie = try XCTUnwrap(finance.headers.first(name: "Set-Cookie")?.split(separator: ";").first.map(String.init))
            let financeSession = try await gateway.send(.GET, "/api/session", port: port, headers: [("Cookie", financeCookie)])
            let financeCSRF = try XCTUnwrap(financeSession.json["csrf"] as? String)
            let replay = try await gateway.send(.POST, "/api/inbound/1/retry", port: port, headers: [("Cookie", financeCookie), ("X-EDIGate-Console", "retry"), ("X-CSRF-Token", financeCSRF)])
            XCTAssertEqual(replay.status, 403, "finance has no Replay")
            let invoices = try await gateway.send(.GET, "/api/invoices", port: port, headers: [("Cookie", financeCookie)])
            XCTAssertEqual(invoices.status, 200)

            let logout = try await gateway.send(.POST, "/logout", port: port, headers: [("Cookie", cookie), ("X-CSRF-Token", csrf)])
            XCTAssertEqual(logout.status, 303)
            let after = try await gateway.send(.GET, "/api/summary", port: port, headers: [("Cookie", cookie)])
            XCTAssertEqual(after.status, 401)
            try await gateway.stop()
        }
    }

    /// Security headers on every page, raw files as attachments, and a foreign Host refused.
    func testHeadersAndHostAllowList() async throws {
        try await ServiceHarness.with(extra: "") { gateway in
            var text = try String(contentsOfFile: gateway.configPath, encoding: .utf8)
            text = text.replacingOccurrences(of: "  port: 0\n", with: "  port: 0\n  allowedHosts: [127.0.0.1, localhost]\n")
            try text.write(toFile: gateway.configPath, atomically: true, encoding: .utf8)
            let port = try await gateway.start()
            for path in ["/login", "/health", "/console.js"] {
                let answer = try await gateway.send(.GET, path, port: port)
                XCTAssertEqual(answer.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'"), true, path)
                XCTAssertEqual(answer.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'"), true, path)
                XCTAssertEqual(answer.headers.first(name: "X-Content-Type-Options"), "nosniff", path)
            }
            let login = try await gateway.send(.GET, "/login", port: port)
            XCTAssertFalse(login.text.contains("<script>"), "no inline script")
            let foreign = try await gateway.send(.GET, "/health", port: port, headers: [("Host", "evil.example")])
            XCTAssertEqual(foreign.status, 403)
            try await gateway.stop()
        }
    }
}
