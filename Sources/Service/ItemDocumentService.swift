import ERP
import Foundation
import Gateway
import Logging
import Partners
import Store
import Transport
import X12

/// The documents the service sends partners about items rather than orders: the 846 inventory
/// advice (profile `inventory:`) and the 832 price catalog (profile `catalog:`). Each partner
/// with one is looked at on its `intervalMinutes` schedule (the first look when the service
/// starts), and ERP events (`POST /v1/inventory-events`, `POST /v1/price-events`) send at once
/// to the partners carrying the items they name; only what changed is ever sent.
final class ItemDocumentService: @unchecked Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case inventory, catalog

        var transactionSet: String { self == .inventory ? "846" : "832" }
        var eventPath: String { self == .inventory ? "/v1/inventory-events" : "/v1/price-events" }
        /// The answer's array: `advices` (846) or `catalogs` (832).
        var answerKey: String { self == .inventory ? "advices" : "catalogs" }

        func settings(_ profile: PartnerProfile) -> (interval: Int, items: [PartnerItem])? {
            switch self {
            case .inventory: profile.inventory.map { ($0.intervalMinutes, $0.items) }
            case .catalog: profile.catalog.map { ($0.intervalMinutes, $0.items) }
            }
        }
    }

    /// One partner's report inside an event's answer.
    struct Encoded: Encodable {
        let report: any ItemDocumentReport
        func encode(to encoder: any Encoder) throws { try report.encode(to: encoder) }
    }

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
        self.configuration = configuration
        self.library = library
        self.client = client
        self.metrics = metrics
        self.logger = logger
        self.now = now
    }

    /// Whether any partner is on a schedule (the service runs the periodic look only then).
    static func anyScheduled(_ partners: PartnerDirectory) -> Bool {
        partners.profiles.values.contains { profile in Kind.allCases.contains { ($0.settings(profile)?.interval ?? 0) > 0 } }
    }

    /// One pass of the schedule: every partner and kind whose interval has passed since its last look.
    func sendDue() async {
        let loaded = configuration.current
        for (id, profile) in loaded.partners.profiles.sorted(by: { $0.key < $1.key }) {
            for kind in Kind.allCases {
                guard let settings = kind.settings(profile), settings.interval > 0 else { continue }
                let key = "\(kind.rawValue)/\(id)"
                let last = lock.withLock { looked[key] }
                if let last, now().timeIntervalSince(last) < Double(settings.interval) * 60 { continue }
                let report = await send(kind, to: profile, only: nil, reason: "schedule", loaded: loaded)
                // A held look is tried again on the next pass, not a whole interval later.
                if report?.outcome != .held { lock.withLock { looked[key] = now() } }
            }
        }
    }

    private func send(_ kind: Kind, to profile: PartnerProfile, only: Set<String>?, reason: String, loaded: LoadedConfiguration) async -> (any ItemDocumentReport)? {
        let transport: any Transport
        do { transport = try profile.transport.makeTransport() } catch {
            logger.error("\(kind.transactionSet): no transport", metadata: ["partner": "\(profile.id)", "error": "\(error)"])
            return nil
        }
        let sender = ItemDocumentSender(store: store, profile: profile, transport: transport, library: library, maps: loaded.maps, client: client, now: now)
        var report: (any ItemDocumentReport)?
        do {
            switch kind {
            case .inventory: report = try await sender.adviseInventory(only: only, reason: reason)
            case .catalog: report = try await sender.publishCatalog(only: only, reason: reason)
            }
        } catch {
            logger.error("\(kind.transactionSet) failed", metadata: ["partner": "\(profile.id)", "error": "\(error)"])
        }
        await transport.close()
        if let report {
            if report.outcome == .sent { metrics.documentSent(partner: profile.id, type: kind.transactionSet) }
            logger.info("\(kind.transactionSet)", metadata: ["partner": "\(profile.id)", "outcome": "\(report.outcome.rawValue)", "reason": "\(reason)"])
        }
        return report
    }

    /// The body of an event: the items that moved (stock or price).
    struct Event: Decodable {
        struct Item: Decodable {
            var vendorPartNumber: String?
            var gtin: String?
        }
        var items: [Item]
    }

    /// Sends every partner carrying one of the items now; 503 when the ERP could not answer
    /// for one of them (the call may be repeated: only what changed is sent).
    func event(_ kind: Kind, body: [UInt8], caller: String) async -> ERPEventHandler.Answer {
        let event: Event
        do { event = try JSONDecoder().decode(Event.self, from: Data(body)) } catch {
            return problem(400, "Not an item event", "expected {\"items\": [{\"vendorPartNumber\": …} | {\"gtin\": …}]}: \(error)")
        }
        guard !event.items.isEmpty, event.items.count <= 100_000 else { return problem(400, "Not an item event", "1 to 100000 items") }
        guard event.items.allSatisfy({ $0.vendorPartNumber != nil || $0.gtin != nil }) else {
            return problem(400, "Not an item event", "each item needs vendorPartNumber or gtin")
        }
        let vendor = Set(event.items.compactMap(\.vendorPartNumber))
        let gtins = Set(event.items.compactMap(\.gtin))
        let loaded = configuration.current
        var reports: [any ItemDocumentReport] = []
        for (_, profile) in loaded.partners.profiles.sorted(by: { $0.key < $1.key }) {
            guard let settings = kind.settings(profile) else { continue }
            let keys = Set(settings.items.filter { item in item.vendorPartNumber.map(vendor.contains) ?? false || item.gtin.map(gtins.contains) ?? false }.map(\.key))
            guard !keys.isEmpty else { continue }
            if let report = await send(kind, to: profile, only: keys, reason: "ERP \(kind == .inventory ? "inventory" : "price") event", loaded: loaded) { reports.append(report) }
        }
        _ = try? await store.audit.append(AuditEvent(partner: nil, document: nil, kind: .eventReceived, details: [
            "type": .text(kind == .inventory ? "inventory" : "prices"), "caller": .text(caller), "items": .integer(Int64(event.items.count)),
            "partners": .list(reports.map { "\($0.partner)=\($0.outcome.rawValue)" }),
        ]), at: now())
        if let held = reports.first(where: { $0.outcome == .held }) {
            return problem(503, "Not sent yet", "partner \(held.partner): the ERP could not answer; repeat the event later (only what changed is sent)")
        }
        return ERPEventHandler.Answer(status: 200, body: ERPEventHandler.json([kind.answerKey: reports.map(Encoded.init)]), isProblem: false)
    }

    private func problem(_ status: Int, _ title: String, _ detail: String) -> ERPEventHandler.Answer {
        let body: [String: AnyEncodable] = ["type": .init("about:blank"), "title": .init(title), "status": .init(status), "detail": .init(detail)]
        return ERPEventHandler.Answer(status: status, body: ERPEventHandler.json(body), isProblem: true)
    }
}
