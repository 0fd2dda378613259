import Documents
import Foundation
import Store

/// Checks the lines of one ship notice order or invoice against the order on record: every line
/// is a PO line, no line is shipped or invoiced beyond what was ordered, and invoice prices are
/// the ones we acknowledged. The first problem refuses the whole document, since a partner
/// charges back on a wrong ASN or invoice rather than correcting it.
struct OrderConformance: Sendable {
    let order: OrderOnRecord
    /// `856` or `810`, for the refusal text.
    let type: String

    /// One line as the ERP event gives it; ship notice items and invoice lines both reduce to this.
    struct SentLine: Sendable {
        var lineNumber: String?
        var buyerPartNumber: String?
        var vendorPartNumber: String?
        var quantity: Decimal
        var uom: String
        var unitPrice: Decimal?

        var label: String { lineNumber ?? buyerPartNumber ?? vendorPartNumber ?? "(no line number or part number)" }
    }

    /// ACK01 codes by which the 855 refused a line (IR rejected, R1–R4 rejected for a reason).
    private static let rejectedLineStatuses: Set<String> = ["IR", "R1", "R2", "R3", "R4"]

    private var partner: String { order.partner }
    private var poNumber: String { order.purchaseOrder.poNumber }

    /// Returns the quantity this document sends per PO line number, for the trail (`order.shipped`/`order.invoiced`).
    @discardableResult
    /// `checkPrices` false for a deliberate correction: its prices are flagged by the
    /// three-way match instead of refused here.
    func check(_ lines: [SentLine], checkPrices: Bool = true) throws(OutboundSendRefusal) -> [String: Decimal] {
        if order.acknowledgment?.status == .rejected {
            throw .orderRejected(partner: partner, type: type, poNumber: poNumber)
        }
        // Summed per PO line: an ASN spreads one line over several packs.
        var totals: [String: (line: PurchaseOrder.Line, label: String, quantity: Decimal)] = [:]
        for sent in lines {
            let poLine = try orderLine(for: sent)
            if let ackLine = acknowledgmentLine(poLine.lineNumber), Self.rejectedLineStatuses.contains(ackLine.status.uppercased()) {
                throw .lineRejected(partner: partner, type: type, poNumber: poNumber, line: sent.label, status: ackLine.status)
            }
            guard sent.uom.uppercased() == poLine.uom.uppercased() else {
                throw .unitMismatch(partner: partner, type: type, poNumber: poNumber, line: sent.label, sent: sent.uom, ordered: poLine.uom)
            }
            if checkPrices, let price = sent.unitPrice { try checkPrice(price, line: sent.label, poLine: poLine) }
            let total = (totals[poLine.lineNumber]?.quantity ?? 0) + sent.quantity
            totals[poLine.lineNumber] = (poLine, sent.label, total)
        }
        let earlier = type == "810" ? order.alreadyInvoiced : order.alreadyShipped
        for (number, total) in totals.sorted(by: { $0.key < $1.key }) {
            let sum = total.quantity + (earlier[number] ?? 0)
            if sum > total.line.quantity {
                throw .overOrdered(partner: partner, type: type, poNumber: poNumber, line: total.label, quantity: sum, ordered: total.line.quantity)
            }
        }
        return totals.mapValues(\.quantity)
    }

    /// By line number when the event gives one, else by buyer or vendor part number; part numbers
    /// the event gives must agree with the PO line's, so a renumbered line is not matched to the wrong item.
    private func orderLine(for sent: SentLine) throws(OutboundSendRefusal) -> PurchaseOrder.Line {
        let lines = order.purchaseOrder.lines
        let candidate: PurchaseOrder.Line?
        if let number = sent.lineNumber {
            candidate = lines.first { $0.lineNumber == number }
            guard candidate != nil else {
                throw .lineNotOnOrder(partner: partner, type: type, poNumber: poNumber, line: number, reason: "the order has lines \(lines.map(\.lineNumber).joined(separator: ", "))")
            }
        } else if let buyer = sent.buyerPartNumber {
            candidate = lines.first { $0.buyerPartNumber == buyer }
        } else if let vendor = sent.vendorPartNumber {
            candidate = lines.first { $0.vendorPartNumber == vendor }
        } else {
            candidate = nil
        }
        guard let line = candidate else {
            throw .lineNotOnOrder(partner: partner, type: type, poNumber: poNumber, line: sent.label, reason: "no PO line with that part number")
        }
        for (name, given, ordered) in [("buyer part", sent.buyerPartNumber, line.buyerPartNumber), ("vendor part", sent.vendorPartNumber, line.vendorPartNumber)] {
            if let given, let ordered, given != ordered {
                throw .lineNotOnOrder(partner: partner, type: type, poNumber: poNumber, line: sent.label,
                                      reason: "PO line \(line.lineNumber) is \(name) \(ordered), not \(given)")
            }
        }
        return line
    }

    private func checkPrice(_ price: Decimal, line: String, poLine: PurchaseOrder.Line) throws(OutboundSendRefusal) {
        let agreed: (price: Decimal, source: String)
        if order.acknowledgment != nil, let ackLine = acknowledgmentLine(poLine.lineNumber), let acked = ackLine.ackUnitPrice ?? ackLine.unitPrice {
            agreed = (acked, "855 we sent")
        } else if let ordered = poLine.unitPrice {
            agreed = (ordered, "PO")
        } else {
            throw .noAgreedPrice(partner: partner, poNumber: poNumber, line: line)
        }
        guard price == agreed.price else {
            throw .priceMismatch(partner: partner, poNumber: poNumber, line: line, invoiced: price, agreed: agreed.price, agreedIn: agreed.source)
        }
    }

    private func acknowledgmentLine(_ lineNumber: String) -> OrderAcknowledgment.Line? {
        order.acknowledgment?.lines.first { $0.lineNumber == lineNumber }
    }
}
