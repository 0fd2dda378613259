/// AK403 / IK403 data element syntax error codes (X12 data element 723 / 621).
/// Codes 12 and 13 exist from 005010 on.
public enum ElementErrorCode: String, Sendable, Hashable, CaseIterable {
    case mandatoryElementMissing = "1"
    case conditionalRequiredElementMissing = "2"
    case tooManyDataElements = "3"
    case dataElementTooShort = "4"
    case dataElementTooLong = "5"
    case invalidCharacter = "6"
    case invalidCodeValue = "7"
    case invalidDate = "8"
    case invalidTime = "9"
    case exclusionConditionViolated = "10"
    case tooManyRepetitions = "12"
    case tooManyComponents = "13"

    public var text: String {
        switch self {
        case .mandatoryElementMissing: return "Mandatory data element missing"
        case .conditionalRequiredElementMissing: return "Conditional required data element missing"
        case .tooManyDataElements: return "Too many data elements"
        case .dataElementTooShort: return "Data element too short"
        case .dataElementTooLong: return "Data element too long"
        case .invalidCharacter: return "Invalid character in data element"
        case .invalidCodeValue: return "Invalid code value"
        case .invalidDate: return "Invalid date"
        case .invalidTime: return "Invalid time"
        case .exclusionConditionViolated: return "Exclusion condition violated"
        case .tooManyRepetitions: return "Too many repetitions"
        case .tooManyComponents: return "Too many components"
        }
    }
}
