/// Choices that the standard leaves to the receiver.
public struct ValidationPolicy: Sendable, Hashable {
    /// When `true`, a set whose only errors are invalid code values (AK403 7) is accepted
    /// with errors noted (AK501 E) instead of rejected. Some retailers' suppliers prefer it.
    public var acceptInvalidCodeValues: Bool

    public init(acceptInvalidCodeValues: Bool = false) {
        self.acceptInvalidCodeValues = acceptInvalidCodeValues
    }

    public static let standard = ValidationPolicy()
}
