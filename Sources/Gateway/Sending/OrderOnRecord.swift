import Documents
import Foundation
import Store

/// A purchase order as the gateway received it from a partner, and the 855 it answered with
/// (if one was decided): what a ship notice or invoice for that PO is checked against.
///
/// Read from the `orders` and `order_lines` tables (never from the audit trail), inside the
/// transaction that records the new 856 or 810, so the check sees exactly what earlier
/// documents already shipped and invoiced.
public struct OrderOnRecord: Sendable, Hashable {
    public let partner: String
    public let purchaseOrder: PurchaseOrder
    /// The 855 decided for the order; nil while undecided (or for a partner that gets none and
    /// was never decided).
    public let acknowledgment: OrderAcknowledgment?
    /// `inbound/<id>` of the file the order came in.
    public let inbound: String
    /// Quantity per PO line number already sent in earlier 856s / 810s for this order, so that
    /// partial shipments add up to no more than ordered.
    public let alreadyShipped: [String: Decimal]
    public let alreadyInvoiced: [String: Decimal]

    public init(_ record: OrderRecord) {
        partner = record.partner
        purchaseOrder = record.purchaseOrder
        acknowledgment = record.acknowledgment
        inbound = "inbound/\(record.inboundID)"
        var shipped: [String: Decimal] = [:]
        var invoiced: [String: Decimal] = [:]
        for line in record.lines {
            shipped[line.lineNumber, default: 0] += line.shipped
            invoiced[line.lineNumber, default: 0] += line.invoiced
        }
        alreadyShipped = shipped
        alreadyInvoiced = invoiced
    }
}
