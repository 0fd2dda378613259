/// The outcome of validating one interchange: the TA1 note and every group's result.
public struct InterchangeResult: Sendable {
    public let header: InterchangeHeader
    /// Interchange-level errors (TA1 note codes), in file order.
    public let envelopeErrors: [EnvelopeError]
    public let groups: [GroupResult]

    /// TA105: the first interchange error's note code, `000` when there is none.
    public var noteCode: String {
        envelopeErrors.first?.code.code ?? TA1NoteCode.noError
    }

    /// TA104: `A` accepted, `R` rejected (the interchange envelope is in error).
    public var acknowledgmentCode: String { envelopeErrors.isEmpty ? "A" : "R" }

    public var isValid: Bool { envelopeErrors.isEmpty && groups.allSatisfy(\.isValid) }

    /// The same result with an interchange error the reader could not see (the receiver is not
    /// us, a test interchange to a production partner, a control number received before):
    /// it comes first, so TA105 names it.
    public func rejecting(_ error: EnvelopeError) -> InterchangeResult {
        InterchangeResult(header: header, envelopeErrors: [error] + envelopeErrors, groups: groups)
    }
}
