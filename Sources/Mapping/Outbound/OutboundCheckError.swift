import Foundation

/// Why a canonical document is refused before any X12 is written: the data contradicts
/// itself or a rule trading partners enforce.
public enum OutboundCheckError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An SSCC-18 that is not 18 digits (or 20 with the `00` application identifier).
    case malformedSSCC(field: String, value: String)
    /// An SSCC-18 whose GS1 check digit is wrong.
    case badSSCCCheckDigit(field: String, value: String, expected: Character)
    case duplicateSSCC(field: String, value: String)
    /// The given invoice total is not the one the lines, charges and tax add up to.
    case totalMismatch(given: Decimal, computed: Decimal)
    /// A structural necessity is missing (an 856 with no order, a pack with no item …).
    case missing(field: String, reason: String)
    case invalidValue(field: String, value: String, reason: String)

    public var description: String {
        switch self {
        case .malformedSSCC(let field, let value):
            return "\(field): '\(value)' is not an SSCC-18 (18 digits, or 20 starting with the 00 application identifier)"
        case .badSSCCCheckDigit(let field, let value, let expected):
            return "\(field): SSCC '\(value)' has a wrong GS1 check digit (expected \(expected))"
        case .duplicateSSCC(let field, let value):
            return "\(field): SSCC '\(value)' is used by more than one pack in the shipment"
        case .totalMismatch(let given, let computed):
            return "total: \(given) disagrees with the recomputed total \(computed) (Σ line quantity × unit price rounded to cents, + charges − allowances + tax)"
        case .missing(let field, let reason):
            return "\(field): \(reason)"
        case .invalidValue(let field, let value, let reason):
            return "\(field): '\(value)' \(reason)"
        }
    }
}
