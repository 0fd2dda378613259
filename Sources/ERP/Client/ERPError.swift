/// Why a call to the ERP produced no usable answer. `isTransient` separates "the ERP could
/// not answer" (hold the order and retry) from "the ERP answered no" (a contract error a
/// person must look at; retrying will not change it).
public enum ERPError: Error, Sendable, Hashable, CustomStringConvertible {
    case timeout(endpoint: String, seconds: Double)
    /// Connection refused, reset, DNS, TLS handshake: nothing came back.
    case transport(endpoint: String, detail: String)
    /// 5xx, 429 and 503 with or without a problem document.
    case unavailable(endpoint: String, status: Int, detail: String?)
    case circuitOpen(endpoint: String, retryAfterSeconds: Double)
    /// An answer that is not the contract's JSON: a proxy's HTML page, a truncated body.
    case malformedResponse(endpoint: String, detail: String)
    /// 4xx other than 401/429: our request broke the contract.
    case rejectedRequest(endpoint: String, status: Int, problem: ProblemDetails?)
    case authentication(detail: String)
    case configuration(String)

    public var isTransient: Bool {
        switch self {
        case .timeout, .transport, .unavailable, .circuitOpen, .malformedResponse: true
        // A token endpoint that is down is as transient as the ERP itself; bad credentials
        // are not, but the order must still not be decided on a guess, so the validator
        // holds on every ERPError and only the retry schedule differs.
        case .authentication: true
        case .rejectedRequest, .configuration: false
        }
    }

    public var description: String {
        switch self {
        case .timeout(let e, let s): "ERP \(e) did not answer within \(s) s"
        case .transport(let e, let d): "ERP \(e) unreachable: \(d)"
        case .unavailable(let e, let status, let d): "ERP \(e) answered HTTP \(status)" + (d.map { ": \($0)" } ?? "")
        case .circuitOpen(let e, let s): "ERP \(e) circuit breaker open after repeated failures; next try in \(Int(s.rounded(.up))) s"
        case .malformedResponse(let e, let d): "ERP \(e) sent an answer that is not the contract's JSON: \(d)"
        case .rejectedRequest(let e, let status, let p): "ERP \(e) refused the request with HTTP \(status)" + (p.map { ": \($0.title)" + ($0.detail.map { " — \($0)" } ?? "") } ?? "")
        case .authentication(let d): "ERP authentication failed: \(d)"
        case .configuration(let d): "ERP connection misconfigured: \(d)"
        }
    }
}
