/// Validates whole interchanges: combines the reader's envelope errors (TA1, AK9, AK5
/// codes) with the schema checks of every transaction set, per set, group and interchange.
public struct InterchangeValidator: Sendable {
    public let library: SchemaLibrary
    public let policy: ValidationPolicy

    public init(library: SchemaLibrary, policy: ValidationPolicy = .standard) {
        self.library = library
        self.policy = policy
    }

    public func validate(_ file: InterchangeFile) -> [InterchangeResult] {
        file.interchanges.map(validate)
    }

    public func validate(_ interchange: Interchange) -> InterchangeResult {
        result(header: interchange.header, errors: interchange.errors, groups: interchange.groups.map(validate))
    }

    public func validate(_ group: FunctionalGroup) -> GroupResult {
        let supported = library.supports(version: group.version)
        let sets = group.transactionSets.map { validate($0, version: group.version, versionSupported: supported) }
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
        let envelope = set.errors.filter { if case .ak5 = $0.code { return true } else { return false } }
        var codes = envelope.map(\.code.code)
        var segmentErrors: [SegmentError] = []
        let reference = set.segments.first.flatMap { $0.element(3) }.map(\.string).flatMap { $0.isEmpty ? nil : $0 }
        if let schema = library.schema(transactionSet: set.type, version: version) {
            segmentErrors = TransactionSetValidator(schema: schema).validate(set)
            if !segmentErrors.isEmpty { codes.append("5") }
        } else if versionSupported {
            codes.insert("1", at: 0)
        }
        codes = Array(Self.unique(codes).prefix(5))
        let onlyCodeValues = !segmentErrors.isEmpty && segmentErrors.allSatisfy { $0.code == .segmentHasDataElementErrors && $0.elementErrors.allSatisfy { $0.code == .invalidCodeValue } }
        let ack: String
        if !versionSupported { ack = "R" }
        else if codes.isEmpty { ack = "A" }
        else if envelope.isEmpty, onlyCodeValues, policy.acceptInvalidCodeValues, codes == ["5"] { ack = "E" }
        else { ack = "R" }
        return TransactionSetResult(type: set.type, control: set.control, implementationReference: reference, byteOffset: set.byteOffset, segmentErrors: segmentErrors, envelopeErrors: set.errors, errorCodes: codes, acknowledgmentCode: ack)
    }

    static func unique(_ codes: [String]) -> [String] {
        var seen: Set<String> = []
        return codes.filter { seen.insert($0).inserted }
    }
}
