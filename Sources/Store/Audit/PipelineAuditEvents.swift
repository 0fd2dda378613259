/// The pipeline's own audit events, beside the store's state changes (which it audits itself).
extension AuditEventKind {
    /// A poll of a partner's folder could not list it, or a file could not be handed over.
    public static let pickupFailed = AuditEventKind("pickup.failed")
    /// The interchange(s) of an inbound file were read and checked against the schemas.
    public static let interchangeValidated = AuditEventKind("interchange.validated")
    /// A TA1/997/999 answering an inbound file was uploaded to the partner.
    public static let acknowledgmentSent = AuditEventKind("acknowledgment.sent")
    /// An accepted 850 became a canonical purchase order.
    public static let orderTranslated = AuditEventKind("order.translated")
    /// The ERP decided the order (accepted, changed or rejected) and, unless rejected, entered it.
    public static let orderDecided = AuditEventKind("order.decided")
    /// The ERP could not answer, or the partner's policy holds the order for a person.
    public static let orderHeld = AuditEventKind("order.held")
    /// The 855 for an order was uploaded to the partner.
    public static let orderAcknowledged = AuditEventKind("order.acknowledged")
    /// An accepted 860 (or an 850 replacing an order) became a canonical change order.
    public static let changeTranslated = AuditEventKind("change.translated")
    /// The change was decided (and the ERP's order changed): the order's lines as they now stand.
    public static let changeDecided = AuditEventKind("change.decided")
    /// The ERP could not answer, or the change waits for a person.
    public static let changeHeld = AuditEventKind("change.held")
    /// The 865 answering a change was queued for the partner.
    public static let changeAcknowledged = AuditEventKind("change.acknowledged")
    /// An 846 inventory advice was queued: the items and quantities told, and why (schedule,
    /// event, on demand).
    public static let inventoryAdvised = AuditEventKind("inventory.advised")
    /// An 832 price catalog was queued: the items and prices published.
    public static let catalogPublished = AuditEventKind("catalog.published")
}

/// Documents sent from ERP events (`OutboundDocumentSender`), beside the store's `outbound.sent`.
extension AuditEventKind {
    /// An 856 for a PO was uploaded; `lines` holds `<PO line>=<quantity>` shipped in it.
    public static let orderShipped = AuditEventKind("order.shipped")
    /// An 810 for a PO was uploaded; `lines` holds `<PO line>=<quantity>` invoiced in it.
    public static let orderInvoiced = AuditEventKind("order.invoiced")
    /// A location list (816) was read and its proposed ship-to changes recorded.
    public static let locationListRead = AuditEventKind("locations.read")
    public static let shipToProposed = AuditEventKind("shipto.proposed")
    /// A later list proposed otherwise for the same location.
    public static let shipToSuperseded = AuditEventKind("shipto.superseded")
    /// A person approved or rejected a proposed change (`by` says who).
    public static let shipToApproved = AuditEventKind("shipto.approved")
    public static let shipToRejected = AuditEventKind("shipto.rejected")
    /// The ERP's ship-to master took the change; the partner's mapping follows.
    public static let shipToApplied = AuditEventKind("shipto.applied")
    /// The ERP could not answer (tried again) or refused the change (for a person).
    public static let shipToNotApplied = AuditEventKind("shipto.notApplied")
}
