import Documents
import ERP

/// The profile's `erp:` and `validation:` sections in the ERP module's terms.
extension PartnerProfile {
    /// Who the partner is in the ERP.
    public var erpAccount: PartnerAccount {
        PartnerAccount(partnerId: id, customerId: erp.customer)
    }

    /// The partner's commercial rules as the order validator applies them (the profile's
    /// `validation:` section is the ERP module's policy itself).
    public var erpPolicy: ValidationPolicy { validation }

    /// The order as the ERP should see it: the partner's location code for the ship-to
    /// replaced by the ERP ship-to id the profile maps it to (unmapped codes go as sent, and
    /// the ERP may know them itself). `approvedLocations` (partner code → ERP ship-to id, from
    /// the location lists a person approved) come before the profile's own lines: the mapping
    /// follows the partner's newer word.
    public func erpOrder(_ order: PurchaseOrder, approvedLocations: [String: String] = [:]) -> PurchaseOrder {
        guard let code = order.shipTo?.id, let mapped = approvedLocations[code] ?? erp.erpShipTo(forPartnerLocation: code) else { return order }
        var copy = order
        copy.shipTo?.id = mapped
        return copy
    }

    /// The decision's acknowledgment as the partner is told it: its own location code back,
    /// not the ERP's ship-to id, and the order-level notes without the reasons its lines
    /// already carry (a buyer reads each reason once, where it applies).
    public func partnerAcknowledgment(_ decided: OrderAcknowledgment, order: PurchaseOrder) -> OrderAcknowledgment {
        var acknowledgment = decided
        if acknowledgment.shipTo != nil { acknowledgment.shipTo?.id = order.shipTo?.id }
        let lineReasons = acknowledgment.lines.compactMap(\.reason)
        acknowledgment.reasons = acknowledgment.reasons.filter { reason in !lineReasons.contains { $0.contains(reason) } }
        return acknowledgment
    }
}
