import Foundation
import Documents

/// The checks every outbound document passes before it is mapped: whatever they refuse is
/// never written. Returns the document as it will be written (an invoice gains its total).
public enum OutboundChecks {
    public static func check(_ document: CanonicalDocument) throws(OutboundCheckError) -> CanonicalDocument {
        switch document {
        case .invoice(let invoice):
            return .invoice(try InvoiceTotals.settled(invoice))
        case .shipNotice(let notice):
            try check(notice)
            return document
        case .orderAcknowledgment(let ack):
            try check(ack)
            return document
        case .purchaseOrder(let order):
            if order.lines.isEmpty { throw .missing(field: "lines", reason: "a purchase order needs at least one line") }
            return document
        case .changeAcknowledgment(let ack):
            try check(ack)
            return document
        case .inventoryAdvice(let advice):
            try check(advice)
            return document
        case .priceCatalog(let catalog):
            try check(catalog)
            return document
        case .changeOrder, .locationList:
            // Documents partners send us: nothing of ours to hold them to.
            return document
        }
    }

    static func check(_ notice: ShipNotice) throws(OutboundCheckError) {
        guard !notice.orders.isEmpty else { throw .missing(field: "orders", reason: "a ship notice needs at least one order") }
        var seen: Set<String> = []
        func pack(_ p: ShipNotice.Pack, _ field: String) throws(OutboundCheckError) {
            let sscc = try SSCC.validated(p.sscc, field: "\(field).sscc")
            guard seen.insert(sscc).inserted else { throw .duplicateSSCC(field: "\(field).sscc", value: p.sscc) }
            guard !p.items.isEmpty else { throw .missing(field: "\(field).items", reason: "a pack needs at least one item") }
            for (k, item) in p.items.enumerated() where item.quantity <= 0 {
                throw .invalidValue(field: "\(field).items[\(k)].quantity", value: "\(item.quantity)", reason: "must be positive")
            }
        }
        for (i, order) in notice.orders.enumerated() {
            let field = "orders[\(i)]"
            guard !order.packs.isEmpty || !order.tares.isEmpty else { throw .missing(field: "\(field).packs", reason: "an order needs at least one pack") }
            for (j, p) in order.packs.enumerated() { try pack(p, "\(field).packs[\(j)]") }
            for (t, tare) in order.tares.enumerated() {
                let sscc = try SSCC.validated(tare.sscc, field: "\(field).tares[\(t)].sscc")
                guard seen.insert(sscc).inserted else { throw .duplicateSSCC(field: "\(field).tares[\(t)].sscc", value: tare.sscc) }
                guard !tare.packs.isEmpty else { throw .missing(field: "\(field).tares[\(t)].packs", reason: "a tare needs at least one pack") }
                for (j, p) in tare.packs.enumerated() { try pack(p, "\(field).tares[\(t)].packs[\(j)]") }
            }
        }
    }

    static func check(_ ack: OrderAcknowledgment) throws(OutboundCheckError) {
        for (i, line) in ack.lines.enumerated() {
            guard line.status.count == 2 else { throw .invalidValue(field: "lines[\(i)].status", value: line.status, reason: "is not an ACK01 line item status code (IA, IP, IQ, IB, IR, R2 …)") }
        }
        if ack.status == .accepted, let line = ack.lines.first(where: { $0.status != "IA" && $0.status != "AC" }) {
            throw .invalidValue(field: "status", value: "accepted", reason: "contradicts line \(line.lineNumber) with status \(line.status); use acceptedWithChanges")
        }
        if ack.status == .rejected, let line = ack.lines.first(where: { $0.status == "IA" }) {
            throw .invalidValue(field: "status", value: "rejected", reason: "contradicts line \(line.lineNumber) accepted (IA)")
        }
    }

    static func check(_ ack: ChangeAcknowledgment) throws(OutboundCheckError) {
        for (i, line) in ack.lines.enumerated() {
            guard line.status.count == 2 else { throw .invalidValue(field: "lines[\(i)].status", value: line.status, reason: "is not an ACK01 line item status code (IA, IQ, IP, IR, ID …)") }
        }
        if ack.status == .accepted, let line = ack.lines.first(where: { !["IA", "AC", "ID"].contains($0.status) }) {
            throw .invalidValue(field: "status", value: "accepted", reason: "contradicts line \(line.lineNumber) with status \(line.status); use acceptedWithChanges")
        }
        if ack.status == .rejected, let line = ack.lines.first(where: { $0.status == "IA" }) {
            throw .invalidValue(field: "status", value: "rejected", reason: "contradicts line \(line.lineNumber) accepted (IA)")
        }
    }

    /// An advice never promises what is not there: no negative quantity, a next receipt with
    /// both its quantity and date, one item per warehouse once.
    static func check(_ advice: InventoryAdvice) throws(OutboundCheckError) {
        guard !advice.items.isEmpty else { throw .missing(field: "items", reason: "an inventory advice needs at least one item") }
        var seen: Set<String> = []
        for (i, item) in advice.items.enumerated() {
            let field = "items[\(i)]"
            guard item.buyerPartNumber != nil || item.vendorPartNumber != nil || item.gtin != nil || !(item.productIds ?? []).isEmpty else {
                throw .missing(field: "\(field)", reason: "an item needs a product id (buyerPartNumber, vendorPartNumber, gtin or productIds)")
            }
            if item.quantityAvailable < 0 { throw .invalidValue(field: "\(field).quantityAvailable", value: "\(item.quantityAvailable)", reason: "must not be negative") }
            if let onHand = item.quantityOnHand, onHand < 0 { throw .invalidValue(field: "\(field).quantityOnHand", value: "\(onHand)", reason: "must not be negative") }
            if (item.nextQuantity == nil) != (item.nextDate == nil) {
                throw .missing(field: "\(field).\(item.nextDate == nil ? "nextDate" : "nextQuantity")", reason: "a next receipt needs both its quantity and its date")
            }
            if let next = item.nextQuantity, next <= 0 { throw .invalidValue(field: "\(field).nextQuantity", value: "\(next)", reason: "must be positive") }
            let key = [item.buyerPartNumber, item.vendorPartNumber, item.gtin, item.warehouse?.id].map { $0 ?? "" }.joined(separator: "\u{1F}")
            guard seen.insert(key).inserted else { throw .invalidValue(field: field, value: key.replacingOccurrences(of: "\u{1F}", with: "/"), reason: "the same item and warehouse appears twice") }
        }
    }

    /// A catalog never publishes a price that cannot hold: positive, and ending after it starts.
    static func check(_ catalog: PriceCatalog) throws(OutboundCheckError) {
        guard !catalog.items.isEmpty else { throw .missing(field: "items", reason: "a price catalog needs at least one item") }
        for (i, item) in catalog.items.enumerated() {
            let field = "items[\(i)]"
            guard item.buyerPartNumber != nil || item.vendorPartNumber != nil || item.gtin != nil || !(item.productIds ?? []).isEmpty else {
                throw .missing(field: "\(field)", reason: "an item needs a product id (buyerPartNumber, vendorPartNumber, gtin or productIds)")
            }
            if item.unitPrice <= 0 { throw .invalidValue(field: "\(field).unitPrice", value: "\(item.unitPrice)", reason: "must be positive") }
            if let pack = item.pack, pack <= 0 { throw .invalidValue(field: "\(field).pack", value: "\(pack)", reason: "must be positive") }
            if let end = item.expirationDate, end < item.effectiveDate {
                throw .invalidValue(field: "\(field).expirationDate", value: end, reason: "is before effectiveDate \(item.effectiveDate)")
            }
        }
    }
}
