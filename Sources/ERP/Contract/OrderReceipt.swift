public struct OrderReceipt: Codable, Sendable, Hashable {
    public var erpOrderNumber: String
    /// False when this partner + PO number had been entered before (a retry).
    public var created: Bool
    /// The lines of the order as the ERP holds it (on a repeat: as first entered). Optional in
    /// the contract; without it a repeat cannot be told from a different order and is held
    /// for a person.
    public var lines: [OrderSubmission.Line]?

    public init(erpOrderNumber: String, created: Bool, lines: [OrderSubmission.Line]? = nil) {
        self.erpOrderNumber = erpOrderNumber
        self.created = created
        self.lines = lines
    }
}
