import Foundation
import PackagePlugin

/// Compiles the schema JSON files of a target's `Schemas` folder into the target, as Swift
/// string literals (`EmbeddedSchemaFiles.files`), so that `edigate` carries its schemas inside
/// the binary. SwiftPM's `embedInCode` names resources by file name alone, and the schemas
/// repeat names per version (`004010/850.json`, `005010/850.json`).
@main
struct EmbedSchemas: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = target.directoryURL.appendingPathComponent("Schemas")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "json" { inputs.append(url) }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedSchemaFiles.swift")
        return [.buildCommand(displayName: "Embedding \(inputs.count) schema files", executable: try context.tool(named: "schema-embedder").url,
                              arguments: [folder.path, output.path], inputFiles: inputs.sorted { $0.path < $1.path }, outputFiles: [output])]
    }
}
