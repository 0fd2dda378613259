/// Matches the partner's TA1s and 997/999s to the groups we sent, and says where each
/// group stands. A group without an answer is `awaiting`, and `overdue` once its window
/// has passed: the gateway raises those to ops.
public struct AcknowledgmentReconciler: Sendable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        case accepted
        case acceptedWithErrors
        case rejected
        case awaiting
    }

    public struct SetOutcome: Sendable, Hashable, Codable {
        public var type: String
        public var control: String
        public var outcome: Outcome
        public var errorCodes: [String]
    }

    public struct GroupOutcome: Sendable, Hashable, Codable {
        public var group: SentGroup
        public var outcome: Outcome
        /// `true` when awaiting past the acknowledgment window.
        public var overdue: Bool
        /// Which acknowledgment decided it: `997`, `999`, `TA1`, or nil while awaiting.
        public var decidedBy: String?
        public var sets: [SetOutcome]
        /// Readable reasons: AK9/TA1 codes and inconsistencies in the partner's answer.
        public var notes: [String]
    }

    /// Seconds after sending without an answer before a group is overdue.
    public var window: Int64

    public init(window: Int64) {
        self.window = window
    }

    public func reconcile(sent: [SentGroup], functional: [ReceivedFunctionalAcknowledgment], interchange: [ReceivedInterchangeAcknowledgment], now: Int64) -> [GroupOutcome] {
        sent.map { group in
            // A 997/999 answers a group: same functional ID and control number, sent back by
            // the application we addressed.
            // GS02/GS03 must be the reverse of ours (an empty GS02 matches nothing), and the
            // interchange must come from the party we addressed.
            if let ack = functional.last(where: {
                $0.groupControl == group.groupControl && $0.functionalID == group.functionalID && $0.senderCode == group.receiverCode
                    && $0.receiverCode == group.senderCode && ($0.interchangeSenderID.map { $0 == group.partnerID } ?? true)
            }) {
                return outcome(for: group, ack)
            }
            // A rejecting TA1 rejects every group of the interchange; an accepting one only
            // says the envelope arrived, so the groups still await their 997.
            if let ta1 = interchange.last(where: { $0.interchangeControl == group.interchangeControl && $0.senderID == group.partnerID }), ta1.status == "R" {
                return GroupOutcome(group: group, outcome: .rejected, overdue: false, decidedBy: "TA1", sets: group.sets.map { SetOutcome(type: $0.type, control: $0.control, outcome: .rejected, errorCodes: []) }, notes: ["TA1 rejected interchange \(group.interchangeControl) with note code \(ta1.noteCode)"])
            }
            let overdue = now - group.sentAt > window
            return GroupOutcome(group: group, outcome: .awaiting, overdue: overdue, decidedBy: nil, sets: group.sets.map { SetOutcome(type: $0.type, control: $0.control, outcome: .awaiting, errorCodes: []) }, notes: overdue ? ["no acknowledgment \(now - group.sentAt) s after sending (window \(window) s)"] : [])
        }
    }

    private func outcome(for group: SentGroup, _ ack: ReceivedFunctionalAcknowledgment) -> GroupOutcome {
        var notes: [String] = []
        let byControl = Dictionary(ack.sets.map { ($0.control, $0) }, uniquingKeysWith: { _, last in last })
        var sets: [SetOutcome] = []
        for sent in group.sets {
            if let response = byControl[sent.control] {
                sets.append(SetOutcome(type: sent.type, control: sent.control, outcome: Self.setOutcome(response.status), errorCodes: response.errorCodes))
                if response.type != sent.type { notes.append("AK2 for \(sent.control) names type \(response.type), we sent \(sent.type)") }
            } else {
                // 997s may list only the sets in error: an unlisted set takes the group's verdict.
                let groupVerdict: Outcome = ack.groupStatus == "R" ? .rejected : .accepted
                sets.append(SetOutcome(type: sent.type, control: sent.control, outcome: groupVerdict, errorCodes: []))
            }
        }
        for response in ack.sets where !group.sets.contains(where: { $0.control == response.control }) {
            notes.append("the acknowledgment answers set \(response.control), which this group did not contain")
        }
        if let received = ack.receivedSets, received != group.sets.count {
            notes.append("AK903 says \(received) sets received, we sent \(group.sets.count)")
        }
        if !ack.groupErrorCodes.isEmpty { notes.append("AK9 error codes \(ack.groupErrorCodes.joined(separator: ","))") }
        let outcome: Outcome
        switch ack.groupStatus {
        case "A": outcome = sets.contains { $0.outcome == .rejected } ? .acceptedWithErrors : (sets.contains { $0.outcome == .acceptedWithErrors } ? .acceptedWithErrors : .accepted)
        case "E", "P": outcome = .acceptedWithErrors
        default: outcome = .rejected
        }
        return GroupOutcome(group: group, outcome: outcome, overdue: false, decidedBy: ack.type, sets: sets, notes: notes)
    }

    static func setOutcome(_ status: String) -> Outcome {
        switch status {
        case "A": return .accepted
        case "E": return .acceptedWithErrors
        case "": return .awaiting
        default: return .rejected  // M, R, W, X
        }
    }

    /// Collects the acknowledgments found in partner files.
    public static func acknowledgments(in files: [InterchangeFile]) -> (functional: [ReceivedFunctionalAcknowledgment], interchange: [ReceivedInterchangeAcknowledgment], problems: [String]) {
        var functional: [ReceivedFunctionalAcknowledgment] = []
        var interchange: [ReceivedInterchangeAcknowledgment] = []
        var problems: [String] = []
        for file in files {
            let found = acknowledgments(in: file.interchanges, path: file.path)
            functional += found.functional
            interchange += found.interchange
            problems += found.problems
        }
        return (functional, interchange, problems)
    }

    /// The acknowledgments in some interchanges only (a caller that accepts acknowledgments
    /// only from interchanges it checked and accepted).
    public static func acknowledgments(in interchanges: [Interchange], path: String? = nil) -> (functional: [ReceivedFunctionalAcknowledgment], interchange: [ReceivedInterchangeAcknowledgment], problems: [String]) {
        var functional: [ReceivedFunctionalAcknowledgment] = []
        var interchange: [ReceivedInterchangeAcknowledgment] = []
        var problems: [String] = []
        for item in interchanges {
            for segment in item.serviceSegments {
                if let ta1 = ReceivedInterchangeAcknowledgment(segment, in: item.header) { interchange.append(ta1) }
            }
            for group in item.groups where group.functionalID == "FA" {
                for set in group.transactionSets {
                    do {
                        var ack = try ReceivedFunctionalAcknowledgment(set, in: group)
                        ack.interchangeSenderID = item.header.senderID
                        functional.append(ack)
                    } catch {
                        problems.append("\(path ?? "<input>"): \(error)")
                    }
                }
            }
        }
        return (functional, interchange, problems)
    }
}
