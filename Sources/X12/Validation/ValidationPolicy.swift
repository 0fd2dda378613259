/// Choices that the standard leaves to the receiver, and the bounds that keep a hostile file
/// from costing unbounded memory or an unbounded acknowledgment.
public struct ValidationPolicy: Sendable, Hashable {
    /// When `true`, a set whose only errors are invalid code values (AK403 7) is accepted
    /// with errors noted (AK501 E) instead of rejected. Some retailers' suppliers prefer it.
    public var acceptInvalidCodeValues: Bool
    /// Segment errors reported per transaction set (AK3 loops in the 997/999). Past it the set
    /// is not walked further: it is rejected all the same, and its AK5 says so.
    public var maxSegmentErrorsPerSet: Int
    /// Segment errors reported per file, over all its sets: once spent, later sets are checked
    /// only for acceptance (one error is enough to reject), so the 997's size stays bounded
    /// whatever the input.
    public var maxSegmentErrorsPerFile: Int

    public init(acceptInvalidCodeValues: Bool = false, maxSegmentErrorsPerSet: Int = 100, maxSegmentErrorsPerFile: Int = 1000) {
        self.acceptInvalidCodeValues = acceptInvalidCodeValues
        self.maxSegmentErrorsPerSet = max(1, maxSegmentErrorsPerSet)
        self.maxSegmentErrorsPerFile = max(1, maxSegmentErrorsPerFile)
    }

    public static let standard = ValidationPolicy()
}
