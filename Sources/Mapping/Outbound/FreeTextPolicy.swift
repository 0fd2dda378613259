/// What happens to outbound text that contains one of the partner's delimiters (a `*` in a
/// description, a `~` in a reason): a profile setting (`interchange.delimiterInText`).
public enum DelimiterInText: String, Codable, Sendable, Hashable, CaseIterable {
    /// Each delimiter character becomes a space; the change is recorded. The default: a buyer
    /// is better served by "SHELF 24 X 36" than by no 855.
    case replace
    /// The document is not generated; the error names the segment, element and character.
    case refuse
}
