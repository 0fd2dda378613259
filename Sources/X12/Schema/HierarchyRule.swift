/// The hierarchical (HL) structure rule of a set such as the 856: which level codes may
/// start the hierarchy. Parent links (HL02) and numbering (HL01) are checked for any HL loop.
public struct HierarchyRule: Sendable, Hashable {
    public let loopID: String
    /// HL03 codes allowed on the first HL (for the 856: `S`, shipment).
    public let firstLevelCodes: Set<String>

    public init(loopID: String, firstLevelCodes: Set<String>) {
        self.loopID = loopID
        self.firstLevelCodes = firstLevelCodes
    }
}
