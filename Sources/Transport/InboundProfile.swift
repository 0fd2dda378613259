/// A partner's inbound folder and the rules for taking files from it.
public struct InboundProfile: Sendable, Hashable {
    /// When a file on the server is complete enough to take.
    public enum Readiness: Sendable, Hashable {
        /// Size and modification time unchanged across two listings. A partner whose upload pauses
        /// longer than the gap between listings defeats this; such partners should use a done marker.
        case stableAcrossListings
        /// `NAME` is taken once `NAME` + suffix (e.g. `.done`) exists; the marker is removed after.
        case doneMarker(suffix: String)
    }

    /// What happens on the server to a file once the caller has recorded it.
    public enum Disposal: Sendable, Hashable {
        case archive(folder: String)
        case delete
    }

    public var folder: String
    public var readiness: Readiness
    public var disposal: Disposal
    /// Larger files are not downloaded; they are reported as rejected.
    public var maxFileSize: Int64
    public var maxNameLength: Int
    /// When set, a poll that finds new or changing files waits this long and lists again, so a file
    /// can be taken in the same poll that first saw it. When nil, the next poll is the second listing.
    public var relistDelay: Duration?

    public init(folder: String, readiness: Readiness = .stableAcrossListings, disposal: Disposal,
                maxFileSize: Int64 = 512 << 20, maxNameLength: Int = FileNameSafety.defaultMaxLength,
                relistDelay: Duration? = nil) {
        self.folder = folder
        self.readiness = readiness
        self.disposal = disposal
        self.maxFileSize = maxFileSize
        self.maxNameLength = maxNameLength
        self.relistDelay = relistDelay
    }
}
