import Foundation
import NIOConcurrencyHelpers

/// The reference service's OAuth2 client-credentials issuer: one configured client, opaque
/// random tokens that expire, so clients' refresh logic is exercised for real.
public final class TokenIssuer: Sendable {
    public let clientId: String
    private let clientSecret: String
    public let lifetime: Duration
    private let tokens = NIOLockedValueBox([String: ContinuousClock.Instant]())
    private let issued = NIOLockedValueBox(0)

    public init(clientId: String, clientSecret: String, lifetime: Duration) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.lifetime = lifetime
    }

    public func issue(clientId: String, clientSecret: String, now: ContinuousClock.Instant = .now) -> String? {
        guard clientId == self.clientId, clientSecret == self.clientSecret else { return nil }
        var bytes = [UInt8](repeating: 0, count: 24)
        var generator = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = generator.next() }
        let token = Data(bytes).base64EncodedString().replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "+", with: "-")
        tokens.withLockedValue { t in
            t = t.filter { $0.value > now }
            t[token] = now + lifetime
        }
        issued.withLockedValue { $0 += 1 }
        return token
    }

    public func isValid(_ token: String, now: ContinuousClock.Instant = .now) -> Bool {
        tokens.withLockedValue { t in
            guard let expiry = t[token] else { return false }
            return now < expiry
        }
    }

    public var issuedCount: Int { issued.withLockedValue { $0 } }

    /// Forgets every token, as an ERP restart would.
    public func revokeAll() {
        tokens.withLockedValue { $0.removeAll() }
    }
}
