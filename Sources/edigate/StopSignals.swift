import Dispatch
import Foundation

/// SIGTERM and SIGINT, caught once: `stop` runs (cancelling the work), and the process exits
/// when the work has wound down rather than at once. A second signal ends it immediately.
final class StopSignals: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received = false

    init(stop: @escaping @Sendable () -> Void) {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                let first = lock.withLock { () -> Bool in
                    defer { received = true }
                    return !received
                }
                if first {
                    StandardStreams.writeErr("edigate: stopping after the files under way (signal \(number) again to stop now)")
                    stop()
                } else {
                    exit(128 + number)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        for number in [SIGTERM, SIGINT] { signal(number, SIG_DFL) }
    }
}
