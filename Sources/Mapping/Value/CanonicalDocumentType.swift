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
        try make(type, from: JSONTextSource(data: Data(json)))
    }

    /// Decodes the tree directly where that is sure to give what `JSONDecoder` gives its text;
    /// otherwise (and for every error a person reads) through the JSON text, where Decimals stay
    /// exact because `CanonicalJSON` keeps numbers as their digits.
    public init(type: CanonicalDocumentType, value: CanonicalValue) throws {
        if let direct = try? Self.decodeTree(type, value: value) {
            self = direct
            return
        }
        self = try Self.decode(type, json: Array(CanonicalJSON.write(value).utf8))
    }

    /// The document as the engine's tree: built directly, or through `JSONEncoder`'s text
    /// where the direct encoder is not sure (it gives the same tree either way).
    public var canonicalValue: CanonicalValue {
        get throws {
            if let direct = try? CanonicalValueEncoder.encode(self) { return direct }
            return try jsonCanonicalValue
        }
    }

    /// The tree through `JSONEncoder`'s text: the reference the direct encoder is checked against.
    package var jsonCanonicalValue: CanonicalValue {
        get throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try CanonicalJSON.parse(Array(try encoder.encode(self)))
        }
    }

    /// `value` decoded without JSON text; throws wherever `CanonicalValueDecoder` is not sure.
    package static func decodeTree(_ type: CanonicalDocumentType, value: CanonicalValue) throws -> CanonicalDocument {
        try make(type, from: TreeSource(value: value))
    }

    /// The one place that names the model of each document type.
    private static func make(_ type: CanonicalDocumentType, from source: some DocumentSource) throws -> CanonicalDocument {
        switch type {
        case .purchaseOrder: return .purchaseOrder(try source.decode(PurchaseOrder.self))
        case .orderAcknowledgment: return .orderAcknowledgment(try source.decode(OrderAcknowledgment.self))
        case .shipNotice: return .shipNotice(try source.decode(ShipNotice.self))
        case .invoice: return .invoice(try source.decode(Invoice.self))
        case .changeOrder: return .changeOrder(try source.decode(ChangeOrder.self))
        case .changeAcknowledgment: return .changeAcknowledgment(try source.decode(ChangeAcknowledgment.self))
        case .inventoryAdvice: return .inventoryAdvice(try source.decode(InventoryAdvice.self))
        case .priceCatalog: return .priceCatalog(try source.decode(PriceCatalog.self))
        case .locationList: return .locationList(try source.decode(LocationList.self))
        }
    }

    private protocol DocumentSource {
        func decode<T: Decodable>(_ type: T.Type) throws -> T
    }

    private struct JSONTextSource: DocumentSource {
        let data: Data
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: data) }
    }

    private struct TreeSource: DocumentSource {
        let value: CanonicalValue
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try CanonicalValueDecoder.decode(type, from: value) }
    }

    /// Sorted-key JSON of several documents as one array: what `edigate translate` prints.
    public static func jsonArray(_ documents: [CanonicalDocument], pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(documents), as: UTF8.self)
    }
}
