import Documents
import Store

/// `GET /api/inbound/{id}`: the file, everything the audit trail says about it, and the orders
/// it carried as canonical documents (the PurchaseOrder read from it and our acknowledgment).
struct InboundFileDetailResource: Encodable, Sendable {
    let file: InboundFileResource
    let audit: [AuditEntryResource]
    let orders: [Order]

    struct Order: Encodable, Sendable {
        let poNumber: String
        let status: String
        let purchaseOrder: PurchaseOrder
        let acknowledgment: OrderAcknowledgment?
        let acknowledgmentOutbound: Int64?
        let erpOrderNumber: String?

        init(_ record: OrderRecord) {
            poNumber = record.poNumber
            status = record.status.rawValue
            purchaseOrder = record.purchaseOrder
            acknowledgment = record.acknowledgment
            acknowledgmentOutbound = record.acknowledgmentOutboundID
            erpOrderNumber = record.erpOrderNumber
        }
    }
}
