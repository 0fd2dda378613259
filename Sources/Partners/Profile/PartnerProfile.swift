import ERP

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
    /// Optional in the file: the ERP module's one `ValidationPolicy`, defaults for what is not written.
    public var validation: ValidationPolicy
    /// Optional in the file: interruptions before quarantine, the hold schedule.
    public var processing: ProcessingSettings
    /// Optional in the file: the 846 inventory advice the partner gets; nil: none.
    public var inventory: InventorySettings?
    /// Optional in the file: the 832 price catalog the partner is published; nil: none.
    public var catalog: CatalogSettings?

    /// The sets we take from this partner (`DocumentExchange.acceptedSets`).
    public var acceptedSets: Set<String> { documents.acceptedSets }

    public init(id: String, name: String? = nil, interchange: InterchangeSettings, documents: DocumentExchange, acknowledgments: AcknowledgmentSettings, transport: TransportSettings, erp: ERPReferences, validation: ValidationPolicy = ValidationPolicy(), processing: ProcessingSettings = ProcessingSettings()) {
        self.processing = processing
        self.id = id
        self.name = name
        self.interchange = interchange
        self.documents = documents
        self.acknowledgments = acknowledgments
        self.transport = transport
        self.erp = erp
        self.validation = validation
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        interchange = try c.decode(InterchangeSettings.self, forKey: .interchange)
        documents = try c.decode(DocumentExchange.self, forKey: .documents)
        acknowledgments = try c.decode(AcknowledgmentSettings.self, forKey: .acknowledgments)
        transport = try c.decode(TransportSettings.self, forKey: .transport)
        erp = try c.decode(ERPReferences.self, forKey: .erp)
        validation = try c.decodeIfPresent(ValidationPolicy.self, forKey: .validation) ?? ValidationPolicy()
        processing = try c.decodeIfPresent(ProcessingSettings.self, forKey: .processing) ?? ProcessingSettings()
        inventory = try c.decodeIfPresent(InventorySettings.self, forKey: .inventory)
        catalog = try c.decodeIfPresent(CatalogSettings.self, forKey: .catalog)
    }
}
