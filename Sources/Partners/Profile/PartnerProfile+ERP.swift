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
    /// the ERP may know them itself).
    public func erpOrder(_ order: PurchaseOrder) -> PurchaseOrder {
        guard let code = order.shipTo?.id, let mapped = erp.erpShipTo(forPartnerLocation: code) else { return order }
        var copy = order
        copy.shipTo?.id = mapped
        return copy
    }
}
