import Foundation

extension Decimal {
    /// Rounded to `scale` fraction digits, halves away from zero (commercial rounding): how
    /// invoice amounts are computed when mapped and when matched, so the two always agree.
    package func rounded(_ scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }
}
