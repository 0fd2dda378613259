import X12

/// X12 → canonical documents, one per transaction set that has a map; the same engine and
/// maps that write 855/856/810 read them back.
public struct DocumentTranslator: Sendable {
    public let catalog: MapCatalog
    public let library: SchemaLibrary?
    public let partner: String?

    public struct SetFailure: Error, Sendable, CustomStringConvertible {
        public let type: String
        public let control: String
        public let reason: String
        public var description: String { "\(type) \(control): \(reason)" }
    }

    public struct Result: Sendable {
        public var documents: [CanonicalDocument] = []
        public var failures: [SetFailure] = []
        /// Sets with no canonical document (997, 999 …).
        public var skipped: [String] = []
        /// Data the partner sent that no rule of the map took, by set (`850 0001`).
        public var unmapped: [(set: String, data: UnmappedData)] = []
    }

    public init(catalog: MapCatalog, library: SchemaLibrary?, partner: String?) {
        self.catalog = catalog
        self.library = library
        self.partner = partner
    }

    public func translate(_ file: InterchangeFile) -> Result {
        var result = Result()
        for interchange in file.interchanges {
            for group in interchange.groups {
                for set in group.transactionSets {
                    guard CanonicalDocumentType(transactionSet: set.type) != nil else {
                        result.skipped.append("\(set.type) \(set.control)")
                        continue
                    }
                    do {
                        var unmapped: [UnmappedData] = []
                        result.documents.append(try translate(set, version: group.version, unmapped: &unmapped))
                        result.unmapped += unmapped.map { (set: "\(set.type) \(set.control)", data: $0) }
                    } catch {
                        result.failures.append(SetFailure(type: set.type, control: set.control, reason: "\(error)"))
                    }
                }
            }
        }
        return result
    }

    public func translate(_ set: TransactionSet, version: String) throws -> CanonicalDocument {
        let map = try catalog.map(transactionSet: set.type, direction: .inbound, partner: partner)
        let schema = library?.schema(transactionSet: set.type, version: version)
        return try MapReader(map: map, schema: schema, version: version).readDocument(set)
    }

    /// The same, listing what the map did not take.
    public func translate(_ set: TransactionSet, version: String, unmapped: inout [UnmappedData]) throws -> CanonicalDocument {
        let map = try catalog.map(transactionSet: set.type, direction: .inbound, partner: partner)
        let schema = library?.schema(transactionSet: set.type, version: version)
        return try MapReader(map: map, schema: schema, version: version).readDocument(set, unmapped: &unmapped)
    }
}
