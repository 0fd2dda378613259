/// One data element error inside a segment: what an AK4/IK4 reports.
public struct ElementError: Sendable, Hashable {
    /// Element position in the segment (AK401-1).
    public let position: Int
    /// Component position inside a composite (AK401-2), where the error is in one component.
    public let componentPosition: Int?
    /// Repeat position (AK401-3, 5010), where the element repeats.
    public let repeatPosition: Int?
    /// Data element reference number (AK402), where the schema knows it.
    public let reference: String?
    public let code: ElementErrorCode
    /// A copy of the bad value (AK404); `nil` for missing elements.
    public let value: String?
    public let message: String

    public init(position: Int, componentPosition: Int? = nil, repeatPosition: Int? = nil, reference: String? = nil, code: ElementErrorCode, value: String? = nil, message: String) {
        self.position = position
        self.componentPosition = componentPosition
        self.repeatPosition = repeatPosition
        self.reference = reference
        self.code = code
        self.value = value
        self.message = message
    }
}
