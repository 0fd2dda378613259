import Documents

/// A decided order: the 855 to send, the order to enter in the ERP (nil when rejected), the
/// findings behind them and, once entered, the ERP's order number.
public struct ValidatedOrder: Sendable, Hashable {
    public var acknowledgment: OrderAcknowledgment
    public var submission: OrderSubmission?
    public var findings: [Finding]
    public var erpOrderNumber: String?
    /// Whether the ERP created the order on this submission (false: it already held one under
    /// the same partner and PO number); nil until submitted.
    public var erpCreated: Bool?

    public init(acknowledgment: OrderAcknowledgment, submission: OrderSubmission?, findings: [Finding], erpOrderNumber: String? = nil) {
        self.acknowledgment = acknowledgment
        self.submission = submission
        self.findings = findings
        self.erpOrderNumber = erpOrderNumber
    }
}
