/// What `AuditTrail.verify()` found.
public enum AuditVerification: Sendable, Hashable, CustomStringConvertible {
    /// Every entry's hash recomputes and links to its predecessor. `head` is the last entry's
    /// hash (the genesis value for an empty trail): noting it elsewhere lets a later check prove
    /// that nothing after it was cut off or rewritten (`verify(anchor:)`).
    case intact(entries: Int64, head: String)
    /// The first entry that does not hold; everything before `sequence` verified.
    case broken(sequence: Int64, problem: Problem)

    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// The row's fields no longer give its stored hash: a field was edited.
        case hashMismatch(stored: String, computed: String)
        /// The row names a predecessor hash other than the predecessor's: a row before it was
        /// replaced or rehashed, or rows were removed.
        case previousHashMismatch(stored: String, expected: String)
        /// Sequences jump past this one: rows were deleted.
        case missing(nextPresent: Int64?)
        /// The anchor a reader noted earlier does not match this row (or the row is gone).
        case anchorMismatch(expected: String, found: String?)

        public var description: String {
            switch self {
            case .hashMismatch(let stored, let computed): return "fields hash to \(computed), row says \(stored)"
            case .previousHashMismatch(let stored, let expected): return "previous_hash is \(stored), the previous entry's hash is \(expected)"
            case .missing(let next): return next.map { "entry missing (next present: \($0))" } ?? "entry missing (trail ends before it)"
            case .anchorMismatch(let expected, let found): return "anchored hash \(expected), found \(found ?? "no entry")"
            }
        }
    }

    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .intact(let entries, let head): return "intact: \(entries) entries, head \(head)"
        case .broken(let sequence, let problem): return "broken at sequence \(sequence): \(problem)"
        }
    }
}
