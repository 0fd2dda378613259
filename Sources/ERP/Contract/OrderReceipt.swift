public struct OrderReceipt: Codable, Sendable, Hashable {
    public var erpOrderNumber: String
    /// False when this partner + PO number had been entered before (a retry).
    public var created: Bool

    public init(erpOrderNumber: String, created: Bool) {
        self.erpOrderNumber = erpOrderNumber
        self.created = created
    }
}
