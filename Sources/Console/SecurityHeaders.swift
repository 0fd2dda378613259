import HTTPTypes
import Hummingbird

/// Headers on every answer: no inline script and no framing (the page's script is
/// `/console.js`), no MIME sniffing, no referrer leaving the gateway.
public struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    public static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    }

    /// Served over TLS: browsers are told to keep to HTTPS for this host (HSTS).
    let secure: Bool

    public init(secure: Bool = false) {
        self.secure = secure
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if secure { response.headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000" }
        return response
    }
}
