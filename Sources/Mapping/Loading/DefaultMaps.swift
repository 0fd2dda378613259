import Foundation

/// The default maps, compiled into the module from `Sources/Mapping/Defaults/`.
///
/// They are the maps every partner starts from; a maps folder only holds forks of them
/// (`<set>-<direction>.yaml` at its top, which replace the built-in one) and partner overrides
/// (`<partner>/<set>-<direction>.yaml`, merged over whichever default applies).
public enum DefaultMaps {
    /// File name (`850-in.yaml`) → YAML bytes. A test checks every file of the Defaults folder
    /// is listed here, so a new default map cannot be left out of the binary.
    static let files: [String: [UInt8]] = [
        "850-in.yaml": PackageResources.default_850_in_yaml,
        "855-out.yaml": PackageResources.default_855_out_yaml,
        "856-out.yaml": PackageResources.default_856_out_yaml,
        "810-out.yaml": PackageResources.default_810_out_yaml,
        "860-in.yaml": PackageResources.default_860_in_yaml,
        "865-out.yaml": PackageResources.default_865_out_yaml,
        "846-out.yaml": PackageResources.default_846_out_yaml,
        "832-out.yaml": PackageResources.default_832_out_yaml,
        "816-in.yaml": PackageResources.default_816_in_yaml,
    ]

    /// The names of the built-in maps, sorted (`810-out.yaml`, `850-in.yaml`, …).
    public static var names: [String] { files.keys.sorted() }

    /// The YAML of one built-in map, or nil.
    public static func text(_ name: String) -> String? {
        files[name].map { String(decoding: $0, as: UTF8.self) }
    }

    /// How a built-in map is named in messages: where to read it is `edigate maps export`.
    static func displayName(_ name: String) -> String { "(built-in) \(name)" }

    /// Writes every built-in map into `directory` (created if missing). Refuses to replace a
    /// file that exists unless `overwrite`, so a fork is never lost by a second export.
    public static func export(to directory: String, overwrite: Bool = false) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for name in names {
            let path = "\(directory)/\(name)"
            if !overwrite, FileManager.default.fileExists(atPath: path) {
                throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: path])
            }
            try Data(files[name]!).write(to: URL(fileURLWithPath: path), options: .atomic)
            written.append(path)
        }
        return written
    }
}
