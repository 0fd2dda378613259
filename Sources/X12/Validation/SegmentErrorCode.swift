/// AK304 / IK304 segment syntax error codes (X12 data element 720 / 620).
public enum SegmentErrorCode: String, Sendable, Hashable, CaseIterable {
    case unrecognizedSegmentID = "1"
    case unexpectedSegment = "2"
    case mandatorySegmentMissing = "3"
    case loopOccursOverMaximumTimes = "4"
    case segmentExceedsMaximumUse = "5"
    case segmentNotInDefinedTransactionSet = "6"
    case segmentNotInProperSequence = "7"
    case segmentHasDataElementErrors = "8"

    public var text: String {
        switch self {
        case .unrecognizedSegmentID: return "Unrecognized segment ID"
        case .unexpectedSegment: return "Unexpected segment"
        case .mandatorySegmentMissing: return "Mandatory segment missing"
        case .loopOccursOverMaximumTimes: return "Loop occurs over maximum times"
        case .segmentExceedsMaximumUse: return "Segment exceeds maximum use"
        case .segmentNotInDefinedTransactionSet: return "Segment not in defined transaction set"
        case .segmentNotInProperSequence: return "Segment not in proper sequence"
        case .segmentHasDataElementErrors: return "Segment has data element errors"
        }
    }
}
