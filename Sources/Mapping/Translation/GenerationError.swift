/// Why `DocumentGenerator` released no X12.
public enum GenerationError: Error, Sendable, CustomStringConvertible {
    /// The document contradicts itself (bad SSCC, wrong total …).
    case inconsistent(OutboundCheckError)
    /// A value the map cannot write.
    case mapping(MappingError)
    case maps(MapErrors)
    /// The document was not of the kind asked for, or its JSON did not decode.
    case document(String)
    /// The X12 writer refused a value (a delimiter inside data, an over-long ISA field …).
    case writer(String)
    /// Our own validator rejected the generated set: never released.
    case failsValidation([String])

    public var description: String {
        switch self {
        case .inconsistent(let e): return e.description
        case .mapping(let e): return e.description
        case .maps(let e): return e.description
        case .document(let reason): return reason
        case .writer(let reason): return "cannot write X12: \(reason)"
        case .failsValidation(let errors): return "the generated document fails validation:\n" + errors.joined(separator: "\n")
        }
    }
}
