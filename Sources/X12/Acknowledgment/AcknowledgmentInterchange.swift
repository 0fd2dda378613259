/// One acknowledgment interchange to send: the bytes and what they contain.
public struct AcknowledgmentInterchange: Sendable {
    /// The interchange acknowledged (its ISA13).
    public let acknowledgedControlNumber: String
    public let parameters: InterchangeParameters
    public let delimiters: Delimiters
    public let ta1: OutboundSegment?
    public let groups: [OutboundGroup]
    /// The bytes with the control numbers written into them.
    public let written: WrittenInterchange
    public var bytes: [UInt8] { written.bytes }
}
