/// Why schema files could not be loaded: which file, and what is wrong in it.
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "schema \(file): \(message)" }
}
