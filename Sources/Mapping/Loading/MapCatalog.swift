import Foundation

/// The maps of one installation: `Maps/<set>-<direction>.yaml` defaults and
/// `Maps/<partner-id>/<set>-<direction>.yaml` overrides.
///
/// Each map is read, merged and checked once per catalog and then kept: a catalog is made at
/// start-up (and anew on a reload), so documents never pay for YAML parsing. Copies of a
/// catalog share what it has loaded.
public struct MapCatalog: Sendable {
    public enum Direction: String, Sendable, Hashable {
        case inbound = "in"
        case outbound = "out"
    }

    public let directory: String
    private let loaded = LoadedMaps()

    public init(directory: String) {
        self.directory = directory
    }

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

    private func load(transactionSet: String, direction: Direction, partner: String?) throws(MapErrors) -> TransactionMap {
        let name = Self.fileName(transactionSet: transactionSet, direction: direction)
        var path = "\(directory)/\(name)"
        var chosenName = name
        if !FileManager.default.fileExists(atPath: path) {
            let other = Self.fileName(transactionSet: transactionSet, direction: direction == .inbound ? .outbound : .inbound)
            if FileManager.default.fileExists(atPath: "\(directory)/\(other)") {
                path = "\(directory)/\(other)"
                chosenName = other
            } else {
                throw MapErrors([.unreadable(file: path, reason: "no map for transaction set \(transactionSet)")])
            }
        }
        var map = try MapLoader.load(path: path).asMap()
        if let partner {
            let overridePath = "\(directory)/\(partner)/\(chosenName)"
            if FileManager.default.fileExists(atPath: overridePath) {
                map = try MapOverlay.apply(try MapLoader.load(path: overridePath, isOverride: true), to: map)
            }
        }
        try MapFieldCheck.check(map)
        return map
    }

    /// Every default and override file, loaded and merged; all errors together.
    public func checkAll(partner: String?) -> [MapError] {
        var errors: [MapError] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in files.sorted() where file.hasSuffix(".yaml") {
            let parts = file.dropLast(5).split(separator: "-")
            guard parts.count == 2, let direction = Direction(rawValue: String(parts[1])) else {
                errors.append(.invalidValue(SourceLocation(file: "\(directory)/\(file)", line: 0), field: "file name", message: "expected <set>-in.yaml or <set>-out.yaml"))
                continue
            }
            do { _ = try map(transactionSet: String(parts[0]), direction: direction, partner: nil) } catch { errors += error.errors }
        }
        if let partner {
            let folder = "\(directory)/\(partner)"
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() where file.hasSuffix(".yaml") {
                let parts = file.dropLast(5).split(separator: "-")
                guard parts.count == 2, let direction = Direction(rawValue: String(parts[1])) else {
                    errors.append(.invalidValue(SourceLocation(file: "\(folder)/\(file)", line: 0), field: "file name", message: "expected <set>-in.yaml or <set>-out.yaml"))
                    continue
                }
                if !FileManager.default.fileExists(atPath: "\(directory)/\(file)") {
                    errors.append(.invalidValue(SourceLocation(file: "\(folder)/\(file)", line: 0), field: "file name", message: "no default map \(directory)/\(file) to override"))
                    continue
                }
                do { _ = try map(transactionSet: String(parts[0]), direction: direction, partner: partner) } catch { errors += error.errors }
            }
        }
        var seen: Set<String> = []
        return errors.filter { seen.insert($0.description).inserted }
    }
}

/// The maps a catalog has loaded, by partner, set and direction.
private final class LoadedMaps: @unchecked Sendable {
    private let lock = NSLock()
    private var maps: [String: TransactionMap] = [:]

    func map(_ key: String) -> TransactionMap? { lock.withLock { maps[key] } }
    func keep(_ map: TransactionMap, _ key: String) { lock.withLock { maps[key] = map } }
}
