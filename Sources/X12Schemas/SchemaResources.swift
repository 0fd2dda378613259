import Foundation
import X12

/// Ships the schema JSON files twice: compiled into the binary (`EmbeddedSchemaFiles`, written at
/// build time by the EmbedSchemas plugin), which is what `edigate` reads, and as SwiftPM
/// resources, which tests and `EDIGATE_SCHEMAS` users can point at as a folder.
///
/// This target exists so that the `X12` module stays free of Foundation: declaring resources on
/// `X12` itself makes SwiftPM generate a `Bundle.module` accessor that imports Foundation.
public enum SchemaResources {
    /// The schema directory inside this target's resource bundle.
    public static var directory: String? {
        Bundle.module.resourceURL.map { $0.appendingPathComponent("Schemas").path }
    }

    /// The schemas compiled into the binary.
    public static func builtIn() throws(SchemaError) -> SchemaLibrary {
        try SchemaLibrary(files: EmbeddedSchemaFiles.files.mapValues { Array($0.utf8) }, source: "(built-in schemas)")
    }

    /// `EDIGATE_SCHEMAS` when set (a folder in the layout of docs/x12-validation.md), else the
    /// built-in schemas.
    public static func library() throws(SchemaError) -> SchemaLibrary {
        if let folder = ProcessInfo.processInfo.environment[SchemaLocator.environmentVariable], !folder.isEmpty {
            return try SchemaLibrary(directory: folder)
        }
        return try builtIn()
    }
}
