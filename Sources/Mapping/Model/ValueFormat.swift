/// How a canonical value is written as an X12 element and read back.
public enum ValueFormat: String, Sendable, Hashable, CaseIterable {
    /// Text as is.
    case text
    /// A decimal number (X12 type R): canonical JSON number ↔ plain digits.
    case decimal
    /// A whole number (X12 type N0).
    case integer
    /// Money in implied-2-decimal cents (X12 type N2): `12.34` ↔ `1234`.
    case cents
    /// `YYYY-MM-DD` ↔ `CCYYMMDD`.
    case date
}
