import Store

/// An interchange we sent.
struct OutboundDocumentResource: Encodable, Sendable {
    let id: Int64
    let partner: String
    let type: String
    let interchangeControl: String
    let groupControls: [String]
    let setControls: [String]
    let sentAt: String
    let sha256: String
    let size: Int64
    /// `pending` (in the outbox) or `sent`; the file name it goes under at the partner.
    let state: String
    let file: String

    init(_ document: OutboundDocument) {
        state = document.state.rawValue
        file = document.fileName
        id = document.id
        partner = document.partner
        type = document.type
        interchangeControl = document.interchangeControl
        groupControls = document.groupControls
        setControls = document.setControls
        sentAt = GatewayTimestamp.text(document.sentAt)
        sha256 = document.sha256
        size = document.size
    }
}
