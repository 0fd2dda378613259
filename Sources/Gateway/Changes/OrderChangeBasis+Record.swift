import Documents
import ERP
import Foundation
import Store

extension OrderChangeBasis {
    /// The basis for a change from the order on record: each line as it stands (the quantity
    /// and price agreed, after earlier changes), the ERP's line for it, what shipped and what
    /// was invoiced. Nil when the store does not hold the ERP's lines (an order decided before
    /// it kept them): a person must apply such a change.
    init?(_ order: OrderRecord) throws {
        guard let text = order.erpLines else { return nil }
        let erp = try JSONDecoder().decode([OrderSubmission.Line].self, from: Data(text.utf8))
        let byNumber = Dictionary(erp.map { ($0.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
        let recordedByNumber = Dictionary(order.lines.map { ($0.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [Line] = []
        for standing in order.standingLines {
            guard let recorded = recordedByNumber[standing.lineNumber] else { continue }
            // A line that left the order (cancelled) is no longer there to change.
            if recorded.acknowledgedStatus == "ID" { continue }
            var line = standing
            if order.currentLines == nil {
                line.quantity = recorded.acknowledgedQuantity ?? recorded.ordered
                line.unitPrice = recorded.acknowledgedPrice ?? standing.unitPrice
            }
            lines.append(Line(line: line, erp: byNumber[standing.lineNumber], shipped: recorded.shipped, invoiced: recorded.invoiced))
        }
        self.init(order: order.purchaseOrder, lines: lines, erpOrderNumber: order.erpOrderNumber)
    }

    /// The ERP's lines as the store keeps them.
    static func json(_ lines: [OrderSubmission.Line]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(lines), as: UTF8.self)
    }
}

extension ChangeOrder {
    /// An 850 that replaces an order on record (BEG01 05), as a change to it: each of its lines
    /// replaces the line of that number or is added, and a line on record it leaves out is
    /// cancelled.
    init(replacing order: OrderRecord, with replacement: PurchaseOrder) {
        let known = Set(order.standingLines.map(\.lineNumber))
        var lines = replacement.lines.map { line in
            Line(lineNumber: line.lineNumber, change: known.contains(line.lineNumber) ? "replace" : "add", quantity: line.quantity, uom: line.uom,
                 unitPrice: line.unitPrice, buyerPartNumber: line.buyerPartNumber, vendorPartNumber: line.vendorPartNumber, gtin: line.gtin,
                 productIds: line.productIds, description: line.description)
        }
        let sent = Set(replacement.lines.map(\.lineNumber))
        for line in order.standingLines where !sent.contains(line.lineNumber) {
            lines.append(Line(lineNumber: line.lineNumber, change: "cancel", uom: line.uom, buyerPartNumber: line.buyerPartNumber,
                              vendorPartNumber: line.vendorPartNumber, gtin: line.gtin, productIds: line.productIds))
        }
        self.init(poNumber: replacement.poNumber, poDate: replacement.poDate, purpose: "05", orderType: replacement.orderType, shipTo: replacement.shipTo,
                  requestedShipDate: replacement.requestedShipDate, requestedDeliveryDate: replacement.requestedDeliveryDate, lines: lines, notes: replacement.notes)
    }
}
