import Documents
import Foundation

/// The pure part of answering a change order: what each change line asks of the order on
/// record, before the ERP is asked anything. Changes that need the ERP (more, a new price, a
/// new line) are validated like an order; a smaller quantity or a cancelled line is applied as
/// asked; a change the order cannot take is refused with the reason the buyer reads.
public enum ChangeDecision {
    public enum Step: Sendable, Hashable {
        /// Refused with this reason; the line stays as it was.
        case refuse(String)
        /// The line leaves the order (cancelled, or its quantity set to zero).
        case cancel
        /// Taken as asked, without asking the ERP (less of the same at the same price).
        case apply(PurchaseOrder.Line)
        /// Validated with the ERP like an order line; `committed` is what the line costs now;
        /// `date`: the ship (or delivery) date it moves to, availability checked by then.
        case ask(PurchaseOrder.Line, committed: Decimal, date: String?)
        /// Nothing about the line changes for the ERP (no change).
        case keep
    }

    public struct Plan: Sendable, Hashable {
        /// Set when the whole change is refused (the order has shipped, say).
        public var refusal: String?
        public var cancelsOrder: Bool
        /// One step per change line, in the change's order.
        public var steps: [Step]
    }

    public static func plan(_ change: ChangeOrder, basis: OrderChangeBasis) -> Plan {
        let po = change.poNumber
        if let shipped = basis.lines.first(where: { $0.shipped > 0 }) {
            return refuse(change, "PO \(po) has shipped (line \(shipped.line.lineNumber)): it can no longer be changed")
        }
        if let invoiced = basis.lines.first(where: { $0.invoiced > 0 }) {
            return refuse(change, "PO \(po) has been invoiced (line \(invoiced.line.lineNumber)): it can no longer be changed")
        }
        if change.cancelsOrder {
            return Plan(refusal: nil, cancelsOrder: true, steps: change.lines.map { _ in .cancel })
        }
        var seen: Set<String> = []
        var steps: [Step] = []
        let byNumber = Dictionary(basis.lines.map { ($0.line.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
        for line in change.lines {
            guard seen.insert(line.lineNumber).inserted else {
                steps.append(.refuse("line \(line.lineNumber) is changed twice in one change order"))
                continue
            }
            steps.append(step(line, current: byNumber[line.lineNumber], po: po, orderDate: change.requestedShipDate ?? change.requestedDeliveryDate))
        }
        return Plan(refusal: nil, cancelsOrder: false, steps: steps)
    }

    /// `orderDate`: the change's header date (DTM 010/002), the date of a CT line without its own.
    static func step(_ line: ChangeOrder.Line, current: OrderChangeBasis.Line?, po: String, orderDate: String? = nil) -> Step {
        let lineDate = line.requestedShipDate ?? line.requestedDeliveryDate
        switch line.change {
        case "add":
            if current != nil { return .refuse("line \(line.lineNumber) is already on PO \(po); an added line needs a new number") }
            guard let quantity = line.quantity, quantity > 0 else { return .refuse("an added line needs a positive quantity") }
            guard let uom = line.uom, !uom.isEmpty else { return .refuse("an added line needs a unit of measure") }
            return .ask(PurchaseOrder.Line(lineNumber: line.lineNumber, quantity: quantity, uom: uom, unitPrice: line.unitPrice, buyerPartNumber: line.buyerPartNumber,
                                           vendorPartNumber: line.vendorPartNumber, gtin: line.gtin, description: line.description, productIds: line.productIds), committed: 0,
                        date: lineDate)
        case "cancel", "quantityIncrease", "quantityDecrease", "priceChange", "priceAndQuantity", "change", "replace", "dateChange", "noChange":
            guard let current else { return .refuse("line \(line.lineNumber) is not on PO \(po)") }
            if line.change == "cancel" { return .cancel }
            if line.change == "noChange" { return .keep }
            guard current.erp != nil else { return .refuse("line \(line.lineNumber) was rejected on the order; send it as an added line") }
            let cost = current.line.quantity * (current.erp?.unitPrice ?? current.line.unitPrice ?? 0)
            if line.change == "dateChange" {
                // The line as it stands, asked of the ERP by the new date: it is promised for that
                // date only if the ERP can have it ready by then.
                guard let date = lineDate ?? orderDate else { return .refuse("a date change of line \(line.lineNumber) needs the new date (DTM*010 or DTM*002)") }
                return .ask(current.line, committed: cost, date: date)
            }
            if let uom = line.uom, !uom.isEmpty, uom != current.line.uom {
                return .refuse("line \(line.lineNumber) is in \(current.line.uom); a change to \(uom) is not taken (send the line anew)")
            }
            let quantity = line.quantity ?? current.line.quantity
            if quantity < 0 { return .refuse("quantity \(quantity) is negative") }
            if quantity == 0 { return .cancel }
            var changed = current.line
            changed.quantity = quantity
            changed.unitPrice = line.unitPrice ?? current.line.unitPrice
            let samePrice = changed.unitPrice == current.line.unitPrice
            if let lineDate { return .ask(changed, committed: cost, date: lineDate) }
            if samePrice, quantity == current.line.quantity { return .keep }
            // Less of the same at the same price promises nothing new.
            if samePrice, quantity < current.line.quantity { return .apply(changed) }
            return .ask(changed, committed: cost, date: nil)
        default:
            return .refuse("change code \(line.change) is not one the gateway applies")
        }
    }

    static func refuse(_ change: ChangeOrder, _ reason: String) -> Plan {
        Plan(refusal: reason, cancelsOrder: false, steps: change.lines.map { _ in .refuse(reason) })
    }
}
