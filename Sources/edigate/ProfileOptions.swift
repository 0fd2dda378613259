import ArgumentParser
import Foundation
import Mapping
import Partners

/// `--partners DIR` and `--maps DIR`, the same on every command that reads partner profiles
/// or maps (translate, validate, generate, partner, gateway poll and send).
struct ProfileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder of partner profiles (<id>.yaml).", valueName: "dir"))
    var partners = "Partners"

    @Option(help: ArgumentHelp("The maps folder: partner overrides (<id>/<set>-in|out.yaml) and forks of the built-in maps (<set>-in|out.yaml). Default: ./Maps when it exists, else the built-in maps alone.", valueName: "dir"))
    var maps: String?

    /// The maps folder in use: `--maps`, else `Maps` beside the partners folder, else `./Maps`,
    /// else none (the built-in maps alone). A `--maps` that does not exist is an error: a typo
    /// must not silently drop a partner's overrides.
    func mapsDirectory() throws -> String? {
        if let maps {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: maps, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure("--maps \(maps): no such folder")
            }
            return maps
        }
        let beside = URL(fileURLWithPath: partners).deletingLastPathComponent().appendingPathComponent("Maps").path
        for candidate in [beside, "Maps"] where FileManager.default.fileExists(atPath: candidate) { return candidate }
        return nil
    }

    func catalog() throws -> MapCatalog { MapCatalog(directory: try mapsDirectory()) }

    func profile(_ id: String) throws -> PartnerProfile {
        try CommandSupport.loadPartner(id, partnersDirectory: partners)
    }
}
