#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The transaction-set schemas of every supported version, loaded from the schema
/// directory (`Sources/X12/Schemas`, shipped as the X12 target's resources).
///
/// Layout: `index.json` lists `{"versions": {"004010": ["850", …]}}`; each version folder
/// holds `segments.json` (segment directory) and one `<set>.json` per transaction set.
public struct SchemaLibrary: Sendable {
    public let directory: String
    private let schemas: [String: TransactionSetSchema]
    public let versions: Set<String>

    public init(directory: String) throws(SchemaError) {
        try self.init(source: directory) { (relative: String) throws(SchemaError) in try Self.readFile("\(directory)/\(relative)") }
    }

    /// The same layout held in memory: relative path (`index.json`, `004010/850.json`) → bytes,
    /// as the schemas compiled into `edigate` are; `source` names them in messages.
    public init(files: [String: [UInt8]], source: String) throws(SchemaError) {
        try self.init(source: source) { (relative: String) throws(SchemaError) in
            guard let bytes = files[relative] else { throw SchemaError(file: "\(source)/\(relative)", message: "no such schema file") }
            return bytes
        }
    }

    private init(source directory: String, read: (String) throws(SchemaError) -> [UInt8]) throws(SchemaError) {
        func readJSON(_ relative: String) throws(SchemaError) -> JSONValue {
            let bytes = try read(relative)
            do { return try JSONParser.parse(bytes) } catch { throw SchemaError(file: "\(directory)/\(relative)", message: error.description) }
        }
        self.directory = directory
        let index = try readJSON("index.json")
        guard let versionList = index["versions"]?.object else {
            throw SchemaError(file: "\(directory)/index.json", message: "expected {\"versions\": {…}}")
        }
        var schemas: [String: TransactionSetSchema] = [:]
        for (version, setList) in versionList {
            let segmentsPath = "\(directory)/\(version)/segments.json"
            let directoryJSON = try readJSON("\(version)/segments.json")
            let segmentDecoder = SchemaDecoder(file: segmentsPath)
            var segments: [String: SegmentDefinition] = [:]
            for (id, value) in directoryJSON["segments"]?.object ?? [:] {
                segments[id] = try segmentDecoder.segment(id, value)
            }
            let known = Set((directoryJSON["segmentIDs"]?.array ?? []).compactMap(\.string)).union(segments.keys)
            for set in setList.array?.compactMap(\.string) ?? [] {
                let path = "\(directory)/\(version)/\(set).json"
                let json = try readJSON("\(version)/\(set).json")
                let decoder = SchemaDecoder(file: path)
                let structure = try decoder.structure(json["structure"], "structure")
                var hierarchy: HierarchyRule?
                if let h = json["hierarchy"] {
                    hierarchy = HierarchyRule(loopID: h["loop"]?.string ?? "HL", firstLevelCodes: Set((h["firstLevelCodes"]?.array ?? []).compactMap(\.string)))
                }
                let schema = TransactionSetSchema(transactionSet: json["transactionSet"]?.string ?? set, version: version, name: json["name"]?.string ?? set, functionalGroup: json["functionalGroup"]?.string ?? "", structure: structure, segments: segments, knownSegmentIDs: known, hierarchy: hierarchy)
                for id in Self.segmentIDs(structure) where segments[id] == nil {
                    throw SchemaError(file: path, message: "segment \(id) is used but not defined in \(segmentsPath)")
                }
                schemas["\(version)/\(set)"] = schema
            }
        }
        self.schemas = schemas
        self.versions = Set(versionList.keys)
    }

    /// The schema for a set type under a GS08 version (`004010VICS` uses `004010`).
    public func schema(transactionSet: String, version: String) -> TransactionSetSchema? {
        schemas["\(Self.baseVersion(version))/\(transactionSet)"]
    }

    public func supports(version: String) -> Bool { versions.contains(Self.baseVersion(version)) }

    /// The six-digit version/release of a GS08 (industry suffixes such as `VICS` or
    /// `X231` refine but do not change the standard's tables).
    public static func baseVersion(_ gs08: String) -> String {
        String(gs08.trimmingSpaces.prefix(6))
    }

    private static func segmentIDs(_ nodes: [StructureNode]) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case .segment(let use): return [use.id]
            case .loop(let loop): return segmentIDs(loop.content)
            }
        }
    }

    static func readJSON(_ path: String) throws(SchemaError) -> JSONValue {
        let bytes = try readFile(path)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw SchemaError(file: path, message: error.description)
        }
    }

    static func readFile(_ path: String) throws(SchemaError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw SchemaError(file: path, message: "cannot open (errno \(errno))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SchemaError(file: path, message: "read failed (errno \(errno))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }
}
