import ERP
import NIOConcurrencyHelpers

/// Failures the reference service can be told to produce, so tests exercise timeouts, 5xx
/// and malformed answers over real HTTP instead of mocking the client. Reachable over HTTP
/// (`/admin/faults`) only when the service runs with `--fault-injection`.
public final class FaultInjection: Sendable {
    public struct Plan: Codable, Sendable, Hashable {
        /// Added before answering each affected call.
        public var delayMilliseconds: Int
        /// Answer this status (with a problem document) instead of the real answer…
        public var failStatus: Int?
        /// …for this many calls (-1: until cleared).
        public var failCount: Int
        /// Sent as `Retry-After` (seconds) with injected failures.
        public var retryAfterSeconds: Int?
        /// Answer this many calls with a body that is not JSON.
        public var malformedCount: Int
        /// Endpoint paths affected (e.g. `/v1/prices/batch`); all when absent.
        public var endpoints: [String]?

        public init(delayMilliseconds: Int = 0, failStatus: Int? = nil, failCount: Int = 0, retryAfterSeconds: Int? = nil, malformedCount: Int = 0, endpoints: [String]? = nil) {
            self.delayMilliseconds = delayMilliseconds
            self.failStatus = failStatus
            self.failCount = failCount
            self.retryAfterSeconds = retryAfterSeconds
            self.malformedCount = malformedCount
            self.endpoints = endpoints
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            delayMilliseconds = try c.decodeIfPresent(Int.self, forKey: .delayMilliseconds) ?? 0
            failStatus = try c.decodeIfPresent(Int.self, forKey: .failStatus)
            failCount = try c.decodeIfPresent(Int.self, forKey: .failCount) ?? (failStatus == nil ? 0 : -1)
            retryAfterSeconds = try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds)
            malformedCount = try c.decodeIfPresent(Int.self, forKey: .malformedCount) ?? 0
            endpoints = try c.decodeIfPresent([String].self, forKey: .endpoints)
        }
    }

    public enum Action: Sendable, Hashable {
        case answer
        case fail(status: Int, retryAfterSeconds: Int?)
        case malformed
    }

    private let plan = NIOLockedValueBox(Plan())

    public init() {}

    public func set(_ newPlan: Plan) {
        plan.withLockedValue { $0 = newPlan }
    }

    public func clear() {
        set(Plan())
    }

    public var current: Plan { plan.withLockedValue { $0 } }

    /// What to do with one call to `endpoint`, consuming a counted failure.
    func next(for endpoint: String) -> (delay: Duration, action: Action) {
        plan.withLockedValue { p in
            guard p.endpoints?.contains(endpoint) ?? true else { return (.zero, .answer) }
            let delay = Duration.milliseconds(p.delayMilliseconds)
            if let status = p.failStatus, p.failCount != 0 {
                if p.failCount > 0 { p.failCount -= 1 }
                return (delay, .fail(status: status, retryAfterSeconds: p.retryAfterSeconds))
            }
            if p.malformedCount > 0 {
                p.malformedCount -= 1
                return (delay, .malformed)
            }
            return (delay, .answer)
        }
    }
}
