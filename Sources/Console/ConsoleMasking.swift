import Foundation

/// What a caller's role does not see in the console's answers: prices and amounts (all but
/// finance and admin), and the buyer's names, addresses and contacts (the ERP's token). Set per
/// request by the service's access control (`ConsoleMasking.$current`); applied where the
/// console writes its answers, JSON and raw interchanges alike, never to what is stored.
package struct ConsoleMasking: Sendable, Hashable {
    package var prices: Bool
    package var parties: Bool

    package init(prices: Bool = false, parties: Bool = false) {
        self.prices = prices
        self.parties = parties
    }

    package var isNone: Bool { !prices && !parties }

    @TaskLocal package static var current = ConsoleMasking()

    static let marker = "MASKED"

    /// Keys whose values are prices or amounts.
    static let moneyKeys: Set<String> = ["unitPrice", "ackUnitPrice", "price", "amount", "total", "tax", "subtotal", "lineAmount",
                                         "varianceAmount", "expected", "actual", "charges", "amounts", "totals"]
    /// Keys whose values name or locate a party.
    static let partyKeys: Set<String> = ["shipTo", "billTo", "buyer", "seller", "remitTo", "shipFrom", "name", "address", "city",
                                         "state", "postalCode", "country", "contact", "phone", "email"]
    /// An amount with its currency, as decisions and reasons write them ("13.99 USD").
    static let moneyInText = try! NSRegularExpression(pattern: #"\b\d+(?:\.\d+)?(?= [A-Z]{3}\b)"#)

    // MARK: JSON

    package func json(_ data: Data) -> Data {
        guard !isNone, let value = try? JSONDecoder().decode(JSONValue.self, from: data) else { return data }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(mask(value))) ?? data
    }

    func mask(_ value: JSONValue, key: String? = nil) -> JSONValue {
        if let key, prices, Self.moneyKeys.contains(key), value != .null { return .string(Self.marker) }
        if let key, parties, Self.partyKeys.contains(key), value != .null { return .string(Self.marker) }
        switch value {
        case .object(let members):
            return .object(Dictionary(uniqueKeysWithValues: members.map { ($0.key, mask($0.value, key: $0.key)) }))
        case .array(let items):
            return .array(items.map { mask($0, key: key) })
        case .string(let text):
            // Audit details travel as JSON text: masked inside, written back as text.
            if text.hasPrefix("{"), let inner = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)),
               let encoded = try? JSONEncoder().encode(mask(inner)) {
                return .string(String(decoding: encoded, as: UTF8.self))
            }
            return .string(maskText(text))
        default:
            return value
        }
    }

    package func maskText(_ text: String) -> String {
        guard prices else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return Self.moneyInText.stringByReplacingMatches(in: text, range: range, withTemplate: Self.marker)
    }

    // MARK: X12

    /// Price and amount elements by segment (PO104, CTP03, IT104, SAC05, TDS01–04, AMT02, TXI02).
    static let priceElements: [String: Set<Int>] = ["PO1": [4], "CTP": [3], "IT1": [4], "SAC": [5], "TDS": [1, 2, 3, 4], "AMT": [2], "TXI": [2]]
    /// Party elements: names (N102), address lines (N3), places (N4), contacts (PER).
    static let partyElements: [String: Set<Int>] = ["N1": [2], "N2": [1, 2], "N3": [1, 2], "N4": [1, 2, 3, 4], "PER": [2, 4, 6, 8]]
    /// Free text that may carry an amount ("13.99 USD").
    static let textElements: [String: Int] = ["MSG": 1, "MTX": 2, "NTE": 2]

    package func interchange(_ data: Data) -> Data {
        let bytes = Array(data)
        guard !isNone, bytes.count > 106, bytes.starts(with: Array("ISA".utf8)) else { return data }
        let element = bytes[3]
        let terminator = bytes[105]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (index, segment) in bytes.split(separator: terminator, omittingEmptySubsequences: false).enumerated() {
            if index > 0 { out.append(terminator) }
            var fields = segment.split(separator: element, omittingEmptySubsequences: false).map(Array.init)
            let id = String(decoding: (fields.first ?? []).drop { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }, as: UTF8.self)
            var masked: Set<Int> = []
            if prices { masked.formUnion(Self.priceElements[id] ?? []) }
            if parties { masked.formUnion(Self.partyElements[id] ?? []) }
            for position in masked where position < fields.count && !fields[position].isEmpty {
                fields[position] = Array(Self.marker.utf8)
            }
            if prices, let position = Self.textElements[id], position < fields.count {
                fields[position] = Array(maskText(String(decoding: fields[position], as: UTF8.self)).utf8)
            }
            out += Array(fields.joined(separator: [element]))
        }
        return Data(out)
    }
}
