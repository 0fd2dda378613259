/// How the reader treats files that bend X12's byte layout.
public enum ReadingMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Accept BOMs, indentation, stray spaces, irregular ISAs, recording a warning for each.
    case tolerant
    /// Reject any deviation from the fixed ISA layout and the segment syntax.
    case strict
}
