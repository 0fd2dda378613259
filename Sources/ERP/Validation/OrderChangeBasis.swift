import Documents
import Foundation

/// What the gateway holds of an order when a buyer's change for it arrives: each line as it
/// stands (after earlier changes), as the ERP holds it, and what has shipped or been invoiced.
public struct OrderChangeBasis: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        /// The buyer's line as it stands: its ids, and the quantity and price now agreed.
        public var line: PurchaseOrder.Line
        /// The line as the ERP holds it; nil when the line was rejected and never entered.
        public var erp: OrderSubmission.Line?
        public var shipped: Decimal
        public var invoiced: Decimal

        public init(line: PurchaseOrder.Line, erp: OrderSubmission.Line?, shipped: Decimal = 0, invoiced: Decimal = 0) {
            self.line = line
            self.erp = erp
            self.shipped = shipped
            self.invoiced = invoiced
        }
    }

    public var order: PurchaseOrder
    public var lines: [Line]
    public var erpOrderNumber: String?

    public init(order: PurchaseOrder, lines: [Line], erpOrderNumber: String?) {
        self.order = order
        self.lines = lines
        self.erpOrderNumber = erpOrderNumber
    }

    /// The ERP's lines as they stand, in order.
    public var erpLines: [OrderSubmission.Line] { lines.compactMap(\.erp) }
}
