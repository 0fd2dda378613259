import Documents
import ERP
import Foundation
import Partners
import Store

/// What we promised a partner's order lines: for each PO line whose item the partner's
/// catalog lists, the price we last published for it that holds on the order's date (a price
/// superseded by a later catalog no longer counts).
enum PublishedPrices {
    static func promised(to order: PurchaseOrder, profile: PartnerProfile, store: GatewayStore) async throws -> [String: PublishedPrice] {
        guard let catalog = profile.catalog else { return [:] }
        // Where each id an order line may carry is first listed; the first item any of the
        // line's ids names is the line's.
        var byVendor: [String: Int] = [:], byGTIN: [String: Int] = [:], byBuyer: [String: Int] = [:]
        for (index, item) in catalog.items.enumerated().reversed() {
            if let id = item.vendorPartNumber { byVendor[id] = index }
            if let id = item.gtin { byGTIN[id] = index }
            if let id = item.buyerPartNumber { byBuyer[id] = index }
        }
        let holding = try await store.publishedPrices(partner: profile.id, on: order.poDate)
        guard !holding.isEmpty else { return [:] }
        var promised: [String: PublishedPrice] = [:]
        for line in order.lines {
            let named = [line.vendorPartNumber.flatMap { byVendor[$0] }, line.gtin.flatMap { byGTIN[$0] }, line.buyerPartNumber.flatMap { byBuyer[$0] }]
            guard let index = named.compactMap({ $0 }).min(), let latest = holding[catalog.items[index].key], latest.uom == line.uom,
                  let outbound = latest.outboundID else { continue }
            promised[line.lineNumber] = PublishedPrice(price: latest.price, catalog: "832 outbound/\(outbound) of \(latest.effectiveDate)")
        }
        return promised
    }

    /// The lines ordered at exactly the price we promised them, with the catalog that carried it.
    static func catalogs(of order: PurchaseOrder, promised: [String: PublishedPrice]) -> [String: String] {
        var catalogs: [String: String] = [:]
        for line in order.lines {
            if let price = line.unitPrice, let published = promised[line.lineNumber], published.price == price { catalogs[line.lineNumber] = published.catalog }
        }
        return catalogs
    }
}
