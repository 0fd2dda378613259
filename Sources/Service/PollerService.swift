import Console
import ERP
import Foundation
import Gateway
import Logging
import ServiceLifecycle
import Store
import X12

/// Every partner polled on its own interval through one `GatewayPipeline`, rebuilt when the
/// configuration is reloaded. On graceful shutdown nothing new is claimed and the files under
/// way finish their steps; the service then returns.
final class PollerService: Service, @unchecked Sendable {
    private let store: GatewayStore
    private let configuration: ConfigurationBox
    private let library: SchemaLibrary
    private let orders: OrderValidator
    private let metrics: GatewayMetrics
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let owner = WorkerIdentity()
    private let lock = NSLock()
    private var generation: Task<Void, Never>?
    private var stopping = false
    private var lastPolls: [String: Date] = [:]

    /// When each partner's folder was last listed without error (the console's dashboard).
    func lastSuccessfulPolls() -> [String: Date] { lock.withLock { lastPolls } }

    init(store: GatewayStore, configuration: ConfigurationBox, library: SchemaLibrary, orders: OrderValidator, metrics: GatewayMetrics,
         logger: Logger, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.configuration = configuration
        self.library = library
        self.orders = orders
        self.metrics = metrics
        self.logger = logger
        self.now = now
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            var first = true
            while true {
                let pipeline = await makePipeline()
                if first {
                    first = false
                    for file in (try? await pipeline.recoverInterrupted()) ?? [] {
                        logger.notice("requeued a file a stopped process left in processing", metadata: ["partner": "\(file.partner)", "inbound": "\(file.id)", "file": "\(file.name)"])
                    }
                }
                let interval = configuration.current.configuration.poll.intervalSeconds.map { Duration.milliseconds(Int64($0 * 1000)) }
                let task = Task { await pipeline.run(interval: interval) }
                let proceed = lock.withLock { () -> Bool in
                    if stopping { return false }
                    generation = task
                    return true
                }
                if !proceed { task.cancel() }
                await task.value
                if lock.withLock({ stopping }) { break }
            }
        } onGracefulShutdown: {
            self.lock.withLock {
                self.stopping = true
                self.generation?.cancel()
            }
        }
    }

    /// After a reload: the running pipeline stops between files and a new one starts with the
    /// new profiles and maps.
    func restart() {
        lock.withLock { generation?.cancel() }
    }

    private func makePipeline() async -> GatewayPipeline {
        let loaded = configuration.current
        let settings = loaded.configuration
        let pipeline = GatewayPipeline(store: store, partners: loaded.partners, maps: loaded.maps, library: library, orders: orders,
                                       stagingDirectory: URL(fileURLWithPath: settings.staging ?? settings.store + ".staging"),
                                       leaseSeconds: settings.poll.leaseSeconds, pollBudget: .milliseconds(Int64(settings.poll.budgetSeconds * 1000)),
                                       partnerConcurrency: settings.poll.partnerConcurrency, fileConcurrency: settings.poll.fileConcurrency,
                                       minimumFreeBytes: Int64(settings.poll.minimumFreeMB * 1_048_576), owner: owner, now: now)
        let store = self.store
        let metrics = self.metrics
        let logger = self.logger
        let now = self.now
        await pipeline.setPollSink { [weak self] partner, date in
            guard let self else { return }
            self.lock.withLock { self.lastPolls[partner] = date }
        }
        await pipeline.setReportSink { report in
            Task { await PollerService.observe(report, store: store, metrics: metrics, logger: logger, now: now) }
        }
        return pipeline
    }

    /// Metrics and one structured log line per file (partner, file, inbound, ISA13 of the 855;
    /// never the content, and amounts in reasons masked, so no personal data or prices reach the log).
    static func observe(_ report: PipelineFileReport, store: GatewayStore, metrics: GatewayMetrics, logger: Logger, now: @Sendable () -> Date) async {
        metrics.fileEnded(partner: report.partner, outcome: report.outcome.rawValue)
        if report.outcome == .notRecorded, report.name.isEmpty { metrics.transportError(partner: report.partner) }
        var metadata: Logger.Metadata = ["partner": "\(report.partner)", "file": "\(report.name)", "outcome": "\(report.outcome.rawValue)"]
        if let inbound = report.inbound { metadata["inbound"] = "\(inbound)" }
        if !report.control855.isEmpty { metadata["855"] = "\(report.control855.joined(separator: ","))" }
        if !report.control865.isEmpty { metadata["865"] = "\(report.control865.joined(separator: ","))" }
        // Logs are read by ops: amounts in a reason (a credit hold, a price) are masked as in the console.
        if let reason = report.reason { metadata["reason"] = "\(ConsoleMasking(prices: true).maskText(String(reason.prefix(300))))" }
        if report.outcome == .done || report.outcome == .duplicate { logger.info("file", metadata: metadata) } else { logger.warning("file", metadata: metadata) }
        guard let id = report.inbound, report.outcome != .duplicate, let file = try? await store.inboundFile(id: id) else { return }
        let seconds = now().timeIntervalSince(file.receivedAt)
        if let ack = report.ack {
            let type = ack.contains("999") ? "999" : ack.contains("997") ? "997" : "TA1"
            metrics.documentSent(partner: report.partner, type: type)
            // One latency for the first answer a partner gets, whatever its kind.
            metrics.dropToAnswer("997", partner: report.partner, seconds: seconds)
        }
        for _ in report.control855 {
            metrics.documentSent(partner: report.partner, type: "855")
            metrics.dropToAnswer("855", partner: report.partner, seconds: seconds)
        }
        for _ in report.control865 { metrics.documentSent(partner: report.partner, type: "865") }
    }
}

/// A loop on a fixed interval until graceful shutdown (the acknowledgment monitor, alert
/// delivery, the drop folder). A failing round is logged and the loop goes on.
struct PeriodicService: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let body: @Sendable () async throws -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await body() } catch { logger.error("\(name) failed", metadata: ["error": "\(error)"]) }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
