import Partners
import X12

/// The profile's answers to "how do we read and acknowledge this partner's files", in X12's terms.
extension PartnerProfile {
    var acknowledgmentOptions: AcknowledgmentOptions {
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

    var readingMode: ReadingMode {
        interchange.reading == .strict ? .strict : .tolerant
    }

    /// `qualifier:id` of the partner's ISA sender, as the envelope check compares it.
    var partnerInterchangeIdentity: String {
        "\(interchange.partner.qualifier):\(interchange.partner.id)"
    }
}
