import ERP
import Foundation
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
        /// Answers that parse but break the contract, until cleared.
        public var contractBreak: ContractBreak?
        /// Sends the headers at once, then the body one byte per this many milliseconds: an
        /// ERP whose answer never quite ends.
        public var dripMilliseconds: Int?

        public init(delayMilliseconds: Int = 0, failStatus: Int? = nil, failCount: Int = 0, retryAfterSeconds: Int? = nil, malformedCount: Int = 0, endpoints: [String]? = nil,
                    contractBreak: ContractBreak? = nil, dripMilliseconds: Int? = nil) {
            self.contractBreak = contractBreak
            self.dripMilliseconds = dripMilliseconds
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
            contractBreak = try c.decodeIfPresent(ContractBreak.self, forKey: .contractBreak)
            dripMilliseconds = try c.decodeIfPresent(Int.self, forKey: .dripMilliseconds)
        }
    }

    /// Ways an answer can be well-formed JSON and still break docs/erp-api.yaml.
    public enum ContractBreak: String, Codable, Sendable, Hashable, CaseIterable {
        /// The first `priced` result loses its `netUnitPrice`.
        case pricedWithoutPrice
        /// The first `priced` result loses its `itemId`.
        case pricedWithoutItem
        /// The last result of a batch answer is left out.
        case missingLine
        /// The first result's status is one the contract does not know.
        case unknownStatus
        /// The order receipt says `created: false` and holds a line with another quantity.
        case otherLines
    }

    /// The contract break for `endpoint` under the current plan, if any.
    func contractBreak(for endpoint: String) -> ContractBreak? {
        plan.withLockedValue { p in (p.endpoints?.contains(endpoint) ?? true) ? p.contractBreak : nil }
    }

    /// The drip interval for `endpoint` under the current plan, if any.
    func drip(for endpoint: String) -> Duration? {
        plan.withLockedValue { p in
            guard p.endpoints?.contains(endpoint) ?? true, let milliseconds = p.dripMilliseconds else { return nil }
            return .milliseconds(milliseconds)
        }
    }

    /// Applies a contract break to an answer's JSON.
    static func breakContract(_ data: Data, _ kind: ContractBreak) -> Data {
        guard var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return data }
        var results = object["results"] as? [[String: Any]] ?? []
        let priced = results.firstIndex { $0["status"] as? String == "priced" }
        switch kind {
        case .pricedWithoutPrice:
            if let priced { results[priced].removeValue(forKey: "netUnitPrice") }
        case .pricedWithoutItem:
            if let priced { results[priced].removeValue(forKey: "itemId") }
        case .missingLine:
            if !results.isEmpty { results.removeLast() }
        case .unknownStatus:
            if !results.isEmpty { results[0]["status"] = "discontinued" }
        case .otherLines:
            object["created"] = false
            if var lines = object["lines"] as? [[String: Any]], !lines.isEmpty {
                let quantity = (lines[0]["quantity"] as? NSNumber)?.doubleValue ?? 0
                lines[0]["quantity"] = quantity + 6
                object["lines"] = lines
            }
        }
        if object["results"] != nil { object["results"] = results }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? data
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
