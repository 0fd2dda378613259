/// Reading and writing fields of a `CanonicalValue` object by map path (`carrier.scac`,
/// `address[]`).
enum CanonicalPath {
    static func parts(_ path: String) -> [(name: String, appends: Bool)] {
        // Bytes, not Foundation's string search: maps look paths up for every field they write.
        path.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: true).map(part)
    }

    /// One part of a path: its name, and whether it ends in `[]`.
    private static func part(_ bytes: Substring.UTF8View) -> (name: String, appends: Bool) {
        isList(bytes) ? (String(decoding: bytes.dropLast(2), as: UTF8.self), true) : (String(decoding: bytes, as: UTF8.self), false)
    }

    /// Whether a path or one of its parts ends in `[]`.
    static func isList<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.last == UInt8(ascii: "]") && bytes.dropLast().last == UInt8(ascii: "[")
    }

    /// The value at `path`; a trailing `[]` gives the whole array.
    static func get(_ path: String, in value: CanonicalValue) -> CanonicalValue? {
        var current = value
        // Part by part, without building the list of parts first.
        for bytes in path.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: true) {
            guard let next = current[part(bytes).name] else { return nil }
            current = next
        }
        return current.isNull ? nil : current
    }

    /// Sets `path` to `value`; a part ending in `[]` appends to that array.
    static func set(_ path: String, to value: CanonicalValue, in object: inout [String: CanonicalValue]) {
        set(parts(path)[...], to: value, in: &object)
    }

    private static func set(_ parts: ArraySlice<(name: String, appends: Bool)>, to value: CanonicalValue, in object: inout [String: CanonicalValue]) {
        guard let first = parts.first else { return }
        if parts.count == 1 {
            if first.appends {
                var items = object[first.name]?.arrayItems ?? []
                items.append(value)
                object[first.name] = .array(items)
            } else {
                object[first.name] = value
            }
            return
        }
        var inner: [String: CanonicalValue] = [:]
        if case .object(let existing)? = object[first.name] { inner = existing }
        set(parts.dropFirst(), to: value, in: &inner)
        object[first.name] = .object(inner)
    }
}
