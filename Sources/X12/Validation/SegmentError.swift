/// One segment error in a transaction set: what an AK3/IK3 (with its AK4/IK4s) reports.
public struct SegmentError: Sendable, Hashable {
    public let segmentID: String
    /// Position counted from ST (ST = 1), as AK302 requires.
    public let position: Int
    /// Loop identifier (AK303) of the loop the segment is in, `nil` at the set's top level.
    public let loopID: String?
    public let code: SegmentErrorCode
    public let elementErrors: [ElementError]
    public let byteOffset: Int
    public let message: String

    public init(segmentID: String, position: Int, loopID: String?, code: SegmentErrorCode, elementErrors: [ElementError] = [], byteOffset: Int, message: String) {
        self.segmentID = segmentID
        self.position = position
        self.loopID = loopID
        self.code = code
        self.elementErrors = elementErrors
        self.byteOffset = byteOffset
        self.message = message
    }
}
