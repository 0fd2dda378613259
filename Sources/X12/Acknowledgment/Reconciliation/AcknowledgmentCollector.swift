/// Collects a partner's acknowledgments (TA1 segments, 997/999 sets of FA groups) while
/// `InterchangeReader` streams a file, keeping only what they say, never the sets' bytes: the
/// streaming counterpart of `AcknowledgmentReconciler.acknowledgments(in:)`.
///
/// What one interchange carried is handed over when it ends (`takeEnded()`), so a caller that
/// accepts acknowledgments only from interchanges it checked can drop the rest. At most
/// `limit` acknowledgments are kept per file; a hostile file of a million 997s costs a note,
/// not a million records.
public struct AcknowledgmentCollector: Sendable {
    public struct Collected: Sendable {
        public var functional: [ReceivedFunctionalAcknowledgment] = []
        public var interchange: [ReceivedInterchangeAcknowledgment] = []
        public var problems: [String] = []
        public init() {}
    }

    public let path: String?
    public let limit: Int
    private var header: InterchangeHeader?
    private var group: FunctionalGroup?
    private var open = Collected()
    private var ended = Collected()
    private var kept = 0

    public init(path: String? = nil, limit: Int = 100_000) {
        self.path = path
        self.limit = limit
    }

    public mutating func consume(_ event: InterchangeEvent) {
        switch event {
        case .interchangeStart(let header, _):
            self.header = header
            open = Collected()
        case .serviceSegment(let segment):
            guard let header, let ta1 = ReceivedInterchangeAcknowledgment(segment, in: header), admit() else { return }
            open.interchange.append(ta1)
        case .groupStart(let segment):
            // Only the header: the group's sets are read here as they arrive.
            group = FunctionalGroup(header: segment)
        case .transactionSet(let set):
            guard let group, let header, group.functionalID == "FA" else { return }
            do {
                var ack = try ReceivedFunctionalAcknowledgment(set, in: group)
                ack.interchangeSenderID = header.senderID
                if admit() { open.functional.append(ack) }
            } catch {
                open.problems.append("\(path ?? "<input>"): \(error)")
            }
        case .groupEnd:
            group = nil
        case .interchangeEnd:
            guard header != nil else { return }
            ended.functional += open.functional
            ended.interchange += open.interchange
            ended.problems += open.problems
            open = Collected()
            header = nil
        case .strayError:
            break
        }
    }

    /// The acknowledgments of the interchanges ended since the last call.
    public mutating func takeEnded() -> Collected {
        defer { ended = Collected() }
        return ended
    }

    private mutating func admit() -> Bool {
        kept += 1
        if kept == limit + 1 {
            open.problems.append("\(path ?? "<input>"): more than \(limit) acknowledgments in one file; the rest are not read")
        }
        return kept <= limit
    }
}
