/// One simple data element (or one component of a composite) as a schema declares it.
public struct SimpleElementDefinition: Sendable, Hashable {
    /// Data element reference number (e.g. `353`), reported in AK402/IK402 where known.
    public let reference: String?
    public let type: ElementDataType
    public let minLength: Int
    public let maxLength: Int
    public let usage: Usage
    /// Valid codes of an ID element, when the schema lists them; `nil` means not checked.
    public let codes: Set<String>?

    public init(reference: String? = nil, type: ElementDataType, minLength: Int, maxLength: Int, usage: Usage, codes: Set<String>? = nil) {
        self.reference = reference
        self.type = type
        self.minLength = minLength
        self.maxLength = maxLength
        self.usage = usage
        self.codes = codes
    }
}
