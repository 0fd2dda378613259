import NIOConcurrencyHelpers

/// Calls answered per endpoint: how tests see that a cached price made no call.
public final class CallStatistics: Sendable {
    private let counts = NIOLockedValueBox([String: Int]())

    public init() {}

    func record(_ endpoint: String) {
        counts.withLockedValue { $0[endpoint, default: 0] += 1 }
    }

    public func count(_ endpoint: String) -> Int {
        counts.withLockedValue { $0[endpoint, default: 0] }
    }

    public var all: [String: Int] { counts.withLockedValue { $0 } }
}
