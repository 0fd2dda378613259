/// Why an order was neither accepted nor rejected. An order is held, never decided on a
/// guess, when the ERP could not answer; a partner policy may also hold on account issues
/// (credit hold, unknown ship-to) for a person to release.
public enum HoldReason: Sendable, Hashable, CustomStringConvertible {
    case erpUnavailable(ERPError)
    case account(Finding)
    /// The ERP answered outside its contract (a priced line without a price or item, a line
    /// missing from an answer, entered lines that are not the ones decided): nothing is
    /// promised on such an answer. Retried on the schedule (the ERP may be mid-deployment),
    /// then a dead letter for a person.
    case contractViolation(endpoint: String, detail: String)
    /// The ERP already held an order under this partner and PO number with other lines than
    /// the ones decided now: a person decides which one the partner is answered with.
    case enteredDifferently(erpOrderNumber: String, detail: String)
    /// The ERP answered the call that enters or changes the order and refused it (a 4xx: a
    /// change id applied before with other lines, an order it does not hold, a request it
    /// finds invalid). Asking again brings the same answer: a person looks.
    case refusedByERP(ERPError)

    /// The hold for an ERP call that failed: a refusal (4xx) waits for a person, anything
    /// else (down, slow, 5xx, a broken answer) is retried on the schedule.
    public static func failedCall(_ error: ERPError) -> HoldReason {
        if case .rejectedRequest = error { return .refusedByERP(error) }
        return .erpUnavailable(error)
    }

    /// Whether retrying later without a person may decide the order.
    public var retriesByItself: Bool {
        switch self {
        case .erpUnavailable, .contractViolation: return true
        case .account, .enteredDifferently, .refusedByERP: return false
        }
    }

    public var description: String {
        switch self {
        case .erpUnavailable(let error): "held: the ERP could not answer (\(error)); retry when it answers"
        case .account(let finding): "held for review: \(finding)"
        case .contractViolation(let endpoint, let detail): "held: the ERP's \(endpoint) answer breaks its contract (\(detail)); nothing was promised on it"
        case .enteredDifferently(let number, let detail): "held for review: the ERP already holds this PO as \(number) with other lines (\(detail))"
        case .refusedByERP(let error): "held for review: the ERP refused the call (\(error)); asking again would bring the same answer"
        }
    }
}
