/// A deviation from X12 that the tolerant reader accepted. In strict mode each of these
/// becomes an `X12Error` instead.
public struct ReadWarning: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case byteOrderMark = "byte-order-mark"
        case leadingWhitespace = "leading-whitespace"
        case trailingSpaces = "trailing-spaces"
        case isaNotFixedWidth = "isa-not-fixed-width"
        case isaRepetitionSeparatorU = "isa11-u-in-repetition-position"
        case missingComponentSeparator = "missing-isa16"
        case multiByteTerminator = "multi-byte-terminator"
        case spaceBeforeLineBreak = "space-before-line-break"
        case missingFinalTerminator = "missing-final-terminator"
    }

    public let kind: Kind
    public let message: String
    /// Offset of the first occurrence.
    public let byteOffset: Int
    /// How many times it occurred (indentation, for instance, is usually on every segment).
    public var occurrences: Int

    public init(kind: Kind, message: String, byteOffset: Int, occurrences: Int = 1) {
        self.kind = kind
        self.message = message
        self.byteOffset = byteOffset
        self.occurrences = occurrences
    }

    public var description: String {
        let times = occurrences > 1 ? " (\(occurrences) times)" : ""
        return "byte \(byteOffset): \(kind.rawValue): \(message)\(times)"
    }
}
