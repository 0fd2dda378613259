import Documents
import Foundation

/// One way an invoice does not match its order, our 855 and the shipments.
public struct InvoiceVariance: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        /// More invoiced (with earlier invoices) than shipped.
        case invoicedOverShipped
        /// More shipped than our 855 acknowledged.
        case shippedOverAcknowledged
        /// The unit price is not the one our 855 acknowledged (or the PO's, without an 855 price).
        case priceNotAcknowledged
    }

    /// PO line number.
    public var line: String
    public var kind: Kind
    public var expected: Decimal
    public var actual: Decimal
    /// What the difference is worth in the invoice's currency (2 places).
    public var amount: Decimal
}

/// The three-way match of an invoice against what is on record, per PO line: invoiced ≤ shipped
/// ≤ acknowledged, unit price = acknowledged price. Pure: the store runs it inside the
/// transaction that records the invoice, so it sees exactly what earlier documents shipped
/// and invoiced. (Structural problems — a line not on the order, another unit — are refusals
/// of `OrderConformance`; the total is recomputed by the generator.)
public enum InvoiceMatch {
    public static func variances(_ invoice: Invoice, order: OrderRecord) -> [InvoiceVariance] {
        var invoiced: [String: (quantity: Decimal, price: Decimal)] = [:]
        for line in invoice.lines {
            let current = invoiced[line.lineNumber] ?? (0, line.unitPrice)
            invoiced[line.lineNumber] = (current.quantity + line.quantity, line.unitPrice)
        }
        var found: [InvoiceVariance] = []
        for line in order.lines {
            guard let billed = invoiced[line.lineNumber] else { continue }
            let agreedPrice = line.acknowledgedPrice ?? order.purchaseOrder.lines.first { $0.lineNumber == line.lineNumber }?.unitPrice ?? billed.price
            let total = line.invoiced + billed.quantity
            if total > line.shipped {
                found.append(InvoiceVariance(line: line.lineNumber, kind: .invoicedOverShipped, expected: line.shipped, actual: total,
                                             amount: ((total - line.shipped) * billed.price).rounded(2)))
            }
            if let acknowledged = line.acknowledgedQuantity, line.shipped > acknowledged {
                found.append(InvoiceVariance(line: line.lineNumber, kind: .shippedOverAcknowledged, expected: acknowledged, actual: line.shipped,
                                             amount: ((line.shipped - acknowledged) * agreedPrice).rounded(2)))
            }
            if billed.price != agreedPrice {
                found.append(InvoiceVariance(line: line.lineNumber, kind: .priceNotAcknowledged, expected: agreedPrice, actual: billed.price,
                                             amount: ((billed.price - agreedPrice) * billed.quantity).rounded(2)))
            }
        }
        return found
    }
}

/// A ship notice against our 855: per PO line, shipped (with earlier shipments) ≤ the quantity
/// we acknowledged. (Against what was ordered, `OrderConformance` refuses; this is the stricter
/// promise: we never ship what we told the partner we would not.)
public enum ShipmentMatch {
    public static func variances(_ quantities: [String: Decimal], order: OrderRecord) -> [InvoiceVariance] {
        var found: [InvoiceVariance] = []
        for line in order.lines {
            guard let shipping = quantities[line.lineNumber], let acknowledged = line.acknowledgedQuantity else { continue }
            let total = line.shipped + shipping
            if total > acknowledged {
                let price = line.acknowledgedPrice ?? order.purchaseOrder.lines.first { $0.lineNumber == line.lineNumber }?.unitPrice ?? 0
                found.append(InvoiceVariance(line: line.lineNumber, kind: .shippedOverAcknowledged, expected: acknowledged, actual: total,
                                             amount: ((total - acknowledged) * price).rounded(2)))
            }
        }
        return found
    }
}
