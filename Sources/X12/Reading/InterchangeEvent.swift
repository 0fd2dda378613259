/// What the streaming reader reports, in file order.
public enum InterchangeEvent: Sendable {
    /// An ISA was read; `errors` are defects in its fields.
    case interchangeStart(InterchangeHeader, errors: [EnvelopeError])
    /// A segment between the ISA and the first GS: TA1, ISB, ISE and other service segments.
    case serviceSegment(Segment)
    /// A GS was read.
    case groupStart(Segment)
    case transactionSet(TransactionSet)
    /// A group closed, by its GE (`trailer`) or by the end of its interchange (`trailer` nil).
    case groupEnd(trailer: Segment?, setCount: Int, errors: [EnvelopeError])
    /// An interchange closed, by its IEA (`trailer`) or by the end of the file (`trailer` nil).
    case interchangeEnd(trailer: Segment?, groupCount: Int, errors: [EnvelopeError], lineBreakAfterTrailer: Bool)
    /// A segment where no segment may stand (inside a group but outside a set, or outside any interchange).
    case strayError(EnvelopeError)
}
