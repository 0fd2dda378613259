import X12

/// The profile's answers to "how do we read and acknowledge this partner's files", in X12's
/// terms: the one place a profile is adapted onto the X12 module (the pipeline, `validate` and
/// `partner try` all ask here).
extension PartnerProfile {
    package var acknowledgmentOptions: AcknowledgmentOptions {
        let kind: AcknowledgmentOptions.Kind
        switch acknowledgments.send {
        case .functional997: kind = .functional997
        case .implementation999: kind = .implementation999
        case .none: kind = .none
        }
        let ta1: AcknowledgmentOptions.TA1Policy
        switch acknowledgments.ta1 {
        case .always: ta1 = .always
        case .onError: ta1 = .onError
        case .never: ta1 = .never
        }
        return AcknowledgmentOptions(kind: kind, ta1: ta1)
    }

    package var readingMode: ReadingMode {
        interchange.reading == .strict ? .strict : .tolerant
    }

    /// `qualifier:id` of the partner's ISA sender, as the envelope check compares it.
    package var partnerInterchangeIdentity: String {
        "\(interchange.partner.qualifier):\(interchange.partner.id)"
    }

    /// Why an interchange from this partner must be refused although it reads, as the TA1 note
    /// a partner understands: addressed to someone else (ISA07/08, GS03) or a test/production
    /// mix-up (ISA15 against the profile's usage). Nil when none applies. (A repeated ISA13 needs
    /// the store; the pipeline checks it after this.)
    package func envelopeRefusal(_ interchange: Interchange, file: String) -> EnvelopeError? {
        envelopeRefusal(header: interchange.header, groups: interchange.groups.map { (control: $0.control, receiverCode: $0.receiverCode) }, file: file)
    }

    /// As `envelopeRefusal(_:file:)`, from the ISA and the groups' GS06/GS03 alone (a file
    /// read as a stream keeps no more).
    package func envelopeRefusal(header: InterchangeHeader, groups: [(control: String, receiverCode: String)], file: String) -> EnvelopeError? {
        let us = self.interchange.us
        func refusal(_ code: String, _ message: String, element: Int?, value: String?) -> EnvelopeError {
            EnvelopeError(code: .ta1(code), message: message, file: file, byteOffset: 0, segmentPosition: 1, segmentID: "ISA",
                          elementPosition: element, value: value)
        }
        let receiver = "\(header.receiverQualifier):\(header.receiverID)"
        if receiver != "\(us.qualifier):\(us.id)" {
            return refusal(TA1NoteCode.unknownReceiverID, "ISA07/ISA08 \(receiver) is not us (\(us.qualifier):\(us.id)): the interchange is addressed to someone else",
                           element: 8, value: header.receiverID)
        }
        if let group = groups.first(where: { $0.receiverCode != us.groupID }) {
            return refusal(TA1NoteCode.invalidContent, "GS03 \(group.receiverCode) of group \(group.control) is not our application ID \(us.groupID)",
                           element: nil, value: group.receiverCode)
        }
        if header.usage != self.interchange.usage {
            let kind = header.usage == "T" ? "a test interchange" : "a production interchange"
            return refusal(TA1NoteCode.invalidTestIndicator,
                           "ISA15 \(header.usage): \(kind) to a partner configured for usage \(self.interchange.usage); no order from it enters the ERP",
                           element: 15, value: header.usage)
        }
        return nil
    }
}
