import Foundation

extension Decimal {
    /// Money as people write it: at least two decimals, more only when the price has them
    /// (fastener prices run to 4 places). Never rounded.
    var moneyText: String {
        var text = NSDecimalNumber(decimal: self).stringValue
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        if decimals < 2 { text += String(repeating: "0", count: 2 - decimals) }
        return text
    }
}
