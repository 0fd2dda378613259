/// Validates whole interchanges: combines the reader's envelope errors (TA1, AK9, AK5
/// codes) with the schema checks of every transaction set, per set, group and interchange.
public struct InterchangeValidator: Sendable {
    public let library: SchemaLibrary
    public let policy: ValidationPolicy
    /// The transaction sets the receiver takes; nil: every set the library has a schema for.
    /// A set outside it is AK5 1 (not supported) even with a schema: the library knows sets
    /// the gateway only sends (846, 832, 865), and a set nobody processes must never be
    /// acknowledged as accepted.
    public let acceptedSets: Set<String>?

    public init(library: SchemaLibrary, policy: ValidationPolicy = .standard, acceptedSets: Set<String>? = nil) {
        self.library = library
        self.policy = policy
        self.acceptedSets = acceptedSets
    }

    /// Every interchange of a file, under one error budget (`maxSegmentErrorsPerFile`).
    public func validate(_ file: InterchangeFile) -> [InterchangeResult] {
        var budget = policy.maxSegmentErrorsPerFile
        return file.interchanges.map { validate($0, budget: &budget) }
    }

    public func validate(_ interchange: Interchange) -> InterchangeResult {
        var budget = policy.maxSegmentErrorsPerFile
        return validate(interchange, budget: &budget)
    }

    func validate(_ interchange: Interchange, budget: inout Int) -> InterchangeResult {
        var groups: [GroupResult] = []
        for group in interchange.groups { groups.append(validate(group, budget: &budget)) }
        return result(header: interchange.header, errors: interchange.errors, groups: groups)
    }

    public func validate(_ group: FunctionalGroup) -> GroupResult {
        var budget = policy.maxSegmentErrorsPerFile
        return validate(group, budget: &budget)
    }

    func validate(_ group: FunctionalGroup, budget: inout Int) -> GroupResult {
        let supported = library.supports(version: group.version)
        var sets: [TransactionSetResult] = []
        for set in group.transactionSets {
            // With the file's budget spent, one error still decides acceptance, but is not
            // reported: the set's AK5 rejects it without AK3 detail.
            var result = validate(set, version: group.version, versionSupported: supported, limit: max(1, min(budget, policy.maxSegmentErrorsPerSet)))
            if budget == 0, !result.segmentErrors.isEmpty {
                let truncated = TransactionSetResult(type: result.type, control: result.control, implementationReference: result.implementationReference,
                                                     byteOffset: result.byteOffset, segmentErrors: [], envelopeErrors: result.envelopeErrors,
                                                     errorCodes: result.errorCodes, acknowledgmentCode: result.acknowledgmentCode, segmentErrorsTruncated: true)
                result = truncated
            }
            budget = max(0, budget - result.segmentErrors.count)
            sets.append(result)
        }
        return result(functionalID: group.functionalID, senderCode: group.senderCode, receiverCode: group.receiverCode, control: group.control, version: group.version, versionSupported: supported, trailer: group.trailer, sets: sets, errors: group.errors)
    }

    /// An interchange's result from its own envelope errors and its groups' results.
    func result(header: InterchangeHeader, errors: [EnvelopeError], groups: [GroupResult]) -> InterchangeResult {
        var interchangeErrors = errors.filter { if case .ta1 = $0.code { return true } else { return false } }
        for group in groups {
            // TA1-coded problems found inside a group (a GS outside an interchange, a reused
            // group control number, an ST outside a group) belong to the interchange's answer.
            let ta1 = group.envelopeErrors.filter { if case .ta1 = $0.code { return true } else { return false } }
                + group.sets.flatMap { $0.envelopeErrors.filter { if case .ta1 = $0.code { return true } else { return false } } }
            interchangeErrors += ta1
        }
        interchangeErrors.sort { $0.byteOffset < $1.byteOffset }
        return InterchangeResult(header: header, envelopeErrors: interchangeErrors, groups: groups)
    }

    /// A group's result from its header fields, its GE (if read), its sets' results and
    /// its envelope errors.
    func result(functionalID: String, senderCode: String, receiverCode: String, control: String, version: String, versionSupported supported: Bool, trailer: Segment?, sets: [TransactionSetResult], errors: [EnvelopeError]) -> GroupResult {
        let envelope = errors.filter { if case .ak9 = $0.code { return true } else { return false } }
        var codes = envelope.map(\.code.code)
        if !supported { codes.insert("2", at: 0) }
        let included = trailer.flatMap { ByteText($0[1]).unsignedValue } ?? sets.count
        return GroupResult(functionalID: functionalID, senderCode: senderCode, receiverCode: receiverCode, control: control, version: version, versionSupported: supported, includedCount: included, sets: sets, envelopeErrors: errors, errorCodes: Array(Self.unique(codes).prefix(5)))
    }

    public func validate(_ set: TransactionSet, version: String, versionSupported: Bool = true) -> TransactionSetResult {
        validate(set, version: version, versionSupported: versionSupported, limit: policy.maxSegmentErrorsPerSet)
    }

    func validate(_ set: TransactionSet, version: String, versionSupported: Bool, limit: Int) -> TransactionSetResult {
        var truncated = false
        let envelope = set.errors.filter { if case .ak5 = $0.code { return true } else { return false } }
        var codes = envelope.map(\.code.code)
        var segmentErrors: [SegmentError] = []
        let reference = set.segments.first.flatMap { $0.element(3) }.map(\.string).flatMap { $0.isEmpty ? nil : $0 }
        if let acceptedSets, !acceptedSets.contains(set.type) {
            if versionSupported { codes.insert("1", at: 0) }
        } else if let schema = library.schema(transactionSet: set.type, version: version) {
            (segmentErrors, truncated) = TransactionSetValidator(schema: schema).validate(set, limit: limit)
            if !segmentErrors.isEmpty { codes.append("5") }
        } else if versionSupported {
            codes.insert("1", at: 0)
        }
        codes = Array(Self.unique(codes).prefix(5))
        let onlyCodeValues = !truncated && !segmentErrors.isEmpty && segmentErrors.allSatisfy { $0.code == .segmentHasDataElementErrors && $0.elementErrors.allSatisfy { $0.code == .invalidCodeValue } }
        let ack: String
        if !versionSupported { ack = "R" }
        else if codes.isEmpty { ack = "A" }
        else if envelope.isEmpty, onlyCodeValues, policy.acceptInvalidCodeValues, codes == ["5"] { ack = "E" }
        else { ack = "R" }
        var result = TransactionSetResult(type: set.type, control: set.control, implementationReference: reference, byteOffset: set.byteOffset, segmentErrors: segmentErrors, envelopeErrors: set.errors, errorCodes: codes, acknowledgmentCode: ack)
        result.segmentErrorsTruncated = truncated
        return result
    }

    static func unique(_ codes: [String]) -> [String] {
        var seen: Set<String> = []
        return codes.filter { seen.insert($0).inserted }
    }
}
