import Foundation

/// The maps of one installation: the built-in defaults (`DefaultMaps`), forks of them at the
/// top of the maps folder (`<set>-<direction>.yaml` replaces the built-in map of that name) and
/// partner overrides (`<partner-id>/<set>-<direction>.yaml`, merged over the default).
///
/// Each map is read, merged and checked once per catalog and then kept: a catalog is made at
/// start-up (and anew on a reload), so documents never pay for YAML parsing. Copies of a
/// catalog share what it has loaded.
public struct MapCatalog: Sendable {
    public enum Direction: String, Sendable, Hashable {
        case inbound = "in"
        case outbound = "out"
    }

    /// The maps folder (forks and overrides); nil: the built-in maps alone.
    public let directory: String?
    private let loaded = LoadedMaps()

    public init(directory: String?) {
        self.directory = directory
    }

    /// The built-in maps alone.
    public static var builtIn: MapCatalog { MapCatalog(directory: nil) }

    public static func fileName(transactionSet: String, direction: Direction) -> String {
        "\(transactionSet)-\(direction.rawValue).yaml"
    }

    /// The default map of a set and direction with the partner's override merged over it.
    /// The engine is the same both ways, so a set with no map in the asked direction uses
    /// the other direction's map (an 855-out map reads 855s back).
    public func map(transactionSet: String, direction: Direction, partner: String? = nil) throws(MapErrors) -> TransactionMap {
        let key = "\(partner ?? "")/\(transactionSet)-\(direction.rawValue)"
        if let known = loaded.map(key) { return known }
        let map = try load(transactionSet: transactionSet, direction: direction, partner: partner)
        loaded.keep(map, key)
        return map
    }

    /// Whether a default (fork or built-in) exists for a set in either direction.
    public func hasMap(transactionSet: String) -> Bool {
        [Direction.inbound, .outbound].contains { defaultSource(Self.fileName(transactionSet: transactionSet, direction: $0)) != nil }
    }

    /// Where the default map of this name comes from: the fork in the maps folder, else the
    /// built-in one.
    private enum DefaultSource {
        case fork(path: String)
        case builtIn(text: String)
    }

    private func defaultSource(_ name: String) -> DefaultSource? {
        if let directory, FileManager.default.fileExists(atPath: "\(directory)/\(name)") {
            return .fork(path: "\(directory)/\(name)")
        }
        return DefaultMaps.text(name).map { .builtIn(text: $0) }
    }

    private func load(transactionSet: String, direction: Direction, partner: String?) throws(MapErrors) -> TransactionMap {
        let name = Self.fileName(transactionSet: transactionSet, direction: direction)
        let other = Self.fileName(transactionSet: transactionSet, direction: direction == .inbound ? .outbound : .inbound)
        let chosenName: String
        let source: DefaultSource
        if let found = defaultSource(name) {
            (chosenName, source) = (name, found)
        } else if let found = defaultSource(other) {
            (chosenName, source) = (other, found)
        } else {
            throw MapErrors([.unreadable(file: directory.map { "\($0)/\(name)" } ?? DefaultMaps.displayName(name), reason: "no map for transaction set \(transactionSet)")])
        }
        var map: TransactionMap
        switch source {
        case .fork(let path): map = try MapLoader.load(path: path).asMap()
        case .builtIn(let text): map = try MapLoader.parse(text: text, file: DefaultMaps.displayName(chosenName)).asMap()
        }
        if let partner, let directory {
            let overridePath = "\(directory)/\(partner)/\(chosenName)"
            if FileManager.default.fileExists(atPath: overridePath) {
                map = try MapOverlay.apply(try MapLoader.load(path: overridePath, isOverride: true), to: map)
            }
        }
        try MapFieldCheck.check(map)
        return map
    }

    /// Every built-in map, fork and (for `partner`) override, loaded and merged; all errors
    /// together.
    public func checkAll(partner: String?) -> [MapError] {
        var errors: [MapError] = []
        var names = Set(DefaultMaps.names)
        if let directory {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where file.hasSuffix(".yaml") { names.insert(file) }
        }
        for file in names.sorted() {
            guard let (set, direction) = Self.parseFileName(file) else {
                errors.append(.invalidValue(SourceLocation(file: "\(directory ?? "")/\(file)", line: 0), field: "file name", message: "expected <set>-in.yaml or <set>-out.yaml"))
                continue
            }
            do { _ = try map(transactionSet: set, direction: direction, partner: nil) } catch { errors += error.errors }
        }
        if let partner, let directory {
            let folder = "\(directory)/\(partner)"
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() where file.hasSuffix(".yaml") {
                guard let (set, direction) = Self.parseFileName(file) else {
                    errors.append(.invalidValue(SourceLocation(file: "\(folder)/\(file)", line: 0), field: "file name", message: "expected <set>-in.yaml or <set>-out.yaml"))
                    continue
                }
                if defaultSource(file) == nil {
                    errors.append(.invalidValue(SourceLocation(file: "\(folder)/\(file)", line: 0), field: "file name", message: "no default map \(file) (built-in or in \(directory)) to override"))
                    continue
                }
                do { _ = try map(transactionSet: set, direction: direction, partner: partner) } catch { errors += error.errors }
            }
        }
        var seen: Set<String> = []
        return errors.filter { seen.insert($0.description).inserted }
    }

    private static func parseFileName(_ file: String) -> (String, Direction)? {
        let parts = file.dropLast(5).split(separator: "-")
        guard parts.count == 2, let direction = Direction(rawValue: String(parts[1])) else { return nil }
        return (String(parts[0]), direction)
    }
}

/// The maps a catalog has loaded, by partner, set and direction.
private final class LoadedMaps: @unchecked Sendable {
    private let lock = NSLock()
    private var maps: [String: TransactionMap] = [:]

    func map(_ key: String) -> TransactionMap? { lock.withLock { maps[key] } }
    func keep(_ map: TransactionMap, _ key: String) { lock.withLock { maps[key] = map } }
}
