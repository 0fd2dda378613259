import Gateway

/// `GET /api/inbound/{id}`: the file and everything the audit trail says about it.
struct InboundFileDetailResource: Encodable, Sendable {
    let file: InboundFileResource
    let audit: [AuditEntryResource]
}
