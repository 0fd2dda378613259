import Documents
import ERP
import Foundation
import Store

/// What one 832 did for a partner.
public struct CatalogReport: ItemDocumentReport, Hashable {
    public var partner: String
    public var outcome: ItemDocumentOutcome
    /// Items in the 832.
    public var items: Int
    public var interchange: String?
    public var file: String?
    /// Items the ERP does not price: not published, listed for ops.
    public var unpriced: [String]
    public var reason: String?
}

extension ItemDocumentSender {
    /// Publishes the partner the prices the ERP would honour today for its items, as an 832:
    /// each effective today, ending when the ERP says it ends; with deltas, only items whose
    /// price, unit or end changed since the last catalog. Every published price is kept with the
    /// 832 that carried it.
    public func publishCatalog(only: Set<String>? = nil, full: Bool = false, reason: String) async throws -> CatalogReport {
        guard let settings = profile.catalog else { throw ItemDocumentError.notConfigured(partner: profile.id, section: "catalog") }
        let (items, asked) = Self.asked(settings.items, only: only)
        var report = CatalogReport(partner: profile.id, outcome: .unchanged, items: 0, unpriced: [])
        guard !items.isEmpty else { return report }
        let today = OrderValidator.today(now())
        let snapshot: PriceSnapshot.Result
        do {
            snapshot = try await PriceSnapshot(client: client).take(customerId: profile.erp.customer, currency: nil, items: asked, date: today)
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
        let sent = try await queueAndUpload(type: "832", document: { .priceCatalog(PriceCatalog(catalogNumber: $0, catalogDate: today, items: published832)) }, prefix: "CAT") { answer in
            try await store.recordCatalog(partner: profile.id, prices: records, reason: reason, answer: answer, at: now())
        }
        report.items = lines.count
        report.interchange = sent.outbound.interchangeControl
        report.file = sent.outbound.fileName
        report.outcome = sent.outcome
        report.reason = sent.reason
        return report
    }
}
