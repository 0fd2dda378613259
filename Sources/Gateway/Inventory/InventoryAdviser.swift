import Documents
import ERP
import Foundation
import Mapping
import Partners
import Store
import Transport
import X12

/// What one inventory advice did for a partner: one JSON object per partner from `edigate
/// gateway inventory` and `POST /v1/inventory-events`.
public struct InventoryAdviceReport: Sendable, Hashable, Encodable {
    public enum Outcome: String, Sendable, Hashable, Encodable {
        /// An 846 was queued and uploaded.
        case sent
        /// Queued; the upload failed and is retried with the outbox.
        case pending
        /// Deltas only, and nothing changed since the last advice: nothing sent.
        case unchanged
        /// The ERP could not answer (or broke its contract): nothing told, try again later.
        case held
    }

    public var partner: String
    public var outcome: Outcome
    /// Item × warehouse lines in the 846.
    public var items: Int
    public var interchange: String?
    public var file: String?
    /// Items the ERP does not know at a warehouse: not advised, listed for ops.
    public var unknown: [String]
    public var reason: String?
}

/// Tells one partner what it can order: the ERP's available-to-promise for the partner's items
/// (profile `inventory:`) at its warehouses, as an 846 through the outbox. With `deltas`, only
/// what changed since the last advice (the store keeps what each partner was told, updated in
/// the transaction that queues the 846). A failing ERP delays the advice; it never sends a
/// guess.
public struct InventoryAdviser: Sendable {
    let store: GatewayStore
    let profile: PartnerProfile
    let transport: any Transport
    let library: SchemaLibrary
    let maps: MapCatalog
    let client: any ERPClient
    let lease: Lease
    let now: @Sendable () -> Date

    public init(store: GatewayStore, profile: PartnerProfile, transport: any Transport, library: SchemaLibrary, maps: MapCatalog, client: any ERPClient,
                lease: Lease = Lease(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.profile = profile
        self.transport = transport
        self.library = library
        self.maps = maps
        self.client = client
        self.lease = lease
        self.now = now
    }

    /// `only`: item keys an ERP event named (nil: every item); `full`: every position even
    /// when the partner takes deltas (a first advice, or on demand).
    public func advise(only: Set<String>? = nil, full: Bool = false, reason: String) async throws -> InventoryAdviceReport {
        guard let settings = profile.inventory else {
            throw InventoryAdviceError.notConfigured(partner: profile.id)
        }
        let items = settings.items.filter { only?.contains($0.key) ?? true }
        var report = InventoryAdviceReport(partner: profile.id, outcome: .unchanged, items: 0, unknown: [])
        guard !items.isEmpty else { return report }
        let snapshot: InventorySnapshot.Result
        do {
            snapshot = try await InventorySnapshot(client: client).take(
                customerId: profile.erp.customer, warehouses: settings.warehouses,
                items: items.map { InventorySnapshot.Item(ref: $0.key, item: ItemReference(vendorPartNumber: $0.vendorPartNumber, gtin: $0.gtin), uom: $0.uom) },
                date: OrderValidator.today(now()))
        } catch {
            report.outcome = .held
            report.reason = "the ERP could not answer: \(error)"
            return report
        }
        report.unknown = snapshot.unknown
        let told = try await store.inventoryPositions(partner: profile.id)
        let byKey = Dictionary(items.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [InventoryAdvice.Item] = []
        var positions: [InventoryPositionRecord] = []
        for position in snapshot.positions {
            guard let item = byKey[position.ref] else { continue }
            if settings.deltas, !full, told["\(position.ref)/\(position.warehouse)"] == position.available { continue }
            positions.append(InventoryPositionRecord(item: position.ref, warehouse: position.warehouse, quantity: position.available))
            lines.append(InventoryAdvice.Item(lineNumber: "\(lines.count + 1)", buyerPartNumber: item.buyerPartNumber, vendorPartNumber: item.vendorPartNumber, gtin: item.gtin,
                                              uom: item.uom, quantityAvailable: position.available, quantityOnHand: settings.onHand ? position.available : nil,
                                              warehouse: Party(id: position.warehouse, idQualifier: "92")))
        }
        guard !lines.isEmpty else { return report }
        let stamp = X12Timestamp(now())
        let profile = self.profile
        let generator = DocumentGenerator(catalog: maps, library: library, partner: profile.id)
        let adviceDate = OrderValidator.today(now())
        let advised = lines
        let partner = profile.id
        // The advice is named by its interchange: unique per partner, the same on every read.
        let answer = QueuedInterchange.single({ interchange in
            .inventoryAdvice(InventoryAdvice(adviceNumber: "INV\(String(format: "%09d", interchange))", adviceDate: adviceDate, items: advised))
        }, type: "846", profile: profile, generator: generator, stamp: stamp) { error in
            InventoryAdviceError.notGenerated(partner: partner, reason: "\(error)")
        }
        let queued = try await store.recordInventoryAdvice(partner: profile.id, positions: positions, reason: reason, answer: answer, at: now())
        report.items = lines.count
        report.interchange = queued.interchangeControl
        report.file = queued.fileName
        let uploader = OutboxUploader(store: store, profile: profile, transport: transport, lease: lease, now: now)
        do {
            _ = try await uploader.upload(queued.id)
            report.outcome = .sent
        } catch {
            report.outcome = .pending
            report.reason = "queued; upload failed: \(error)"
        }
        return report
    }
}

public enum InventoryAdviceError: Error, Sendable, CustomStringConvertible {
    case notConfigured(partner: String)
    case notGenerated(partner: String, reason: String)

    public var description: String {
        switch self {
        case .notConfigured(let partner): "partner \(partner) has no inventory: section in its profile"
        case .notGenerated(let partner, let reason): "partner \(partner): the 846 could not be generated: \(reason)"
        }
    }
}
