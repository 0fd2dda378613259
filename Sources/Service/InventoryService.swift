import ERP
import Foundation
import Gateway
import Logging
import Partners
import Store
import Transport
import X12

/// The 846 side of the service: each partner with an `inventory:` section gets an advice on its
/// `intervalMinutes` schedule (the first look at start-up), and ERP inventory events
/// (`POST /v1/inventory-events`) advise at once the partners stocking the items they name.
final class InventoryService: @unchecked Sendable {
    let store: GatewayStore
    let configuration: ConfigurationBox
    let library: SchemaLibrary
    let client: any ERPClient
    let metrics: GatewayMetrics
    let logger: Logger
    let now: @Sendable () -> Date
    private let lock = NSLock()
    private var looked: [String: Date] = [:]

    init(store: GatewayStore, configuration: ConfigurationBox, library: SchemaLibrary, client: any ERPClient, metrics: GatewayMetrics, logger: Logger,
         now: @escaping @Sendable () -> Date) {
        self.store = store
        self.metrics = metrics
        self.configuration = configuration
        self.library = library
        self.client = client
        self.logger = logger
        self.now = now
    }

    /// One pass of the schedule: every partner whose interval has passed since its last look.
    func adviseDue() async {
        let loaded = configuration.current
        for (id, profile) in loaded.partners.profiles.sorted(by: { $0.key < $1.key }) {
            guard let settings = profile.inventory, settings.intervalMinutes > 0 else { continue }
            let last = lock.withLock { looked[id] }
            if let last, now().timeIntervalSince(last) < Double(settings.intervalMinutes) * 60 { continue }
            let report = await advise(profile, only: nil, reason: "schedule", loaded: loaded)
            // A held look is tried again on the next pass, not a whole interval later.
            if report?.outcome != .held { lock.withLock { looked[id] = now() } }
        }
    }

    private func advise(_ profile: PartnerProfile, only: Set<String>?, reason: String, loaded: LoadedConfiguration) async -> InventoryAdviceReport? {
        let transport: any Transport
        do { transport = try profile.transport.makeTransport() } catch {
            logger.error("inventory advice: no transport", metadata: ["partner": "\(profile.id)", "error": "\(error)"])
            return nil
        }
        let adviser = InventoryAdviser(store: store, profile: profile, transport: transport, library: library, maps: loaded.maps, client: client, now: now)
        var report: InventoryAdviceReport?
        do {
            report = try await adviser.advise(only: only, reason: reason)
        } catch {
            logger.error("inventory advice failed", metadata: ["partner": "\(profile.id)", "error": "\(error)"])
        }
        await transport.close()
        if let report {
            if report.outcome == .sent { metrics.documentSent(partner: profile.id, type: "846") }
            logger.info("inventory advice", metadata: ["partner": "\(profile.id)", "outcome": "\(report.outcome.rawValue)", "items": "\(report.items)",
                                                       "reason": "\(reason)", "interchange": "\(report.interchange ?? "")"])
        }
        return report
    }

    /// The body of `POST /v1/inventory-events`: the items whose stock moved.
    struct Event: Decodable {
        struct Item: Decodable {
            var vendorPartNumber: String?
            var gtin: String?
        }
        var items: [Item]
    }

    struct EventAnswer: Encodable {
        var advices: [InventoryAdviceReport]
    }

    /// Advises every partner stocking one of the items now (deltas as its profile says);
    /// 503 when the ERP could not answer for one of them (the call may be repeated: only what
    /// changed is sent).
    func event(body: [UInt8], caller: String) async -> ERPEventHandler.Answer {
        let event: Event
        do { event = try JSONDecoder().decode(Event.self, from: Data(body)) } catch {
            return problem(400, "Not an inventory event", "expected {\"items\": [{\"vendorPartNumber\": …} | {\"gtin\": …}]}: \(error)")
        }
        guard !event.items.isEmpty, event.items.count <= 100_000 else { return problem(400, "Not an inventory event", "1 to 100000 items") }
        guard event.items.allSatisfy({ $0.vendorPartNumber != nil || $0.gtin != nil }) else {
            return problem(400, "Not an inventory event", "each item needs vendorPartNumber or gtin")
        }
        let vendor = Set(event.items.compactMap(\.vendorPartNumber))
        let gtins = Set(event.items.compactMap(\.gtin))
        let loaded = configuration.current
        var reports: [InventoryAdviceReport] = []
        for (_, profile) in loaded.partners.profiles.sorted(by: { $0.key < $1.key }) {
            guard let settings = profile.inventory else { continue }
            let keys = Set(settings.items.filter { item in item.vendorPartNumber.map(vendor.contains) ?? false || item.gtin.map(gtins.contains) ?? false }.map(\.key))
            guard !keys.isEmpty else { continue }
            if let report = await advise(profile, only: keys, reason: "ERP inventory event", loaded: loaded) { reports.append(report) }
        }
        _ = try? await store.audit.append(AuditEvent(partner: nil, document: nil, kind: .eventReceived, details: [
            "type": .text("inventory"), "caller": .text(caller), "items": .integer(Int64(event.items.count)),
            "partners": .list(reports.map { "\($0.partner)=\($0.outcome.rawValue)" }),
        ]), at: now())
        if let held = reports.first(where: { $0.outcome == .held }) {
            return problem(503, "Not advised yet", "partner \(held.partner): \(held.reason ?? "held"); repeat the event later (only what changed is sent)")
        }
        return ERPEventHandler.Answer(status: 200, body: ERPEventHandler.json(EventAnswer(advices: reports)), isProblem: false)
    }

    private func problem(_ status: Int, _ title: String, _ detail: String) -> ERPEventHandler.Answer {
        let body: [String: AnyEncodable] = ["type": .init("about:blank"), "title": .init(title), "status": .init(status), "detail": .init(detail)]
        return ERPEventHandler.Answer(status: status, body: ERPEventHandler.json(body), isProblem: true)
    }
}
