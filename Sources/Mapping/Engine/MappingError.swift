/// A value the engine cannot carry across, with the map rule and the field involved.
public enum MappingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Inbound: an element whose text does not fit the binding's format.
    case unreadableElement(segment: String, position: Int, value: String, format: ValueFormat, rule: SourceLocation)
    /// Outbound: a canonical value that cannot be written in the binding's format.
    case unwritableValue(field: String, value: String, format: ValueFormat, rule: SourceLocation)
    /// Outbound: a value with no code in the binding's `translate` table.
    case noCode(field: String, value: String, codes: [String], rule: SourceLocation)
    /// The document could not be turned into the engine's tree or back.
    case document(type: CanonicalDocumentType, reason: String)

    public var description: String {
        switch self {
        case .unreadableElement(let segment, let position, let value, let format, let rule):
            return "\(segment)\(position < 10 ? "0" : "")\(position) '\(value)' is not a valid \(format.rawValue) (map rule at \(rule))"
        case .unwritableValue(let field, let value, let format, let rule):
            return "\(field) '\(value)' cannot be written as \(format.rawValue) (map rule at \(rule))"
        case .noCode(let field, let value, let codes, let rule):
            return "\(field) '\(value)' has no X12 code in the map (known: \(codes.joined(separator: ", "))) (map rule at \(rule))"
        case .document(let type, let reason):
            return "\(type.rawValue): \(reason)"
        }
    }
}
