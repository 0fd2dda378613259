import Documents
import Foundation

/// The canonical documents and the transaction sets they travel as.
public enum CanonicalDocumentType: String, Sendable, Hashable, CaseIterable {
    case purchaseOrder = "PurchaseOrder"
    case orderAcknowledgment = "OrderAcknowledgment"
    case shipNotice = "ShipNotice"
    case invoice = "Invoice"
    case changeOrder = "ChangeOrder"
    case changeAcknowledgment = "ChangeAcknowledgment"
    case inventoryAdvice = "InventoryAdvice"
    case priceCatalog = "PriceCatalog"
    case locationList = "LocationList"

    public var transactionSet: String {
        switch self {
        case .purchaseOrder: return "850"
        case .orderAcknowledgment: return "855"
        case .shipNotice: return "856"
        case .invoice: return "810"
        case .changeOrder: return "860"
        case .changeAcknowledgment: return "865"
        case .inventoryAdvice: return "846"
        case .priceCatalog: return "832"
        case .locationList: return "816"
        }
    }

    /// GS01 of the group that carries the set.
    public var functionalID: String {
        switch self {
        case .purchaseOrder: return "PO"
        case .orderAcknowledgment: return "PR"
        case .shipNotice: return "SH"
        case .invoice: return "IN"
        case .changeOrder: return "PC"
        case .changeAcknowledgment: return "CA"
        case .inventoryAdvice: return "IB"
        case .priceCatalog: return "SC"
        case .locationList: return "OR"
        }
    }

    public init?(transactionSet: String) {
        guard let type = Self.allCases.first(where: { $0.transactionSet == transactionSet }) else { return nil }
        self = type
    }
}

/// One canonical document of any kind.
public enum CanonicalDocument: Sendable, Hashable, Encodable {
    case purchaseOrder(PurchaseOrder)
    case orderAcknowledgment(OrderAcknowledgment)
    case shipNotice(ShipNotice)
    case invoice(Invoice)
    case changeOrder(ChangeOrder)
    case changeAcknowledgment(ChangeAcknowledgment)
    case inventoryAdvice(InventoryAdvice)
    case priceCatalog(PriceCatalog)
    case locationList(LocationList)

    public var type: CanonicalDocumentType {
        switch self {
        case .purchaseOrder: return .purchaseOrder
        case .orderAcknowledgment: return .orderAcknowledgment
        case .shipNotice: return .shipNotice
        case .invoice: return .invoice
        case .changeOrder: return .changeOrder
        case .changeAcknowledgment: return .changeAcknowledgment
        case .inventoryAdvice: return .inventoryAdvice
        case .priceCatalog: return .priceCatalog
        case .locationList: return .locationList
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .purchaseOrder(let d): try d.encode(to: encoder)
        case .orderAcknowledgment(let d): try d.encode(to: encoder)
        case .shipNotice(let d): try d.encode(to: encoder)
        case .invoice(let d): try d.encode(to: encoder)
        case .changeOrder(let d): try d.encode(to: encoder)
        case .changeAcknowledgment(let d): try d.encode(to: encoder)
        case .inventoryAdvice(let d): try d.encode(to: encoder)
        case .priceCatalog(let d): try d.encode(to: encoder)
        case .locationList(let d): try d.encode(to: encoder)
        }
    }

    /// Decodes `json` as a document of `type`.
    public static func decode(_ type: CanonicalDocumentType, json: [UInt8]) throws -> CanonicalDocument {
        let data = Data(json)
        let decoder = JSONDecoder()
        switch type {
        case .purchaseOrder: return .purchaseOrder(try decoder.decode(PurchaseOrder.self, from: data))
        case .orderAcknowledgment: return .orderAcknowledgment(try decoder.decode(OrderAcknowledgment.self, from: data))
        case .shipNotice: return .shipNotice(try decoder.decode(ShipNotice.self, from: data))
        case .invoice: return .invoice(try decoder.decode(Invoice.self, from: data))
        case .changeOrder: return .changeOrder(try decoder.decode(ChangeOrder.self, from: data))
        case .changeAcknowledgment: return .changeAcknowledgment(try decoder.decode(ChangeAcknowledgment.self, from: data))
        case .inventoryAdvice: return .inventoryAdvice(try decoder.decode(InventoryAdvice.self, from: data))
        case .priceCatalog: return .priceCatalog(try decoder.decode(PriceCatalog.self, from: data))
        case .locationList: return .locationList(try decoder.decode(LocationList.self, from: data))
        }
    }

    /// Goes through JSON text so that Decimals stay exact: JSONEncoder writes a Decimal's own
    /// digits, and `CanonicalJSON` keeps them as text.
    public init(type: CanonicalDocumentType, value: CanonicalValue) throws {
        self = try Self.decode(type, json: Array(CanonicalJSON.write(value).utf8))
    }

    public var canonicalValue: CanonicalValue {
        get throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try CanonicalJSON.parse(Array(try encoder.encode(self)))
        }
    }

    /// Sorted-key JSON of several documents as one array: what `edigate translate` prints.
    public static func jsonArray(_ documents: [CanonicalDocument], pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(documents), as: UTF8.self)
    }
}
