/// Validates interchanges while `InterchangeReader` streams them: each transaction set is
/// checked when its event arrives and only its result is kept (type, control number,
/// errors, codes; never the set's bytes), so memory follows the number of sets and errors
/// of the open interchange, not the size of the file.
///
/// The results are those `InterchangeValidator.validate(InterchangeFile.read(…))` gives
/// for the same events: events the tree drops (a set outside a group, a group outside an
/// interchange) are dropped here too.
public struct InterchangeStreamValidator: Sendable {
    public let validator: InterchangeValidator
    /// Every envelope error carried by a result returned so far (as interchange, group or
    /// set error): the reader's errors outside this set belong to no interchange.
    public private(set) var reportedErrors: Set<EnvelopeError> = []

    private var interchange: OpenInterchange?
    private var group: OpenGroup?

    private struct OpenInterchange: Sendable {
        let header: InterchangeHeader
        var errors: [EnvelopeError]
        var groups: [GroupResult] = []
    }

    private struct OpenGroup: Sendable {
        // The header's fields as strings: the GS segment itself would hold the reader's buffer.
        let functionalID: String
        let senderCode: String
        let receiverCode: String
        let control: String
        let version: String
        let versionSupported: Bool
        var sets: [TransactionSetResult] = []
        var errors: [EnvelopeError] = []
    }

    public init(validator: InterchangeValidator) {
        self.validator = validator
    }

    /// Takes the reader's next event; returns an interchange's result when the event ends it.
    public mutating func consume(_ event: InterchangeEvent) -> InterchangeResult? {
        consume(event, precomputed: nil)
    }

    /// As `consume(_:)`, taking a set's result computed elsewhere (on another thread by
    /// `ParallelValidationPipeline`) instead of validating it again.
    public mutating func consume(_ event: InterchangeEvent, precomputed: TransactionSetResult?) -> InterchangeResult? {
        switch event {
        case .interchangeStart(let header, let errors):
            interchange = OpenInterchange(header: header, errors: errors)
        case .serviceSegment:
            break
        case .groupStart(let header):
            let version = header[8]
            group = OpenGroup(functionalID: header[1], senderCode: header[2], receiverCode: header[3], control: header[6], version: version, versionSupported: validator.library.supports(version: version))
        case .transactionSet(let set):
            if group != nil {
                group!.sets.append(precomputed ?? validator.validate(set, version: group!.version, versionSupported: group!.versionSupported))
            }
        case .groupEnd(let trailer, _, let errors):
            if let open = group, interchange != nil {
                interchange!.groups.append(validator.result(functionalID: open.functionalID, senderCode: open.senderCode, receiverCode: open.receiverCode, control: open.control, version: open.version, versionSupported: open.versionSupported, trailer: trailer, sets: open.sets, errors: open.errors + errors))
            }
            group = nil
        case .interchangeEnd(_, _, let errors, _):
            guard let open = interchange else { return nil }
            interchange = nil
            let result = validator.result(header: open.header, errors: open.errors + errors, groups: open.groups)
            reportedErrors.formUnion(result.envelopeErrors)
            for group in result.groups {
                reportedErrors.formUnion(group.envelopeErrors)
                for set in group.sets { reportedErrors.formUnion(set.envelopeErrors) }
            }
            return result
        case .strayError(let error):
            if group != nil { group!.errors.append(error) } else { interchange?.errors.append(error) }
        }
        return nil
    }
}
