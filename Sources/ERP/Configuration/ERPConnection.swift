import Foundation
import Secrets

/// How the gateway reaches one ERP (or the distributor's middleware in front of it).
/// Every field but `baseURL` has a default, so a profile names only what differs.
public struct ERPConnection: Codable, Sendable, Hashable {
    public var baseURL: String
    /// OAuth2 client-credentials token endpoint; no token is sent when absent.
    public var tokenURL: String?
    public var clientId: String?
    public var clientSecret: SecretReference?
    public var scope: String?
    /// A token is refreshed this long before it expires, so no call carries a token that
    /// dies in flight.
    public var tokenRefreshMarginSeconds: Double
    /// Per attempt, not per call: a retried call may take `attempts × timeout` plus backoff.
    public var requestTimeoutSeconds: Double
    public var connectTimeoutSeconds: Double
    /// Total attempts for idempotent calls (1 = no retry).
    public var maxAttempts: Int
    public var retryBaseDelaySeconds: Double
    public var retryMaxDelaySeconds: Double
    /// Consecutive failures that open an endpoint's breaker, and how long it stays open.
    public var breakerFailureThreshold: Int
    public var breakerOpenSeconds: Double
    /// Calls in flight to this ERP at once, across all orders.
    public var maxConcurrentRequests: Int
    /// Lines per batch call; longer orders are split into concurrent batches.
    public var maxBatchLines: Int
    /// Mutual TLS: PEM client certificate chain and key; `tlsCAPath` adds a trust root.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    public var tlsCAPath: String?

    public init(baseURL: String, tokenURL: String? = nil, clientId: String? = nil, clientSecret: SecretReference? = nil, scope: String? = nil, tokenRefreshMarginSeconds: Double = 30, requestTimeoutSeconds: Double = 5, connectTimeoutSeconds: Double = 2, maxAttempts: Int = 3, retryBaseDelaySeconds: Double = 0.2, retryMaxDelaySeconds: Double = 2, breakerFailureThreshold: Int = 5, breakerOpenSeconds: Double = 10, maxConcurrentRequests: Int = 16, maxBatchLines: Int = 50, tlsCertificatePath: String? = nil, tlsKeyPath: String? = nil, tlsCAPath: String? = nil) {
        self.baseURL = baseURL
        self.tokenURL = tokenURL
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.scope = scope
        self.tokenRefreshMarginSeconds = tokenRefreshMarginSeconds
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.maxAttempts = maxAttempts
        self.retryBaseDelaySeconds = retryBaseDelaySeconds
        self.retryMaxDelaySeconds = retryMaxDelaySeconds
        self.breakerFailureThreshold = breakerFailureThreshold
        self.breakerOpenSeconds = breakerOpenSeconds
        self.maxConcurrentRequests = maxConcurrentRequests
        self.maxBatchLines = maxBatchLines
        self.tlsCertificatePath = tlsCertificatePath
        self.tlsKeyPath = tlsKeyPath
        self.tlsCAPath = tlsCAPath
    }

    /// Every field, as written in JSON and YAML; the connection file refuses any other key.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case baseURL, tokenURL, clientId, clientSecret, scope, tokenRefreshMarginSeconds
        case requestTimeoutSeconds, connectTimeoutSeconds, maxAttempts, retryBaseDelaySeconds, retryMaxDelaySeconds
        case breakerFailureThreshold, breakerOpenSeconds, maxConcurrentRequests, maxBatchLines
        case tlsCertificatePath, tlsKeyPath, tlsCAPath
    }

    /// The keys a connection block may have.
    public static let fieldNames: [String] = CodingKeys.allCases.map(\.rawValue)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ERPConnection(baseURL: "")
        baseURL = try c.decode(String.self, forKey: .baseURL)
        tokenURL = try c.decodeIfPresent(String.self, forKey: .tokenURL)
        clientId = try c.decodeIfPresent(String.self, forKey: .clientId)
        clientSecret = try c.decodeIfPresent(SecretReference.self, forKey: .clientSecret)
        scope = try c.decodeIfPresent(String.self, forKey: .scope)
        tokenRefreshMarginSeconds = try c.decodeIfPresent(Double.self, forKey: .tokenRefreshMarginSeconds) ?? d.tokenRefreshMarginSeconds
        requestTimeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .requestTimeoutSeconds) ?? d.requestTimeoutSeconds
        connectTimeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .connectTimeoutSeconds) ?? d.connectTimeoutSeconds
        maxAttempts = try c.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? d.maxAttempts
        retryBaseDelaySeconds = try c.decodeIfPresent(Double.self, forKey: .retryBaseDelaySeconds) ?? d.retryBaseDelaySeconds
        retryMaxDelaySeconds = try c.decodeIfPresent(Double.self, forKey: .retryMaxDelaySeconds) ?? d.retryMaxDelaySeconds
        breakerFailureThreshold = try c.decodeIfPresent(Int.self, forKey: .breakerFailureThreshold) ?? d.breakerFailureThreshold
        breakerOpenSeconds = try c.decodeIfPresent(Double.self, forKey: .breakerOpenSeconds) ?? d.breakerOpenSeconds
        maxConcurrentRequests = try c.decodeIfPresent(Int.self, forKey: .maxConcurrentRequests) ?? d.maxConcurrentRequests
        maxBatchLines = try c.decodeIfPresent(Int.self, forKey: .maxBatchLines) ?? d.maxBatchLines
        tlsCertificatePath = try c.decodeIfPresent(String.self, forKey: .tlsCertificatePath)
        tlsKeyPath = try c.decodeIfPresent(String.self, forKey: .tlsKeyPath)
        tlsCAPath = try c.decodeIfPresent(String.self, forKey: .tlsCAPath)
    }
}
