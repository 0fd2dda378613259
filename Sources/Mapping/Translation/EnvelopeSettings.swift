import X12

/// Everything an outbound envelope needs: who sends to whom, in which version and
/// delimiters, under which control numbers. `Partners` builds it from a profile.
public struct EnvelopeSettings: Sendable, Hashable {
    public var senderQualifier: String
    public var senderID: String
    public var receiverQualifier: String
    public var receiverID: String
    public var senderGroupID: String
    public var receiverGroupID: String
    /// GS08, e.g. `004010` or `005010`.
    public var version: String
    public var delimiters: Delimiters
    /// ISA15: P production, T test.
    public var usage: String
    /// ISA14: ask for a TA1.
    public var acknowledgmentRequested: Bool
    public var interchangeControl: Int
    public var groupControl: Int
    public var setControl: Int
    /// CCYYMMDD and HHMM.
    public var date: String
    public var time: String
    /// What happens to text that holds one of `delimiters` (the partner's policy).
    public var delimiterInText: DelimiterInText = .replace

    public init(senderQualifier: String, senderID: String, receiverQualifier: String, receiverID: String, senderGroupID: String, receiverGroupID: String, version: String, delimiters: Delimiters, usage: String = "P", acknowledgmentRequested: Bool = false, interchangeControl: Int = 1, groupControl: Int = 1, setControl: Int = 1, date: String, time: String) {
        self.senderQualifier = senderQualifier
        self.senderID = senderID
        self.receiverQualifier = receiverQualifier
        self.receiverID = receiverID
        self.senderGroupID = senderGroupID
        self.receiverGroupID = receiverGroupID
        self.version = version
        self.delimiters = delimiters
        self.usage = usage
        self.acknowledgmentRequested = acknowledgmentRequested
        self.interchangeControl = interchangeControl
        self.groupControl = groupControl
        self.setControl = setControl
        self.date = date
        self.time = time
    }

    /// ISA12 for a GS08 version: `004010` → `00401`.
    public var interchangeVersion: String { String(version.prefix(5)) }
}
