/// Reading and writing fields of a `CanonicalValue` object by map path (`carrier.scac`,
/// `address[]`).
enum CanonicalPath {
    static func parts(_ path: String) -> [(name: String, appends: Bool)] {
        path.split(separator: ".").map { part in
            part.hasSuffix("[]") ? (String(part.dropLast(2)), true) : (String(part), false)
        }
    }

    /// The value at `path`; a trailing `[]` gives the whole array.
    static func get(_ path: String, in value: CanonicalValue) -> CanonicalValue? {
        var current = value
        for part in parts(path) {
            guard let next = current[part.name] else { return nil }
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
