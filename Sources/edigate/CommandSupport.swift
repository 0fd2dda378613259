import ArgumentParser
import Foundation
import Mapping
import Partners
import Service
import X12
import X12Schemas

/// Shared look-ups of the map, partner and schema folders for the mapping commands.
enum CommandSupport {
    /// The schemas compiled into edigate, or the folder `EDIGATE_SCHEMAS` names.
    static func schemaLibrary() throws -> SchemaLibrary {
        try SchemaResources.library()
    }

    static func loadPartner(_ id: String, partnersDirectory: String) throws -> PartnerProfile {
        let path = "\(partnersDirectory)/\(id).yaml"
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("no partner profile \(path)")
        }
        do { return try PartnerProfileLoader.load(path: path) } catch { throw CommandFailure(error.description) }
    }

    /// `--config` of `serve`, `status` and `audit invoices`: the service configuration, or the
    /// reason on standard error and exit status 2 (nothing can be read without it).
    static func serviceConfiguration(_ path: String, command: String) throws -> ServiceConfiguration {
        do { return try ServiceConfiguration.load(path: path) } catch {
            StandardStreams.writeErr("edigate \(command): \(error)")
            throw ExitCode(2)
        }
    }

    /// CCYYMMDD and HHMM in UTC.
    static func now() -> (date: String, time: String) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd HHmm"
        let parts = formatter.string(from: Date()).split(separator: " ")
        return (String(parts[0]), String(parts[1]))
    }
}

struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
