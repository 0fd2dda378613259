/// How many control numbers of each level one acknowledgment interchange takes, and whether it
/// carries a TA1: what `AcknowledgmentBuilder.controlNumbersNeeded(for:)` answers.
public struct ControlNumberNeed: Sendable, Hashable {
    public let interchanges: Int
    public let groups: Int
    public let transactionSets: Int
    public let ta1: Bool

    public init(interchanges: Int, groups: Int, transactionSets: Int, ta1: Bool) {
        self.interchanges = interchanges
        self.groups = groups
        self.transactionSets = transactionSets
        self.ta1 = ta1
    }
}
