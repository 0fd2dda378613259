import Documents
import Foundation

/// One purchase order as the gateway keeps it (`orders` and `order_lines`): the canonical order
/// as received, and once decided the 855 we answered with, the ERP's order, and per line what
/// was acknowledged, shipped and invoiced. What 856s and 810s are checked against.
public struct OrderRecord: Sendable, Hashable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Translated and recorded; the ERP has not decided it yet.
        case received
        /// The ERP could not answer, or the policy holds it for a person.
        case held
        /// Decided by the ERP; `acknowledgment` is the 855 (queued or sent when the partner gets one).
        case decided
    }

    /// Per PO line, in the order's line order.
    public struct Line: Sendable, Hashable {
        public let position: Int
        public let lineNumber: String
        public let uom: String
        public let ordered: Decimal
        public let acknowledgedStatus: String?
        public let acknowledgedQuantity: Decimal?
        public let acknowledgedPrice: Decimal?
        public let shipped: Decimal
        public let invoiced: Decimal
    }

    public let id: Int64
    public let partner: String
    public let poNumber: String
    /// The inbound file the 850 came in.
    public let inboundID: Int64
    public let interchangeControl: String
    public let setControl: String
    public let purchaseOrder: PurchaseOrder
    public let status: Status
    public let holdReason: String?
    public let acknowledgment: OrderAcknowledgment?
    public let acknowledgmentOutboundID: Int64?
    public let erpOrderNumber: String?
    /// Whether the ERP created the order on our submission (false: it already had it).
    public let erpCreated: Bool?
    public let lines: [Line]
    /// The buyer's lines as they stand after its change orders; nil: as received.
    public let currentLines: [PurchaseOrder.Line]?
    /// The ERP's lines as entered or last changed, as the ERP contract's JSON (the store keeps
    /// it as given); nil for an order rejected whole, or decided before the store kept it.
    public let erpLines: String?

    /// The buyer's lines as they stand now.
    public var standingLines: [PurchaseOrder.Line] { currentLines ?? purchaseOrder.lines }

    public var documentReference: String { "order/\(id)" }

    /// `known`: the documents the caller has just written into this row, so that a record read
    /// back inside the same transaction does not decode them again.
    init(row: StoreRow, lines: [StoreRow], known: (purchaseOrder: PurchaseOrder, acknowledgment: OrderAcknowledgment?)? = nil) throws {
        id = row["id"]
        partner = row["partner"]
        poNumber = row["po_number"]
        inboundID = row["inbound_id"]
        interchangeControl = row["interchange_control"]
        setControl = row["set_control"]
        let key = "\(id)"
        purchaseOrder = try known?.purchaseOrder ?? StoredJSON.decode(PurchaseOrder.self, row["purchase_order"], table: "orders", key: key)
        let statusText: String = row["status"]
        guard let status = Status(rawValue: statusText) else {
            throw GatewayStoreError.corruptRow(table: "orders", key: key, detail: "unknown status '\(statusText)'")
        }
        self.status = status
        holdReason = row["hold_reason"]
        if let known, let acknowledgment = known.acknowledgment {
            self.acknowledgment = acknowledgment
        } else {
            acknowledgment = try (row["acknowledgment"] as String?).map { try StoredJSON.decode(OrderAcknowledgment.self, $0, table: "orders", key: key) }
        }
        acknowledgmentOutboundID = row["acknowledgment_outbound_id"]
        erpOrderNumber = row["erp_order_number"]
        erpCreated = row["erp_created"]
        currentLines = try (row["current_lines"] as String?).map { try StoredJSON.decode([PurchaseOrder.Line].self, $0, table: "orders", key: key) }
        erpLines = row["erp_lines"]
        self.lines = try lines.map { line in
            func decimal(_ column: String) throws -> Decimal? {
                guard let text: String = line[column] else { return nil }
                guard let value = Decimal(string: text) else {
                    throw GatewayStoreError.corruptRow(table: "order_lines", key: "\(key)/\(line["position"] as Int)", detail: "\(column) '\(text)' is not a decimal")
                }
                return value
            }
            return Line(position: line["position"], lineNumber: line["line_number"], uom: line["uom"], ordered: try decimal("ordered_quantity") ?? 0,
                        acknowledgedStatus: line["acknowledged_status"], acknowledgedQuantity: try decimal("acknowledged_quantity"),
                        acknowledgedPrice: try decimal("acknowledged_price"), shipped: try decimal("shipped_quantity") ?? 0,
                        invoiced: try decimal("invoiced_quantity") ?? 0)
        }
    }
}
