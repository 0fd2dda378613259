import CoreMetrics
import Foundation
import Gateway
import Metrics
import Prometheus
import Store

/// The service's metrics, through swift-metrics into a Prometheus registry of its own (so two
/// services in one process, as in tests, never share counters), scraped at `/metrics`.
public final class GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Latencies from a file landing to its answer: seconds, up to several minutes.
        factory.defaultDurationHistogramBuckets = [.milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                                   .seconds(2), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(300)]
        self.factory = factory
    }

    /// One file's end, by partner and outcome.
    func fileEnded(partner: String, outcome: String) {
        Counter(label: "edigate_inbound_files_total", dimensions: [("partner", partner), ("outcome", outcome)], factory: factory).increment()
    }

    func documentSent(partner: String, type: String) {
        Counter(label: "edigate_documents_sent_total", dimensions: [("partner", partner), ("type", type)], factory: factory).increment()
    }

    /// From the file being recorded to its 997 / 855 being uploaded.
    func dropToAnswer(_ type: String, partner: String, seconds: Double) {
        Timer(label: "edigate_drop_to_\(type)_seconds", dimensions: [("partner", partner)], factory: factory)
            .recordNanoseconds(Int64(max(0, seconds) * 1_000_000_000))
    }

    func erpCall(endpoint: String, seconds: Double, failed: Bool) {
        Timer(label: "edigate_erp_call_seconds", dimensions: [("endpoint", endpoint)], factory: factory).recordNanoseconds(Int64(max(0, seconds) * 1_000_000_000))
        if failed { Counter(label: "edigate_erp_errors_total", dimensions: [("endpoint", endpoint)], factory: factory).increment() }
    }

    func transportError(partner: String) {
        Counter(label: "edigate_transport_errors_total", dimensions: [("partner", partner)], factory: factory).increment()
    }

    func alertRaised(kind: String) {
        Counter(label: "edigate_alerts_total", dimensions: [("kind", kind)], factory: factory).increment()
    }

    /// The store's picture at scrape time: files by partner and state, outbox depth, holds,
    /// dead letters, acknowledgments awaited and overdue.
    func record(_ status: [PartnerStatus]) {
        for partner in status {
            for (state, count) in partner.inbound {
                Gauge(label: "edigate_inbound_files", dimensions: [("partner", partner.partner), ("state", state)], factory: factory).record(count)
            }
            Gauge(label: "edigate_outbox_pending", dimensions: [("partner", partner.partner)], factory: factory).record(partner.outboxPending)
            Gauge(label: "edigate_acknowledgments_awaited", dimensions: [("partner", partner.partner)], factory: factory).record(partner.awaitingAcknowledgments)
            Gauge(label: "edigate_acknowledgments_overdue", dimensions: [("partner", partner.partner)], factory: factory).record(partner.overdueAcknowledgments)
            Gauge(label: "edigate_acknowledgments_owed", dimensions: [("partner", partner.partner)], factory: factory).record(partner.owedAcknowledgments)
        }
    }

    /// Free space on the store's disk: below the reserve (`poll.minimumFreeMB`) no file is taken.
    func storeSpace(freeBytes: Int64) {
        Gauge(label: "edigate_store_free_bytes", factory: factory).record(freeBytes)
    }

    func breaker(endpoint: String, open: Bool) {
        Gauge(label: "edigate_erp_breaker_open", dimensions: [("endpoint", endpoint)], factory: factory).record(open ? 1 : 0)
    }

    /// The Prometheus text exposition.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
