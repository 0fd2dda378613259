import X12

/// Numbers already drawn from `DurableControlNumberSource`, handed to X12's builders as a
/// `ControlNumberSource`. Asking for more than was reserved, or for another partner, is a
/// programming error (the caller sized the reservation from the document it builds), and traps
/// rather than invent a number that was never stored.
public struct ReservedControlNumbers: ControlNumberSource, Sendable, Hashable {
    public let partner: String
    private var remaining: [ControlNumberKind: ArraySlice<Int>]

    init(partner: String, numbers: [ControlNumberKind: [Int]]) {
        self.partner = partner
        self.remaining = numbers.mapValues { $0[...] }
    }

    /// What is left unused; unused numbers are simply gaps in the partner's sequence.
    public func unused(_ kind: ControlNumberKind) -> [Int] {
        Array(remaining[kind] ?? [])
    }

    public mutating func next(_ kind: ControlNumberKind, partner: String) -> Int {
        precondition(partner == self.partner, "control numbers reserved for \(self.partner) requested for \(partner)")
        guard let value = remaining[kind]?.popFirst() else {
            preconditionFailure("no \(kind.rawValue) control number left in the reservation for \(partner)")
        }
        return value
    }
}
