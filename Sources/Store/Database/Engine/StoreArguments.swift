/// The values bound to a statement's `?` placeholders, in order. Written as an array literal at
/// the call site (`[partner, id]`); nil binds NULL.
public struct StoreArguments: Sendable, ExpressibleByArrayLiteral {
    public private(set) var values: [StoreValue]

    public init(_ values: [StoreValue] = []) {
        self.values = values
    }

    public init(_ elements: [any StoreValueConvertible]) {
        values = elements.map(\.storeValue)
    }

    public init(arrayLiteral elements: (any StoreValueConvertible)?...) {
        values = elements.map { $0?.storeValue ?? .null }
    }

    public static func += (arguments: inout StoreArguments, more: StoreArguments) {
        arguments.values += more.values
    }
}
