#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the schema directory without Foundation's `Bundle`:
/// 1. `EDIGATE_SCHEMAS` in the environment;
/// 2. the resource bundle of the `X12Schemas` target that SwiftPM copies next to the
///    executable (`EDIGate_X12Schemas.resources/Schemas` on Linux);
/// 3. the source tree this file was compiled from (`Sources/X12Schemas/Schemas`).
public enum SchemaLocator {
    public static let environmentVariable = "EDIGATE_SCHEMAS"

    public static func candidates() -> [String] {
        var paths: [String] = []
        if let env = getenv(environmentVariable) {
            paths.append(String(cString: env))
        }
        if let dir = executableDirectory() {
            paths.append("\(dir)/EDIGate_X12Schemas.resources/Schemas")
            paths.append("\(dir)/EDIGate_X12Schemas.bundle/Contents/Resources/Schemas")
        }
        let source = #filePath
        if let slash = source.lastIndex(of: "/") {
            let schemaFolder = source[..<slash]
            if let parent = schemaFolder.lastIndex(of: "/") {
                // …/Sources/X12/Schema/SchemaLocator.swift → …/Sources/X12Schemas/Schemas
                let sources = schemaFolder[..<parent]
                if let top = sources.lastIndex(of: "/") {
                    paths.append(String(sources[..<top]) + "/X12Schemas/Schemas")
                }
            }
        }
        return paths
    }

    /// The first candidate that holds an `index.json`.
    public static func directory() -> String? {
        candidates().first { access("\($0)/index.json", R_OK) == 0 }
    }

    /// Loads the library from the located directory.
    public static func load() throws(SchemaError) -> SchemaLibrary {
        guard let directory = directory() else {
            throw SchemaError(file: "index.json", message: "no schema directory found; tried \(candidates().joined(separator: ", ")); set \(environmentVariable)")
        }
        return try SchemaLibrary(directory: directory)
    }

    private static func executableDirectory() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
        #else
        return nil
        #endif
    }
}
