/// Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
/// Jitter"): spreading retries randomly keeps many held orders from retrying in step.
public struct RetryBackoff: Sendable, Hashable {
    public var baseDelaySeconds: Double
    public var maxDelaySeconds: Double

    public init(baseDelaySeconds: Double, maxDelaySeconds: Double) {
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
    }

    /// The wait before retry number `attempt` (1 = the first retry).
    public func delay(beforeRetry attempt: Int, random: Double = Double.random(in: 0...1)) -> Duration {
        let ceiling = min(maxDelaySeconds, baseDelaySeconds * Double(1 << min(attempt - 1, 20)))
        return .milliseconds(Int64(ceiling * random * 1000))
    }
}
