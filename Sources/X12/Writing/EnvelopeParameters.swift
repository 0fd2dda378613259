/// What an outbound ISA says: who sends to whom, in which version, under which control number.
public struct InterchangeParameters: Sendable, Hashable {
    public var authorizationQualifier = "00"
    public var authorization = ""
    public var securityQualifier = "00"
    public var security = ""
    public var senderQualifier: String
    public var senderID: String
    public var receiverQualifier: String
    public var receiverID: String
    /// YYMMDD.
    public var date: String
    /// HHMM.
    public var time: String
    /// ISA12, e.g. `00401` or `00501`.
    public var version: String
    public var controlNumber: Int
    public var acknowledgmentRequested = false
    /// P production, T test.
    public var usage = "P"

    public init(senderQualifier: String, senderID: String, receiverQualifier: String, receiverID: String, date: String, time: String, version: String, controlNumber: Int, acknowledgmentRequested: Bool = false, usage: String = "P") {
        self.senderQualifier = senderQualifier
        self.senderID = senderID
        self.receiverQualifier = receiverQualifier
        self.receiverID = receiverID
        self.date = date
        self.time = time
        self.version = version
        self.controlNumber = controlNumber
        self.acknowledgmentRequested = acknowledgmentRequested
        self.usage = usage
    }
}

/// What an outbound GS says.
public struct GroupParameters: Sendable, Hashable {
    public var functionalID: String
    public var senderCode: String
    public var receiverCode: String
    /// CCYYMMDD.
    public var date: String
    /// HHMM.
    public var time: String
    public var controlNumber: Int
    public var agency = "X"
    /// GS08, e.g. `004010`.
    public var version: String

    public init(functionalID: String, senderCode: String, receiverCode: String, date: String, time: String, controlNumber: Int, agency: String = "X", version: String) {
        self.functionalID = functionalID
        self.senderCode = senderCode
        self.receiverCode = receiverCode
        self.date = date
        self.time = time
        self.controlNumber = controlNumber
        self.agency = agency
        self.version = version
    }
}

/// One outbound transaction set: ST and SE are written around `body`, with SE01 counted.
public struct OutboundTransactionSet: Sendable, Hashable {
    public var type: String
    public var control: String
    /// ST03 implementation convention reference (5010), e.g. `005010X231`.
    public var implementationReference: String?
    public var body: [OutboundSegment]

    public init(type: String, control: String, implementationReference: String? = nil, body: [OutboundSegment]) {
        self.type = type
        self.control = control
        self.implementationReference = implementationReference
        self.body = body
    }
}

/// One outbound functional group.
public struct OutboundGroup: Sendable, Hashable {
    public var parameters: GroupParameters
    public var transactionSets: [OutboundTransactionSet]

    public init(parameters: GroupParameters, transactionSets: [OutboundTransactionSet]) {
        self.parameters = parameters
        self.transactionSets = transactionSets
    }
}
