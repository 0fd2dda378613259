/// The X12 data element types a schema can declare.
public enum ElementDataType: Sendable, Hashable, CustomStringConvertible {
    /// AN: string of the basic/extended character set.
    case alphanumeric
    /// ID: a code from a code list.
    case identifier
    /// Nn: integer with `decimals` implied decimal places; no decimal point in the data.
    case numeric(decimals: Int)
    /// R: decimal number with an optional explicit decimal point.
    case decimal
    /// DT: CCYYMMDD (or YYMMDD where the maximum length is 6).
    case date
    /// TM: HHMM[SS[d..d]].
    case time
    /// B: binary; not checked beyond length.
    case binary

    public init?(code: String) {
        switch code {
        case "AN": self = .alphanumeric
        case "ID": self = .identifier
        case "R": self = .decimal
        case "DT": self = .date
        case "TM": self = .time
        case "B": self = .binary
        case "N": self = .numeric(decimals: 0)
        default:
            guard code.count == 2, code.first == "N", let d = Int(String(code.last!)) else { return nil }
            self = .numeric(decimals: d)
        }
    }

    public var description: String {
        switch self {
        case .alphanumeric: return "AN"
        case .identifier: return "ID"
        case .numeric(let d): return "N\(d)"
        case .decimal: return "R"
        case .date: return "DT"
        case .time: return "TM"
        case .binary: return "B"
        }
    }
}
