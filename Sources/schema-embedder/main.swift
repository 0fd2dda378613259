// Build tool for the EmbedSchemas plugin: writes every JSON file under FOLDER into one Swift
// file as raw string literals keyed by relative path (`004010/850.json`).
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: schema-embedder FOLDER OUTPUT.swift\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: arguments[1]).standardizedFileURL
var files: [(String, String)] = []
if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) {
    for case let url as URL in walker where url.pathExtension == "json" {
        let relative = String(url.standardizedFileURL.path.dropFirst(folder.path.count + 1))
        let text = try String(contentsOf: url, encoding: .utf8)
        // A raw multi-line literal holds any JSON but one containing its own closing delimiter.
        guard !text.contains("\"\"\"#") else {
            FileHandle.standardError.write(Data("schema-embedder: \(relative) holds \"\"\"#\n".utf8))
            exit(1)
        }
        files.append((relative, text))
    }
}
var source = "// Generated at build time by schema-embedder (Plugins/EmbedSchemas) from Sources/X12Schemas/Schemas.\n"
source += "enum EmbeddedSchemaFiles {\n    static let files: [String: String] = [\n"
for (relative, text) in files.sorted(by: { $0.0 < $1.0 }) {
    source += "        \"\(relative)\": #\"\"\"\n\(text)\(text.hasSuffix("\n") ? "" : "\n")\"\"\"#,\n"
}
source += "    ]\n}\n"
try source.write(to: URL(fileURLWithPath: arguments[2]), atomically: true, encoding: .utf8)
