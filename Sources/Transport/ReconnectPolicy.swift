import Foundation

/// How long to wait before each new attempt after the server went away: exponential backoff with
/// jitter, so that many gateways polling one recovering server do not reconnect in lockstep.
public struct ReconnectPolicy: Sendable, Hashable {
    public var initialDelay: Duration
    public var multiplier: Double
    public var maxDelay: Duration
    /// Attempts in total, the first included. 1 means never retry.
    public var maxAttempts: Int
    /// Fraction of each delay that is random: 0.5 waits between 50 % and 100 % of the nominal delay.
    public var jitter: Double

    public init(initialDelay: Duration = .milliseconds(500), multiplier: Double = 2, maxDelay: Duration = .seconds(60),
                maxAttempts: Int = 8, jitter: Double = 0.5) {
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
        self.maxAttempts = max(1, maxAttempts)
        self.jitter = min(max(jitter, 0), 1)
    }

    public static let `default` = ReconnectPolicy()
    public static let never = ReconnectPolicy(maxAttempts: 1)

    /// Nominal (jitter-free) delay after the `failures`-th failed attempt (1-based).
    public func nominalDelay(afterFailure failures: Int) -> Duration {
        let initial = initialDelay.seconds
        let grown = initial * pow(multiplier, Double(max(0, failures - 1)))
        return .seconds(min(grown, maxDelay.seconds))
    }

    /// The delay to wait after the `failures`-th failed attempt, or nil when attempts are used up.
    public func delay<G: RandomNumberGenerator>(afterFailure failures: Int, using generator: inout G) -> Duration? {
        guard failures < maxAttempts else { return nil }
        let nominal = nominalDelay(afterFailure: failures).seconds
        let random = Double.random(in: 0...1, using: &generator)
        return .seconds(nominal * (1 - jitter * random))
    }

    public func delay(afterFailure failures: Int) -> Duration? {
        var generator = SystemRandomNumberGenerator()
        return delay(afterFailure: failures, using: &generator)
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}

