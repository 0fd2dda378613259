/// Why a segment or envelope could not be written.
public enum X12WriteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A value contains one of the interchange's delimiters and would corrupt the structure.
    case reservedCharacter(segment: String, element: Int, value: String, character: String)
    /// A fixed-width ISA field is longer than its width.
    case fieldTooLong(field: String, value: String, width: Int)
    case invalidDelimiters(String)
    case invalidControlNumber(String)

    public var description: String {
        switch self {
        case .reservedCharacter(let segment, let element, let value, let character):
            return "\(segment)\(element.twoDigits) value \"\(value)\" contains the delimiter \(character)"
        case .fieldTooLong(let field, let value, let width):
            return "\(field) value \"\(value)\" is longer than \(width) characters"
        case .invalidDelimiters(let text):
            return "invalid delimiters: \(text)"
        case .invalidControlNumber(let text):
            return "invalid control number: \(text)"
        }
    }
}
