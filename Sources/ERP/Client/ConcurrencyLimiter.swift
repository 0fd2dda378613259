import NIOConcurrencyHelpers

/// An async semaphore: at most `limit` ERP calls in flight, whatever the number of orders
/// being validated, because the ERP — not the gateway — is the scarce resource.
public final class ConcurrencyLimiter: Sendable {
    private struct Shared {
        var available: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let shared: NIOLockedValueBox<Shared>

    public init(limit: Int) {
        shared = NIOLockedValueBox(Shared(available: max(1, limit)))
    }

    public func withPermit<T: Sendable, E: Error>(_ body: () async throws(E) -> T) async throws(E) -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        let granted = shared.withLockedValue { s -> Bool in
            if s.available > 0 {
                s.available -= 1
                return true
            }
            return false
        }
        if granted { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let immediately = shared.withLockedValue { s -> Bool in
                // A permit may have been released between the two locks.
                if s.available > 0 {
                    s.available -= 1
                    return true
                }
                s.waiters.append(continuation)
                return false
            }
            if immediately { continuation.resume() }
        }
    }

    private func release() {
        let next = shared.withLockedValue { s -> CheckedContinuation<Void, Never>? in
            if s.waiters.isEmpty {
                s.available += 1
                return nil
            }
            // The permit passes straight to the oldest waiter.
            return s.waiters.removeFirst()
        }
        next?.resume()
    }
}
