/// The control numbers seen in a group, to find duplicates (AK5 23).
///
/// Almost every ST02 is 4–9 digits: those are packed into an integer with their length, so
/// that a group of hundreds of thousands of sets is checked without hashing a string each.
struct ControlNumberSet {
    private var numeric: Set<UInt64> = []
    private var other: Set<String> = []

    /// Inserts `control`; `false` when it was already there.
    mutating func insert(_ control: String) -> Bool {
        var value: UInt64 = 0
        var length: UInt64 = 0
        for byte in control.utf8 {
            let digit = byte &- 0x30
            guard digit < 10, length < 18 else { return other.insert(control).inserted }
            value = value &* 10 &+ UInt64(digit)
            length += 1
        }
        return numeric.insert(value &* 32 &+ length).inserted
    }
}
