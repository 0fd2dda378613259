/// A segment syntax note relating element positions, written as in the X12 segment
/// directory: a letter and two digits per position, e.g. `P0304`, `R020305`, `C0403`.
public struct SyntaxNote: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Character, Sendable, Hashable {
        /// Paired: if any is present, all are required.
        case paired = "P"
        /// Required: at least one is required.
        case required = "R"
        /// Exclusion: not more than one may be present.
        case exclusion = "E"
        /// Conditional: if the first is present, all the others are required.
        case conditional = "C"
        /// List conditional: if the first is present, at least one of the others is required.
        case listConditional = "L"
    }

    public let kind: Kind
    public let positions: [Int]

    public init(kind: Kind, positions: [Int]) {
        self.kind = kind
        self.positions = positions
    }

    public init?(_ text: String) {
        let chars = Array(text)
        guard chars.count >= 5, (chars.count - 1) % 2 == 0, let kind = Kind(rawValue: chars[0]) else { return nil }
        var positions: [Int] = []
        var i = 1
        while i < chars.count {
            guard let p = Int(String(chars[i...i + 1])), p > 0 else { return nil }
            positions.append(p)
            i += 2
        }
        self.kind = kind
        self.positions = positions
    }

    public var description: String { String(kind.rawValue) + positions.map(\.twoDigits).joined() }
}
