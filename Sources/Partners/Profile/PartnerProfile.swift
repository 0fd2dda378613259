/// One trading partner, as ops write it in `Partners/<id>.yaml` (docs/partners.md).
public struct PartnerProfile: Codable, Sendable, Hashable {
    /// File name without `.yaml`, and the folder of the partner's map overrides (`Maps/<id>/`).
    public var id: String
    public var name: String?
    public var interchange: InterchangeSettings
    public var documents: DocumentExchange
    public var acknowledgments: AcknowledgmentSettings
    public var transport: TransportSettings
    public var erp: ERPReferences
    public var validation: PartnerValidationPolicy

    public init(id: String, name: String? = nil, interchange: InterchangeSettings, documents: DocumentExchange, acknowledgments: AcknowledgmentSettings, transport: TransportSettings, erp: ERPReferences, validation: PartnerValidationPolicy) {
        self.id = id
        self.name = name
        self.interchange = interchange
        self.documents = documents
        self.acknowledgments = acknowledgments
        self.transport = transport
        self.erp = erp
        self.validation = validation
    }
}
