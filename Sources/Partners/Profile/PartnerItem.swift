import Foundation

/// One of our items a partner is told about (846 stock, 832 prices): our ids to ask the ERP
/// by, the partner's id to tell it by, the unit it counts in.
public struct PartnerItem: Codable, Sendable, Hashable {
    public var vendorPartNumber: String?
    public var gtin: String?
    /// The partner's own item number (sent as LIN BP), as its 850s carry it.
    public var buyerPartNumber: String?
    /// The unit the partner counts the item in.
    public var uom: String
    /// Inner units per outer pack (832 PO401), when the partner is told it.
    public var pack: Decimal?

    public init(vendorPartNumber: String? = nil, gtin: String? = nil, buyerPartNumber: String? = nil, uom: String, pack: Decimal? = nil) {
        self.vendorPartNumber = vendorPartNumber
        self.gtin = gtin
        self.buyerPartNumber = buyerPartNumber
        self.uom = uom
        self.pack = pack
    }

    /// How the item is named in the store and the audit trail: the first id it has.
    public var key: String { vendorPartNumber ?? gtin ?? buyerPartNumber ?? "" }
}
