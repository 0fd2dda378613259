import Foundation
import Store

/// Why an 856 or 810 was not sent. Nothing was generated, recorded or uploaded for any of
/// these; each names the partner, the PO and (where it concerns one) the line, so the ERP team
/// can correct the event and send again.
public enum OutboundSendRefusal: Error, CustomStringConvertible, Sendable, Equatable {
    /// The partner's profile does not list the type under `documents.send`.
    case notExchanged(partner: String, type: String)
    /// Only ship notices (856) and invoices (810) are sent this way.
    case unsupportedDocument(partner: String, type: String)
    /// The gateway never received (and translated) this PO from this partner.
    case unknownOrder(partner: String, type: String, poNumber: String)
    /// The 855 rejected the whole order: there is nothing to ship or invoice.
    case orderRejected(partner: String, type: String, poNumber: String)
    /// No PO line has this line number (or its part numbers disagree with the PO line).
    case lineNotOnOrder(partner: String, type: String, poNumber: String, line: String, reason: String)
    /// The 855 rejected this line.
    case lineRejected(partner: String, type: String, poNumber: String, line: String, status: String)
    /// The unit of measure differs from the PO line's, so the quantities cannot be compared.
    case unitMismatch(partner: String, type: String, poNumber: String, line: String, sent: String, ordered: String)
    /// More shipped or invoiced than ordered: `quantity` sums this document's packs or lines and
    /// what earlier 856s / 810s for the order already sent.
    case overOrdered(partner: String, type: String, poNumber: String, line: String, quantity: Decimal, ordered: Decimal)
    /// The invoice price is not the acknowledged one (855 `ackUnitPrice`, else the PO price).
    case priceMismatch(partner: String, poNumber: String, line: String, invoiced: Decimal, agreed: Decimal, agreedIn: String)
    /// Neither the PO nor the 855 carries a price for the line, so the invoice cannot be checked.
    case noAgreedPrice(partner: String, poNumber: String, line: String)
    /// The generator, the outbound checks (SSCC, totals) or our validator refused the document.
    case notGenerated(partner: String, type: String, poNumber: String, reason: String)
    /// The shipment id / invoice number was already sent with different content: a correction
    /// needs a new number, never a second document under the same one.
    case conflictingDuplicate(partner: String, type: String, key: String, outbound: Int64)
    /// The invoice does not match its order, our 855 and the shipments (three-way match), and
    /// the ERP did not mark it a correction.
    case invoiceVariance(partner: String, poNumber: String, variances: [InvoiceVariance])
    /// The ship notice ships more than our 855 acknowledged, and the ERP did not mark it a correction.
    case shipmentVariance(partner: String, poNumber: String, variances: [InvoiceVariance])

    public var description: String {
        switch self {
        case .notExchanged(let partner, let type):
            return "partner \(partner) does not receive \(type) (not in documents.send)"
        case .unsupportedDocument(let partner, let type):
            return "partner \(partner): \(type) is not sent this way (only 856 and 810)"
        case .unknownOrder(let partner, let type, let po):
            return "partner \(partner) \(type): PO \(po) was never received from this partner"
        case .orderRejected(let partner, let type, let po):
            return "partner \(partner) \(type): PO \(po) was rejected in our 855"
        case .lineNotOnOrder(let partner, let type, let po, let line, let reason):
            return "partner \(partner) \(type): PO \(po) line \(line) is not on the order: \(reason)"
        case .lineRejected(let partner, let type, let po, let line, let status):
            return "partner \(partner) \(type): PO \(po) line \(line) was rejected in our 855 (\(status))"
        case .unitMismatch(let partner, let type, let po, let line, let sent, let ordered):
            return "partner \(partner) \(type): PO \(po) line \(line) is in \(sent), the order in \(ordered)"
        case .overOrdered(let partner, let type, let po, let line, let quantity, let ordered):
            return "partner \(partner) \(type): PO \(po) line \(line): \(quantity) (with earlier \(type)s) exceeds the \(ordered) ordered"
        case .priceMismatch(let partner, let po, let line, let invoiced, let agreed, let agreedIn):
            return "partner \(partner) 810: PO \(po) line \(line): unit price \(invoiced) is not the \(agreed) of the \(agreedIn)"
        case .noAgreedPrice(let partner, let po, let line):
            return "partner \(partner) 810: PO \(po) line \(line): neither the PO nor our 855 has a price to check against"
        case .notGenerated(let partner, let type, let po, let reason):
            return "partner \(partner) \(type) for PO \(po) not generated: \(reason)"
        case .invoiceVariance(let partner, let po, let variances):
            let text = variances.map { "line \($0.line) \($0.kind.rawValue) (expected \($0.expected), invoiced \($0.actual))" }.joined(separator: "; ")
            return "partner \(partner) 810: PO \(po) does not match what was acknowledged and shipped: \(text); send it as a correction to invoice it anyway"
        case .shipmentVariance(let partner, let po, let variances):
            let text = variances.map { "line \($0.line): \($0.actual) shipped, \($0.expected) acknowledged" }.joined(separator: "; ")
            return "partner \(partner) 856: PO \(po) ships more than our 855 acknowledged: \(text); send it as a correction to ship it anyway"
        case .conflictingDuplicate(let partner, let type, let key, let outbound):
            return "partner \(partner) \(type) \(key) was already sent as outbound/\(outbound) with different content; send a correction under a new number"
        }
    }
}
