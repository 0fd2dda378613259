import Foundation
import GRDB

/// Decimals kept as TEXT columns.
extension Row {
    func decimal(_ column: String) -> Decimal {
        let text: String? = self[column]
        return text.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) } ?? 0
    }
}

extension Decimal {
    /// Rounded half-up to `scale` places: prices are quoted to 4 places after conversion.
    func rounded(scale: Int, mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var source = self
        var result = Decimal()
        NSDecimalRound(&result, &source, scale, mode)
        return result
    }

    var text: String { NSDecimalNumber(decimal: self).stringValue }
}
