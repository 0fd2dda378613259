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
        var promised: [String: PublishedPrice] = [:]
        for line in order.lines {
            guard let item = catalog.items.first(where: { item in
                (item.vendorPartNumber != nil && item.vendorPartNumber == line.vendorPartNumber) || (item.gtin != nil && item.gtin == line.gtin)
                    || (item.buyerPartNumber != nil && item.buyerPartNumber == line.buyerPartNumber)
            }) else { continue }
            guard let latest = try await store.publishedPrices(partner: profile.id, item: item.key, on: order.poDate).first,
                  latest.uom == line.uom, let outbound = latest.outboundID else { continue }
            promised[line.lineNumber] = PublishedPrice(price: latest.price, catalog: "832 outbound/\(outbound) of \(latest.effectiveDate)")
        }
        return promised
    }
}
