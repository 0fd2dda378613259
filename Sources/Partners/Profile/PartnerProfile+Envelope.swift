import Mapping
import X12

extension PartnerProfile {
    /// The envelope of an outbound interchange to this partner: we send, they receive.
    public func outboundEnvelope(interchangeControl: Int, groupControl: Int, setControl: Int, date: String, time: String) -> EnvelopeSettings {
        var envelope = EnvelopeSettings(senderQualifier: interchange.us.qualifier, senderID: interchange.us.id,
                         receiverQualifier: interchange.partner.qualifier, receiverID: interchange.partner.id,
                         senderGroupID: interchange.us.groupID, receiverGroupID: interchange.partner.groupID,
                         version: interchange.version, delimiters: interchange.delimiters.delimiters ?? .standard,
                         usage: interchange.usage, acknowledgmentRequested: acknowledgments.requestTA1,
                         interchangeControl: interchangeControl, groupControl: groupControl, setControl: setControl,
                         date: date, time: time)
        envelope.delimiterInText = interchange.delimiterInText
        return envelope
    }
}
