import Foundation

/// Ships the schema JSON files as SwiftPM resources.
///
/// This target exists so that the `X12` module stays free of Foundation: declaring
/// resources on `X12` itself makes SwiftPM generate a `Bundle.module` accessor that imports
/// Foundation into it. `X12`'s `SchemaLocator` finds the copied bundle
/// (`EDIGate_X12Schemas.resources`) next to the executable by path instead.
public enum SchemaResources {
    /// The schema directory inside this target's resource bundle.
    public static var directory: String? {
        Bundle.module.resourceURL.map { $0.appendingPathComponent("Schemas").path }
    }
}
