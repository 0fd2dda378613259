import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import Secrets

/// OAuth2 client-credentials bearer tokens for one ERP connection. Tokens are refreshed
/// `refreshMargin` before they expire, and concurrent callers share one refresh instead of
/// each asking the token endpoint.
public actor OAuthTokenProvider {
    private let httpClient: HTTPClient
    private let tokenURL: String
    private let clientId: String
    private let secret: SecretReference
    private let scope: String?
    private let refreshMargin: Duration
    private let timeout: TimeAmount
    private var current: (token: String, expiresAt: ContinuousClock.Instant)?
    private var refresh: Task<(String, ContinuousClock.Instant), any Error>?
    /// How many tokens this provider has fetched; the token-refresh test reads it.
    public private(set) var fetchCount = 0

    public init(httpClient: HTTPClient, tokenURL: String, clientId: String, secret: SecretReference, scope: String?, refreshMargin: Duration, timeout: TimeAmount) {
        self.httpClient = httpClient
        self.tokenURL = tokenURL
        self.clientId = clientId
        self.secret = secret
        self.scope = scope
        self.refreshMargin = refreshMargin
        self.timeout = timeout
    }

    public func token(now: ContinuousClock.Instant = .now) async throws(ERPError) -> String {
        if let current, now + refreshMargin < current.expiresAt {
            return current.token
        }
        let task: Task<(String, ContinuousClock.Instant), any Error>
        if let refresh {
            task = refresh
        } else {
            task = Task { try await self.fetch() }
            refresh = task
        }
        do {
            let (token, expiresAt) = try await task.value
            current = (token, expiresAt)
            refresh = nil
            return token
        } catch {
            refresh = nil
            throw (error as? ERPError) ?? .authentication(detail: "\(error)")
        }
    }

    /// Drops a token the ERP refused (revoked, or the ERP restarted and forgot it).
    public func invalidate(_ token: String) {
        if current?.token == token { current = nil }
    }

    private func fetch() async throws -> (String, ContinuousClock.Instant) {
        let secretValue: String
        do {
            secretValue = try secret.resolve()
        } catch {
            throw ERPError.configuration(ERPConfigurationError.secretUnavailable(error.reference, error.reason).description)
        }
        var request = HTTPClientRequest(url: tokenURL)
        request.method = .POST
        let basic = Data("\(Self.formEncode(clientId)):\(Self.formEncode(secretValue))".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(basic)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        var form = "grant_type=client_credentials"
        if let scope { form += "&scope=\(Self.formEncode(scope))" }
        request.body = .bytes(ByteBuffer(string: form))
        let started = ContinuousClock.now
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw ERPError.authentication(detail: "token endpoint \(tokenURL) unreachable: \(error)")
        }
        guard response.status == .ok else {
            let problem = try? JSONDecoder().decode(ProblemDetails.self, from: body)
            throw ERPError.authentication(detail: "token endpoint answered HTTP \(response.status.code)" + (problem.map { ": \($0.title)" } ?? ""))
        }
        guard let answer = try? JSONDecoder().decode(TokenResponse.self, from: body), !answer.accessToken.isEmpty else {
            throw ERPError.authentication(detail: "token endpoint answer is not an OAuth2 token response")
        }
        fetchCount += 1
        // Measured from when we asked, not when the answer arrived: the token's life started
        // at the server somewhere in between.
        return (answer.accessToken, started + .seconds(answer.expiresIn))
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
