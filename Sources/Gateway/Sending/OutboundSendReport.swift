import Store
/// What `OutboundDocumentSender.send` did with one ERP event: the line `edigate gateway send` prints.
public struct OutboundSendReport: Sendable, Hashable, Encodable {
    public enum Outcome: String, Sendable, Hashable, Encodable {
        /// Generated, recorded and uploaded.
        case sent
        /// The same document (same shipment id / invoice number, same content) was sent before:
        /// nothing new was generated; `interchange` and `file` are the first one's.
        case alreadySent
        /// Refused by the checks (`OutboundSendRefusal`); nothing recorded or uploaded.
        case refused
        /// The store or the transport failed; see `reason`. A document recorded before the upload
        /// failed stays in the outbox and is uploaded, unchanged, by the next poll or send.
        case failed
    }

    public var partner: String
    /// `856` or `810`.
    public var type: String
    /// The PO(s) the document is for; an 856 may ship several.
    public var poNumber: String
    /// ISA13 of the interchange sent.
    public var interchange: String?
    /// `<type>-<ISA13>.edi` in the partner's outbound folder.
    public var file: String?
    /// `outbound/<id>` in the store.
    public var outbound: String?
    public var outcome: Outcome
    public var reason: String?

    public init(partner: String, type: String, poNumber: String, interchange: String? = nil, file: String? = nil,
                outbound: String? = nil, outcome: Outcome, reason: String? = nil) {
        self.partner = partner
        self.type = type
        self.poNumber = poNumber
        self.interchange = interchange
        self.file = file
        self.outbound = outbound
        self.outcome = outcome
        self.reason = reason
    }
}
