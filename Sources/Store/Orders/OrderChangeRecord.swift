import Documents
import Foundation

/// One buyer's change to an order as the gateway keeps it (`order_changes`): the canonical
/// change as received, and once decided the 865 we answered with.
public struct OrderChangeRecord: Sendable, Hashable, Identifiable {
    public let id: Int64
    public let partner: String
    public let poNumber: String
    /// The buyer's change sequence (BCH05), or the gateway's name for a change without one.
    public let changeKey: String
    public let orderID: Int64
    public let inboundID: Int64
    public let setControl: String
    public let changeOrder: ChangeOrder
    public let status: OrderRecord.Status
    public let holdReason: String?
    public let acknowledgment: ChangeAcknowledgment?
    public let acknowledgmentOutboundID: Int64?

    public var documentReference: String { "change/\(id)" }

    init(row: StoreRow) throws {
        id = row["id"]
        partner = row["partner"]
        poNumber = row["po_number"]
        changeKey = row["change_key"]
        orderID = row["order_id"]
        inboundID = row["inbound_id"]
        setControl = row["set_control"]
        let key = "\(id)"
        changeOrder = try StoredJSON.decode(ChangeOrder.self, row["change_order"], table: "order_changes", key: key)
        let statusText: String = row["status"]
        guard let status = OrderRecord.Status(rawValue: statusText) else {
            throw GatewayStoreError.corruptRow(table: "order_changes", key: key, detail: "unknown status '\(statusText)'")
        }
        self.status = status
        holdReason = row["hold_reason"]
        acknowledgment = try (row["acknowledgment"] as String?).map { try StoredJSON.decode(ChangeAcknowledgment.self, $0, table: "order_changes", key: key) }
        acknowledgmentOutboundID = row["acknowledgment_outbound_id"]
    }
}

/// One line of an order after a change, as the store keeps it.
public struct ChangedOrderLine: Sendable, Hashable {
    public var lineNumber: String
    /// The line as it now stands; nil when it left the order.
    public var line: PurchaseOrder.Line?
    /// ACK01 of the change for this line; empty when the change did not touch it.
    public var status: String

    public init(lineNumber: String, line: PurchaseOrder.Line?, status: String) {
        self.lineNumber = lineNumber
        self.line = line
        self.status = status
    }
}
