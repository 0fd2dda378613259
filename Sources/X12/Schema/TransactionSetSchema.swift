/// The schema of one transaction set in one version: its table (segments and loops between
/// ST and SE) and the definitions of the segments it uses.
public struct TransactionSetSchema: Sendable {
    /// ST01, e.g. `850`.
    public let transactionSet: String
    /// Six-digit version, e.g. `004010`.
    public let version: String
    public let name: String
    /// GS01 the set travels under, e.g. `PO`.
    public let functionalGroup: String
    /// Entries between ST and SE, in order.
    public let structure: [StructureNode]
    public let segments: [String: SegmentDefinition]
    /// Every segment identifier of the version's segment directory (for AK304 code 1 vs 6).
    public let knownSegmentIDs: Set<String>
    public let hierarchy: HierarchyRule?
    /// The table and definitions in the flat form the validator walks.
    let compiled: CompiledTransactionSet

    public init(transactionSet: String, version: String, name: String, functionalGroup: String, structure: [StructureNode], segments: [String: SegmentDefinition], knownSegmentIDs: Set<String>, hierarchy: HierarchyRule? = nil) {
        self.transactionSet = transactionSet
        self.version = version
        self.name = name
        self.functionalGroup = functionalGroup
        self.structure = structure
        self.segments = segments
        self.knownSegmentIDs = knownSegmentIDs
        self.hierarchy = hierarchy
        self.compiled = CompiledTransactionSet(structure: structure, segments: segments, version: version)
    }

    /// Whether `id` appears anywhere in the set's table, at any depth.
    public func contains(segment id: String) -> Bool {
        func search(_ nodes: [StructureNode]) -> Bool {
            nodes.contains { node in
                switch node {
                case .segment(let use): return use.id == id
                case .loop(let loop): return search(loop.content)
                }
            }
        }
        return search(structure)
    }
}
