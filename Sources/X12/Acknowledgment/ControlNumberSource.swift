/// Which envelope a control number is for.
public enum ControlNumberKind: String, Sendable, Hashable {
    case interchange, group, transactionSet
}

/// Hands out the control numbers of outbound envelopes, one sequence per partner and kind.
/// Acknowledgments take their numbers from the same sequence as every other document sent
/// to that partner, so the caller owns the source (the durable one lives outside X12).
public protocol ControlNumberSource {
    mutating func next(_ kind: ControlNumberKind, partner: String) -> Int
}

/// Sequences kept in memory, starting at `start`: for tests and one-shot command-line use.
public struct InMemoryControlNumberSource: ControlNumberSource, Sendable {
    public var start: Int
    private var last: [String: Int] = [:]

    public init(start: Int = 1) {
        self.start = start
    }

    public mutating func next(_ kind: ControlNumberKind, partner: String) -> Int {
        let key = "\(kind.rawValue)/\(partner)"
        let value = (last[key].map { $0 + 1 }) ?? start
        // ISA13 has nine digits; GS06 and ST02 wrap at the same bound.
        last[key] = value > 999_999_999 ? 1 : value
        return last[key]!
    }
}
