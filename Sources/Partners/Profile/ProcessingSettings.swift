/// How the gateway treats this partner's files when processing them goes wrong
/// (`processing:` in the profile; docs/partners.md).
public struct ProcessingSettings: Codable, Sendable, Hashable {
    /// A file whose processing was interrupted this many times (the process ended, or lost its
    /// lease, while working on it) is quarantined for ops instead of being retried again.
    public var maxInterruptions: Int
    /// Delays between the attempts of an order held because the ERP could not answer, by
    /// attempt; after the last one the file becomes a dead letter for ops.
    public var heldRetryDelaysSeconds: [Double]
    /// An interchange whose sender and ISA13 were already received within this many days, in
    /// another file, is a duplicate: answered with TA1 025 where TA1s are sent, never decided.
    public var duplicateWindowDays: Int
    /// A file carrying more accepted 850s than this is acknowledged (997) but none of its
    /// orders is decided: it waits for a person (raise the limit and release it, or ask the
    /// partner to split it). A bound on what one file can ask of the ERP and the store.
    public var maxOrdersPerFile: Int
    /// An interchange with more transaction sets than this is neither acknowledged nor decided:
    /// the file waits for a person. Its 997 would list every set, so memory follows the count;
    /// this bounds it (X12 itself allows up to 999,999 sets in each of 99,999 groups).
    public var maxSetsPerInterchange: Int

    public static let defaultHeldRetryDelaysSeconds: [Double] = [30, 120, 600, 1800]

    public init(maxInterruptions: Int = 3, heldRetryDelaysSeconds: [Double] = ProcessingSettings.defaultHeldRetryDelaysSeconds, duplicateWindowDays: Int = 365, maxOrdersPerFile: Int = 10_000,
                maxSetsPerInterchange: Int = 100_000) {
        self.maxInterruptions = maxInterruptions
        self.duplicateWindowDays = duplicateWindowDays
        self.heldRetryDelaysSeconds = heldRetryDelaysSeconds
        self.maxOrdersPerFile = maxOrdersPerFile
        self.maxSetsPerInterchange = maxSetsPerInterchange
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ProcessingSettings()
        maxInterruptions = try c.decodeIfPresent(Int.self, forKey: .maxInterruptions) ?? d.maxInterruptions
        heldRetryDelaysSeconds = try c.decodeIfPresent([Double].self, forKey: .heldRetryDelaysSeconds) ?? d.heldRetryDelaysSeconds
        duplicateWindowDays = try c.decodeIfPresent(Int.self, forKey: .duplicateWindowDays) ?? d.duplicateWindowDays
        maxOrdersPerFile = try c.decodeIfPresent(Int.self, forKey: .maxOrdersPerFile) ?? d.maxOrdersPerFile
        maxSetsPerInterchange = try c.decodeIfPresent(Int.self, forKey: .maxSetsPerInterchange) ?? d.maxSetsPerInterchange
    }
}
