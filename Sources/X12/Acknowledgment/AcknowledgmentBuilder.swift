/// Builds the TA1 and 997/999 answers to validated inbound interchanges: in the partner's
/// delimiters, with envelope senders and receivers reversed, control numbers from the
/// caller's sequence, and AK9 counts computed from what was actually received.
/// Throws `X12WriteError` when a value cannot be written in the chosen delimiters.
public struct AcknowledgmentBuilder: Sendable {
    public let options: AcknowledgmentOptions
    public let timestamp: AcknowledgmentTimestamp

    public init(options: AcknowledgmentOptions = AcknowledgmentOptions(), timestamp: AcknowledgmentTimestamp) {
        self.options = options
        self.timestamp = timestamp
    }

    /// The acknowledgment interchange for one inbound interchange, or `nil` when nothing
    /// is owed (only FA groups, and no TA1 needed).
    public func build(for result: InterchangeResult, controlNumbers: inout some ControlNumberSource) throws -> AcknowledgmentInterchange? {
        let header = result.header
        let partner = "\(header.senderQualifier):\(header.senderID)"
        guard let need = controlNumbersNeeded(for: result) else { return nil }
        let wantsTA1 = need.ta1
        let groups = acknowledgedGroups(of: result)

        let is999 = options.kind == .implementation999
        var parameters = InterchangeParameters(senderQualifier: header.receiverQualifier, senderID: header.receiverID, receiverQualifier: header.senderQualifier, receiverID: header.senderID, date: timestamp.shortDate, time: timestamp.time, version: is999 ? "00501" : header.version, controlNumber: controlNumbers.next(.interchange, partner: partner), acknowledgmentRequested: false, usage: options.usage ?? header.usage)
        parameters.authorizationQualifier = "00"
        parameters.securityQualifier = "00"

        var ta1: OutboundSegment?
        if wantsTA1 {
            ta1 = OutboundSegment("TA1", .simple(header.controlNumber), .simple(header.date), .simple(header.time), .simple(result.acknowledgmentCode), .simple(result.noteCode))
        }
        // A partner's separators that cannot write a valid interchange (e.g. a missing ISA16
        // read as the terminator) fall back to the standard set rather than corrupt data.
        var delimiters = header.delimiters
        if delimiters.conflict != nil { delimiters = .standard }
        if !InterchangeHeader.hasRepetitionSeparator(version: parameters.version) { delimiters.repetition = nil }
        else if delimiters.repetition == nil { delimiters.repetition = Delimiters.standard.repetition }
        let reserved = delimiters.reservedBytes
        var outbound: [OutboundGroup] = []
        for group in groups {
            let gs = GroupParameters(functionalID: "FA", senderCode: group.receiverCode, receiverCode: group.senderCode, date: timestamp.date, time: timestamp.time, controlNumber: controlNumbers.next(.group, partner: partner), version: is999 ? "005010X231" : group.version)
            let control = String(controlNumbers.next(.transactionSet, partner: partner)).leftPadded(to: 4)
            let body = is999 ? body999(group, reserved: reserved) : body997(group, reserved: reserved)
            outbound.append(OutboundGroup(parameters: gs, transactionSets: [OutboundTransactionSet(type: is999 ? "999" : "997", control: control, implementationReference: is999 ? "005010X231" : nil, body: body)]))
        }
        let written = try InterchangeWriter.compose(parameters, serviceSegments: ta1.map { [$0] } ?? [], groups: outbound, delimiters: delimiters)
        return AcknowledgmentInterchange(acknowledgedControlNumber: header.controlNumber, parameters: parameters, delimiters: delimiters, ta1: ta1, groups: outbound, written: written)
    }

    /// What `build(for:)` will draw from the control number source for `result`, or nil when
    /// nothing is owed. Callers that reserve numbers durably ask this first, so that the rule
    /// (TA1 policy, FA groups never acknowledged) lives here only.
    public func controlNumbersNeeded(for result: InterchangeResult) -> ControlNumberNeed? {
        let wantsTA1: Bool
        switch options.ta1 {
        case .never: wantsTA1 = false
        case .always: wantsTA1 = true
        case .onError: wantsTA1 = !result.envelopeErrors.isEmpty || result.header.acknowledgmentRequested
        }
        let groups = acknowledgedGroups(of: result).count
        guard wantsTA1 || groups > 0 else { return nil }
        return ControlNumberNeed(interchanges: 1, groups: groups, transactionSets: groups, ta1: wantsTA1)
    }

    /// Never acknowledge an acknowledgment: FA groups get no 997/999.
    private func acknowledgedGroups(of result: InterchangeResult) -> [GroupResult] {
        options.kind == .none ? [] : result.groups.filter { $0.functionalID != "FA" }
    }

    /// Acknowledgments for every interchange of a file.
    public func build(for results: [InterchangeResult], controlNumbers: inout some ControlNumberSource) throws -> [AcknowledgmentInterchange] {
        var out: [AcknowledgmentInterchange] = []
        for result in results {
            if let ack = try build(for: result, controlNumbers: &controlNumbers) { out.append(ack) }
        }
        return out
    }

    // MARK: - Bodies

    func body997(_ group: GroupResult, reserved: Set<UInt8>) -> [OutboundSegment] {
        let is5010 = (Int(SchemaLibrary.baseVersion(group.version)) ?? 0) >= 5010
        var body: [OutboundSegment] = []
        body.append(OutboundSegment("AK1", [.simple(group.functionalID), .simple(group.control)] + (is5010 ? [.simple(group.version)] : [])))
        if group.versionSupported {
            for set in group.sets {
                body.append(OutboundSegment("AK2", [.simple(set.type), .simple(set.control)] + (is5010 && set.implementationReference != nil ? [.simple(set.implementationReference!)] : [])))
                for error in set.segmentErrors {
                    body.append(OutboundSegment("AK3", .simple(error.segmentID), .simple(String(error.position)), .simple(error.loopID ?? ""), .simple(error.code.rawValue)))
                    for element in error.elementErrors.prefix(99) {
                        body.append(OutboundSegment("AK4", elementPosition(element, withRepeat: is5010), .simple(element.reference ?? ""), .simple(element.code.rawValue), .simple(badValueCopy(element.value, reserved: reserved))))
                    }
                }
                body.append(OutboundSegment("AK5", [.simple(set.acknowledgmentCode)] + set.errorCodes.map { .simple($0) }))
            }
        }
        body.append(ak9(group))
        return body
    }

    func body999(_ group: GroupResult, reserved: Set<UInt8>) -> [OutboundSegment] {
        var body: [OutboundSegment] = []
        body.append(OutboundSegment("AK1", .simple(group.functionalID), .simple(group.control), .simple(group.version)))
        if group.versionSupported {
            for set in group.sets {
                body.append(OutboundSegment("AK2", .simple(set.type), .simple(set.control), .simple(set.implementationReference ?? "")))
                for error in set.segmentErrors {
                    body.append(OutboundSegment("IK3", .simple(error.segmentID), .simple(String(error.position)), .simple(error.loopID ?? ""), .simple(error.code.rawValue)))
                    for element in error.elementErrors.prefix(99) {
                        body.append(OutboundSegment("IK4", elementPosition(element, withRepeat: true), .simple(element.reference ?? ""), .simple(element.code.rawValue), .simple(badValueCopy(element.value, reserved: reserved))))
                    }
                }
                body.append(OutboundSegment("IK5", [.simple(set.acknowledgmentCode)] + set.errorCodes.map { .simple($0) }))
            }
        }
        body.append(ak9(group))
        return body
    }

    private func ak9(_ group: GroupResult) -> OutboundSegment {
        let accepted = group.versionSupported ? group.acceptedCount : 0
        return OutboundSegment("AK9", [.simple(group.acknowledgmentCode), .simple(String(group.includedCount)), .simple(String(group.receivedCount)), .simple(String(accepted))] + group.errorCodes.map { .simple($0) })
    }

    /// C030: element position, component position, repeat position (the last from 5010 on).
    private func elementPosition(_ e: ElementError, withRepeat: Bool) -> ElementValue {
        var parts = [String(e.position), e.componentPosition.map(String.init) ?? ""]
        if withRepeat, let r = e.repeatPosition { parts.append(String(r)) }
        while parts.count > 1, parts.last!.isEmpty { parts.removeLast() }
        return parts.count == 1 ? .simple(parts[0]) : .composite(parts)
    }

    /// AK404/IK404 is AN 1–99: drop characters that would break the segment and cut to 99.
    private func badValueCopy(_ value: String?, reserved: Set<UInt8>) -> String {
        guard let value else { return "" }
        let cleaned = value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !($0.isASCII && reserved.contains(UInt8($0.value))) }
        var copy = String(String.UnicodeScalarView(cleaned.prefix(99)))
        // AN values may not be all spaces; a copy must still be a value.
        if copy.allSatisfy({ $0 == " " }) { copy = "" }
        return copy
    }
}
