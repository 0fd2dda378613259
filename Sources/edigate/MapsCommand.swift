import ArgumentParser
import Foundation
import Mapping

struct MapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maps",
        abstract: "The built-in default maps.",
        subcommands: [MapsExportCommand.self]
    )
}

struct MapsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the built-in default maps into DIR, to read or fork them.",
        discussion: """
        Writes <set>-in.yaml / <set>-out.yaml for every built-in map and prints each path. A file
        at the top of the maps folder replaces the built-in map of that name (a fork); partner
        overrides (<maps>/<id>/<set>-in|out.yaml) are merged over whichever applies. An existing
        file is not replaced without --force. Exits 1 when nothing could be written.
        """
    )

    @Argument(help: "The folder to write into (created when missing).")
    var directory: String

    @Flag(help: "Replace files that exist.")
    var force = false

    func run() throws {
        do {
            for path in try DefaultMaps.export(to: directory, overwrite: force) { print(path) }
        } catch {
            StandardStreams.writeErr("edigate maps export: \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
