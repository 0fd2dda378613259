/// The code an acknowledgment uses to report a problem, by the acknowledgment that carries it.
public enum AcknowledgmentCode: Sendable, Hashable, CustomStringConvertible {
    /// TA1 interchange note code (TA105), three digits, e.g. `001`.
    case ta1(String)
    /// AK9/IK9 functional group error code (AK905…), e.g. `4`.
    case ak9(String)
    /// AK5/IK5 transaction set error code (AK502…), e.g. `3`.
    case ak5(String)

    public var description: String {
        switch self {
        case .ta1(let c): return "TA1 \(c)"
        case .ak9(let c): return "AK9 \(c)"
        case .ak5(let c): return "AK5 \(c)"
        }
    }

    public var code: String {
        switch self {
        case .ta1(let c), .ak9(let c), .ak5(let c): return c
        }
    }
}

/// TA105 interchange note codes the envelope checks produce.
public enum TA1NoteCode {
    public static let noError = "000"
    public static let controlNumberMismatch = "001"
    public static let versionNotSupported = "003"
    public static let invalidSegmentTerminator = "004"
    public static let invalidSenderQualifier = "005"
    public static let invalidSenderID = "006"
    public static let invalidReceiverQualifier = "007"
    public static let invalidReceiverID = "008"
    public static let unknownReceiverID = "009"
    public static let invalidAuthorizationQualifier = "010"
    public static let invalidAuthorizationValue = "011"
    public static let invalidSecurityQualifier = "012"
    public static let invalidSecurityValue = "013"
    public static let invalidDate = "014"
    public static let invalidTime = "015"
    public static let invalidStandardsIdentifier = "016"
    public static let invalidVersion = "017"
    public static let invalidControlNumber = "018"
    public static let invalidAckRequested = "019"
    public static let invalidTestIndicator = "020"
    public static let invalidGroupCount = "021"
    public static let invalidControlStructure = "022"
    public static let prematureEndOfFile = "023"
    public static let invalidContent = "024"
    public static let duplicateControlNumber = "025"
    public static let invalidElementSeparator = "026"
    public static let invalidComponentSeparator = "027"
}

/// AK905 functional group error codes the envelope checks produce.
public enum AK9ErrorCode {
    public static let trailerMissing = "3"
    public static let controlNumberMismatch = "4"
    public static let setCountMismatch = "5"
    public static let controlNumberSyntax = "6"
}

/// AK502 transaction set error codes the envelope checks produce.
public enum AK5ErrorCode {
    public static let trailerMissing = "2"
    public static let controlNumberMismatch = "3"
    public static let segmentCountMismatch = "4"
    public static let missingOrInvalidIdentifier = "6"
    public static let missingOrInvalidControlNumber = "7"
    public static let controlNumberNotUnique = "23"
}
