import Documents
import Foundation

/// The 810 amount that TDS01 carries, recomputed from the invoice rather than trusted.
public enum InvoiceTotals {
    /// Σ round(quantity × unit price, 2) per line + charges − allowances + tax.
    public static func computedTotal(_ invoice: Invoice) -> Decimal {
        let lines = invoice.lines.reduce(Decimal(0)) { $0 + ($1.quantity * $1.unitPrice).rounded(2) }
        let charges = invoice.charges.reduce(Decimal(0)) { $0 + ($1.kind == .charge ? $1.amount : -$1.amount) }
        return lines + charges + (invoice.tax ?? 0)
    }

    /// The invoice with `total` set to the recomputed total; refuses a given total that differs.
    public static func settled(_ invoice: Invoice) throws(OutboundCheckError) -> Invoice {
        guard !invoice.lines.isEmpty else { throw .missing(field: "lines", reason: "an invoice needs at least one line") }
        for (i, line) in invoice.lines.enumerated() {
            if line.quantity <= 0 { throw .invalidValue(field: "lines[\(i)].quantity", value: "\(line.quantity)", reason: "must be positive") }
            if line.unitPrice < 0 { throw .invalidValue(field: "lines[\(i)].unitPrice", value: "\(line.unitPrice)", reason: "must not be negative") }
        }
        for (i, charge) in invoice.charges.enumerated() where charge.amount < 0 {
            throw .invalidValue(field: "charges[\(i)].amount", value: "\(charge.amount)", reason: "must not be negative; kind says whether it adds or subtracts")
        }
        let computed = computedTotal(invoice).rounded(2)
        if let given = invoice.total, given != computed {
            throw .totalMismatch(given: given, computed: computed)
        }
        var settled = invoice
        settled.total = computed
        return settled
    }

    /// TDS01: the total in implied-2-decimal cents.
    public static func tds01(_ total: Decimal) -> String {
        ValueConversion.plain((total * 100).rounded(0))
    }
}
