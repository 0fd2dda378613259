import Documents

/// What validation made of one purchase order.
public enum ValidationOutcome: Sendable, Hashable {
    case decided(ValidatedOrder)
    case held(HoldReason)

    public var acknowledgment: OrderAcknowledgment? {
        if case .decided(let order) = self { return order.acknowledgment }
        return nil
    }

    public var holdReason: HoldReason? {
        if case .held(let reason) = self { return reason }
        return nil
    }
}
