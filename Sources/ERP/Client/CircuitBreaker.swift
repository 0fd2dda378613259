import NIOConcurrencyHelpers

/// One endpoint's breaker. After `failureThreshold` consecutive failures it opens and calls
/// fail at once for `openDuration`, so a struggling ERP is not hammered by every order in
/// the queue; then one trial call is let through (half-open) and its outcome decides.
public final class CircuitBreaker: Sendable {
    public enum State: Sendable, Hashable {
        case closed
        case open(until: ContinuousClock.Instant)
        case halfOpen
    }

    private struct Shared {
        var state: State = .closed
        var consecutiveFailures = 0
        var trialInFlight = false
    }

    public let endpoint: String
    private let failureThreshold: Int
    private let openDuration: Duration
    private let shared = NIOLockedValueBox(Shared())

    public init(endpoint: String, failureThreshold: Int, openDuration: Duration) {
        self.endpoint = endpoint
        self.failureThreshold = max(1, failureThreshold)
        self.openDuration = openDuration
    }

    public var state: State { shared.withLockedValue { $0.state } }

    /// Throws `circuitOpen` when the call must not be made now.
    public func admit(now: ContinuousClock.Instant = .now) throws(ERPError) {
        let refusal: Duration? = shared.withLockedValue { s in
            switch s.state {
            case .closed:
                return nil
            case .open(let until):
                if now < until { return until - now }
                s.state = .halfOpen
                s.trialInFlight = true
                return nil
            case .halfOpen:
                // Only the one trial call probes a recovering ERP.
                if s.trialInFlight { return .milliseconds(100) }
                s.trialInFlight = true
                return nil
            }
        }
        if let refusal {
            let c = refusal.components
            throw .circuitOpen(endpoint: endpoint, retryAfterSeconds: Double(c.seconds) + Double(c.attoseconds) / 1e18)
        }
    }

    public func recordSuccess() {
        shared.withLockedValue { s in
            s.state = .closed
            s.consecutiveFailures = 0
            s.trialInFlight = false
        }
    }

    /// The call ended in a way that says nothing about the ERP's health (our own request or
    /// credentials were wrong): a half-open breaker lets the next trial through.
    public func recordNeutral() {
        shared.withLockedValue { $0.trialInFlight = false }
    }

    public func recordFailure(now: ContinuousClock.Instant = .now) {
        shared.withLockedValue { s in
            s.consecutiveFailures += 1
            s.trialInFlight = false
            if case .halfOpen = s.state {
                s.state = .open(until: now + openDuration)
            } else if s.consecutiveFailures >= failureThreshold {
                s.state = .open(until: now + openDuration)
            }
        }
    }
}
