import Documents
import Mapping
import Store

/// What the buyer sent to identify an item, echoed back in our 856 and 810: an ERP names items
/// its own way (its item number, maybe a GTIN), while the buyer matches our documents by the
/// ids on its order. Each shipped item or invoice line takes, from the order line it answers
/// (same PO line number, else the same vendor part, buyer part or GTIN), the pairs the buyer
/// sent and the named ids the ERP left out. Pure: the sender applies it before generating.
enum BuyerItemEcho {
    static func echo(_ document: CanonicalDocument, orders: [String: PurchaseOrder]) -> CanonicalDocument {
        switch document {
        case .shipNotice(var notice):
            for o in notice.orders.indices {
                guard let order = orders[notice.orders[o].poNumber] else { continue }
                for p in notice.orders[o].packs.indices {
                    notice.orders[o].packs[p].items = notice.orders[o].packs[p].items.map { echo($0, order, lineNumber: $0.lineNumber) }
                }
                for t in notice.orders[o].tares.indices {
                    for p in notice.orders[o].tares[t].packs.indices {
                        notice.orders[o].tares[t].packs[p].items = notice.orders[o].tares[t].packs[p].items.map { echo($0, order, lineNumber: $0.lineNumber) }
                    }
                }
            }
            return .shipNotice(notice)
        case .invoice(var invoice):
            guard let order = orders[invoice.poNumber] else { return document }
            invoice.lines = invoice.lines.map { echo($0, order, lineNumber: $0.lineNumber) }
            return .invoice(invoice)
        case .purchaseOrder, .orderAcknowledgment, .changeOrder, .changeAcknowledgment, .inventoryAdvice, .priceCatalog, .locationList:
            return document
        }
    }

    private static func echo<Item: BuyerItemIDs>(_ item: Item, _ order: PurchaseOrder, lineNumber: String?) -> Item {
        guard let ordered = match(order, lineNumber: lineNumber, vendor: item.vendorPartNumber, buyer: item.buyerPartNumber, gtin: item.gtin) else { return item }
        var item = item
        item.productIds = item.productIds ?? ordered.productIds
        item.buyerPartNumber = item.buyerPartNumber ?? ordered.buyerPartNumber
        item.vendorPartNumber = item.vendorPartNumber ?? ordered.vendorPartNumber
        item.gtin = item.gtin ?? ordered.gtin
        return item
    }

    /// The order line an item answers: by PO line number when the ERP kept it, else by one id.
    static func match(_ order: PurchaseOrder, lineNumber: String?, vendor: String?, buyer: String?, gtin: String?) -> PurchaseOrder.Line? {
        if let lineNumber, let line = order.lines.first(where: { $0.lineNumber == lineNumber }) {
            // A line number that names another item is not an answer to that line.
            let agrees = [(vendor, line.vendorPartNumber), (buyer, line.buyerPartNumber), (gtin, line.gtin)].allSatisfy { sent, ordered in
                sent == nil || ordered == nil || sent == ordered
            }
            return agrees ? line : nil
        }
        return order.lines.first { line in
            (vendor != nil && vendor == line.vendorPartNumber) || (buyer != nil && buyer == line.buyerPartNumber) || (gtin != nil && gtin == line.gtin)
        }
    }
}

/// The ids a shipped item and an invoice line share with the order line they answer.
protocol BuyerItemIDs {
    var productIds: [ProductID]? { get set }
    var buyerPartNumber: String? { get set }
    var vendorPartNumber: String? { get set }
    var gtin: String? { get set }
}

extension ShipNotice.Item: BuyerItemIDs {}
extension Invoice.Line: BuyerItemIDs {}
