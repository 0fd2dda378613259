import Dispatch
import Synchronization

/// Reads and validates on both cores: a dedicated thread runs the reader and validates
/// some transaction sets itself, while the caller's thread validates the rest and consumes
/// the events in file order. The reading thread takes a set on while the caller is behind
/// (the queue is at least half full), so the work balances itself whatever the load: with
/// a lower threshold the reader does nearly everything, with a higher one nearly nothing
/// (measured on the 50 MB benchmark file). Validation
/// of one set needs nothing from another, so the results are the one-thread path's.
public enum ParallelValidationPipeline {
    /// One event, with the set's result when the reading thread already computed it.
    public struct Item: Sendable {
        public let event: InterchangeEvent
        public let result: TransactionSetResult?
    }

    private enum Batch: Sendable {
        case items([Item])
        case end((any Error & Sendable)?)
    }

    /// A bounded queue of batches between the two threads.
    private final class Channel: Sendable {
        private let slots: DispatchSemaphore
        private let filled = DispatchSemaphore(value: 0)
        private let batches = Mutex<[Batch]>([])

        init(capacity: Int) { slots = DispatchSemaphore(value: capacity) }

        func send(_ batch: Batch) {
            slots.wait()
            batches.withLock { $0.append(batch) }
            filled.signal()
        }

        /// Batches sent and not yet received.
        var backlog: Int { batches.withLock { $0.count } }

        func receive() -> Batch {
            filled.wait()
            let batch = batches.withLock { $0.removeFirst() }
            slots.signal()
            return batch
        }
    }

    /// The reader crosses to the reading thread and is not touched by the caller until the
    /// pipeline has ended; the channel's semaphores order the two.
    private final class ReaderHandoff: @unchecked Sendable {
        let reader: InterchangeReader
        init(_ reader: InterchangeReader) { self.reader = reader }
    }

    /// Runs `reader` to its end, calling `body` with every event in order. A reader error
    /// is rethrown after the events read before it have been delivered.
    public static func run(reader: InterchangeReader, validator: InterchangeValidator, batchSize: Int = 64, body: (Item) throws -> Void) throws {
        let capacity = 8
        let channel = Channel(capacity: capacity)
        let handoff = ReaderHandoff(reader)
        let thread = DispatchQueue(label: "edigate.validation.reader")
        thread.async {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            var version = ""
            var supported = false
            var inGroup = false
            var backlog = 0
            do {
                while let event = try handoff.reader.next() {
                    var result: TransactionSetResult?
                    switch event {
                    case .groupStart(let header):
                        version = header[8]
                        supported = validator.library.supports(version: version)
                        inGroup = true
                    case .groupEnd:
                        inGroup = false
                    case .transactionSet(let set):
                        if inGroup, backlog >= capacity / 2 { result = validator.validate(set, version: version, versionSupported: supported) }
                    default:
                        break
                    }
                    batch.append(Item(event: event, result: result))
                    if batch.count >= batchSize {
                        channel.send(.items(batch))
                        backlog = channel.backlog
                        batch = []
                        batch.reserveCapacity(batchSize)
                    }
                }
                if !batch.isEmpty { channel.send(.items(batch)) }
                channel.send(.end(nil))
            } catch {
                if !batch.isEmpty { channel.send(.items(batch)) }
                channel.send(.end(error))
            }
        }
        var failure: (any Error)?
        while true {
            switch channel.receive() {
            case .items(let items):
                // After a failure in `body`, keep draining so the reading thread can finish.
                guard failure == nil else { continue }
                do {
                    for item in items { try body(item) }
                } catch {
                    failure = error
                }
            case .end(let error):
                if let failure { throw failure }
                if let error { throw error }
                return
            }
        }
    }
}
