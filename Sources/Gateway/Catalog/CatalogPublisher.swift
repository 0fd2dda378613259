import Documents
import ERP
import Foundation
import Mapping
import Partners
import Store
import Transport
import X12

/// What one catalog publication did for a partner: one JSON object from `edigate gateway
/// catalog` and per partner from `POST /v1/price-events`.
public struct CatalogReport: Sendable, Hashable, Encodable {
    public enum Outcome: String, Sendable, Hashable, Encodable {
        case sent, pending, unchanged, held
    }

    public var partner: String
    public var outcome: Outcome
    /// Items in the 832.
    public var items: Int
    public var interchange: String?
    public var file: String?
    /// Items the ERP does not price: not published, listed for ops.
    public var unpriced: [String]
    public var reason: String?
}

/// Publishes a partner the prices the ERP would honour today (profile `catalog:`), as an 832
/// through the outbox: each price effective today, ending when the ERP says it ends. With
/// `deltas`, only items whose price or end changed since the last catalog. Every published
/// price is kept with the 832 that carried it; a failing ERP delays the catalog.
public struct CatalogPublisher: Sendable {
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

    public func publish(only: Set<String>? = nil, full: Bool = false, reason: String) async throws -> CatalogReport {
        guard let settings = profile.catalog else { throw CatalogError.notConfigured(partner: profile.id) }
        let items = settings.items.filter { only?.contains($0.key) ?? true }
        var report = CatalogReport(partner: profile.id, outcome: .unchanged, items: 0, unpriced: [])
        guard !items.isEmpty else { return report }
        let today = OrderValidator.today(now())
        let snapshot: PriceSnapshot.Result
        do {
            snapshot = try await PriceSnapshot(client: client).take(
                customerId: profile.erp.customer, currency: nil,
                items: items.map { InventorySnapshot.Item(ref: $0.key, item: ItemReference(vendorPartNumber: $0.vendorPartNumber, gtin: $0.gtin), uom: $0.uom) },
                date: today)
        } catch {
            report.outcome = .held
            report.reason = "the ERP could not answer: \(error)"
            return report
        }
        report.unpriced = snapshot.unpriced
        let published = try await store.publishedPrices(partner: profile.id)
        let byKey = Dictionary(items.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [PriceCatalog.Item] = []
        var records: [PublishedPriceRecord] = []
        for price in snapshot.prices {
            guard let item = byKey[price.ref] else { continue }
            if settings.deltas, !full, let last = published[price.ref], last.price == price.unitPrice, last.uom == item.uom,
               last.expirationDate == price.validUntil, last.expirationDate.map({ $0 >= today }) ?? true {
                continue
            }
            records.append(PublishedPriceRecord(item: price.ref, uom: item.uom, price: price.unitPrice, effectiveDate: today, expirationDate: price.validUntil))
            lines.append(PriceCatalog.Item(lineNumber: "\(lines.count + 1)", buyerPartNumber: item.buyerPartNumber, vendorPartNumber: item.vendorPartNumber, gtin: item.gtin,
                                           pack: item.pack, priceCode: "CON", unitPrice: price.unitPrice, uom: item.uom, effectiveDate: today, expirationDate: price.validUntil))
        }
        guard !lines.isEmpty else { return report }
        let published832 = lines
        let partner = profile.id
        let answer = QueuedInterchange.single({ interchange in
            .priceCatalog(PriceCatalog(catalogNumber: "CAT\(String(format: "%09d", interchange))", catalogDate: today, items: published832))
        }, type: "832", profile: profile, generator: DocumentGenerator(catalog: maps, library: library, partner: profile.id), stamp: X12Timestamp(now())) { error in
            CatalogError.notGenerated(partner: partner, reason: "\(error)")
        }
        let queued = try await store.recordCatalog(partner: profile.id, prices: records, reason: reason, answer: answer, at: now())
        report.items = lines.count
        report.interchange = queued.interchangeControl
        report.file = queued.fileName
        do {
            _ = try await OutboxUploader(store: store, profile: profile, transport: transport, lease: lease, now: now).upload(queued.id)
            report.outcome = .sent
        } catch {
            report.outcome = .pending
            report.reason = "queued; upload failed: \(error)"
        }
        return report
    }
}

public enum CatalogError: Error, Sendable, CustomStringConvertible {
    case notConfigured(partner: String)
    case notGenerated(partner: String, reason: String)

    public var description: String {
        switch self {
        case .notConfigured(let partner): "partner \(partner) has no catalog: section in its profile"
        case .notGenerated(let partner, let reason): "partner \(partner): the 832 could not be generated: \(reason)"
        }
    }
}
