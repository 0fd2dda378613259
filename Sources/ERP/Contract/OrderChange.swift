import Foundation

/// `PUT /v1/order-changes/{partnerId}/{poNumber}/{changeId}`: change an order entered before.
/// Idempotent by partner + PO number + change id (the buyer's change sequence): a retry after a
/// lost answer is not applied twice, and a different body under an applied id is refused (409).
public struct OrderChange: Codable, Sendable, Hashable {
    public var partnerId: String
    public var poNumber: String
    public var changeId: String
    /// Every line of the order after the change (replace semantics, so a repeat cannot double a
    /// quantity); empty when `cancelled`.
    public var lines: [OrderSubmission.Line]
    /// The whole order is cancelled.
    public var cancelled: Bool

    public init(partnerId: String, poNumber: String, changeId: String, lines: [OrderSubmission.Line], cancelled: Bool = false) {
        self.partnerId = partnerId
        self.poNumber = poNumber
        self.changeId = changeId
        self.lines = lines
        self.cancelled = cancelled
    }
}

/// The ERP's answer to an `OrderChange`.
public struct OrderChangeReceipt: Codable, Sendable, Hashable {
    public var erpOrderNumber: String
    /// False when this change id had been applied before (a retry): nothing changed now.
    public var applied: Bool
    /// The order's lines as the ERP holds them after this change.
    public var lines: [OrderSubmission.Line]
    public var cancelled: Bool

    public init(erpOrderNumber: String, applied: Bool, lines: [OrderSubmission.Line], cancelled: Bool = false) {
        self.erpOrderNumber = erpOrderNumber
        self.applied = applied
        self.lines = lines
        self.cancelled = cancelled
    }
}
