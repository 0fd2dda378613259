import Foundation
import Gateway
import Mapping
import Partners
import Store
import X12

/// What a reload replaces at once: the configuration, the partner profiles and the maps,
/// loaded and checked together. Everything that reads them asks for the current one.
struct LoadedConfiguration: Sendable {
    let configuration: ServiceConfiguration
    let partners: PartnerDirectory
    let maps: MapCatalog

    /// Loads the profiles and every map each partner uses (defaults and overrides), so that a
    /// broken map is refused here rather than when the first document needs it.
    static func load(_ configuration: ServiceConfiguration) throws -> LoadedConfiguration {
        let directory: PartnerDirectory
        do { directory = try PartnerDirectory(directory: configuration.partners) } catch {
            throw ServiceStartError("partners \(configuration.partners): \(error)")
        }
        guard !directory.profiles.isEmpty else { throw ServiceStartError("partners \(configuration.partners): no partner profile") }
        if configuration.mapsNamed, !FileManager.default.fileExists(atPath: configuration.maps) {
            throw ServiceStartError("maps \(configuration.maps): no such folder (leave maps out to use the built-in maps alone)")
        }
        let maps = MapCatalog(directory: configuration.maps)
        for id in directory.profiles.keys.sorted() {
            let errors = maps.checkAll(partner: id)
            if !errors.isEmpty { throw ServiceStartError("maps \(configuration.maps) for partner \(id): \(errors.map(\.description).joined(separator: "; "))") }
        }
        return LoadedConfiguration(configuration: configuration, partners: directory, maps: maps)
    }
}

/// The current configuration, swapped whole on a reload.
final class ConfigurationBox: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: LoadedConfiguration

    init(_ loaded: LoadedConfiguration) { self.loaded = loaded }

    var current: LoadedConfiguration { lock.withLock { loaded } }
    func replace(_ new: LoadedConfiguration) { lock.withLock { loaded = new } }
}

/// Why the service cannot start (or reload): what a person must fix.
public struct ServiceStartError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
