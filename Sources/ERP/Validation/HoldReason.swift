/// Why an order was neither accepted nor rejected. An order is held, never decided on a
/// guess, when the ERP could not answer; a partner policy may also hold on account issues
/// (credit hold, unknown ship-to) for a person to release.
public enum HoldReason: Sendable, Hashable, CustomStringConvertible {
    case erpUnavailable(ERPError)
    case account(Finding)

    /// Whether retrying later without a person may decide the order.
    public var retriesByItself: Bool {
        if case .erpUnavailable = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .erpUnavailable(let error): "held: the ERP could not answer (\(error)); retry when it answers"
        case .account(let finding): "held for review: \(finding)"
        }
    }
}
