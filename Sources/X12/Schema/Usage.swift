/// Whether a segment, loop, element or component must be present.
public enum Usage: String, Sendable, Hashable {
    case mandatory = "M"
    case optional = "O"

    init?(schemaCode: String) {
        switch schemaCode {
        case "M": self = .mandatory
        case "O", "C", "X": self = .optional
        default: return nil
        }
    }
}
