/// A defect in an interchange's envelope (ISA/IEA, GS/GE, ST/SE), with everything an
/// acknowledgment or a person needs to find it.
public struct EnvelopeError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: AcknowledgmentCode
    public let message: String
    public let file: String?
    /// Byte offset in the file of the segment at fault.
    public let byteOffset: Int
    /// Segment position: counted from ST (ST = 1) for transaction set errors, from ISA
    /// (ISA = 1) for group and interchange errors.
    public let segmentPosition: Int
    public let segmentID: String
    /// Element position inside the segment, where one element is at fault.
    public let elementPosition: Int?
    /// A copy of the bad value, where there is one.
    public let value: String?

    public init(code: AcknowledgmentCode, message: String, file: String?, byteOffset: Int, segmentPosition: Int, segmentID: String, elementPosition: Int? = nil, value: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.byteOffset = byteOffset
        self.segmentPosition = segmentPosition
        self.segmentID = segmentID
        self.elementPosition = elementPosition
        self.value = value
    }

    public var description: String {
        var text = "\(file ?? "<input>"): byte \(byteOffset): segment \(segmentPosition) \(segmentID)"
        if let elementPosition { text += elementPosition.twoDigits }
        text += ": \(code): \(message)"
        if let value { text += " (value \"\(value)\")" }
        return text
    }
}
