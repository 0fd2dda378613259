import Foundation
import Mapping

/// Every partner profile in a folder (`Partners/*.yaml`), loaded and checked together.
public struct PartnerDirectory: Sendable {
    public let directory: String
    public let profiles: [String: PartnerProfile]

    /// Loads every profile; throws all errors of all files together.
    public init(directory: String) throws(ProfileErrors) {
        self.directory = directory
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        var profiles: [String: PartnerProfile] = [:]
        var errors: [ProfileError] = []
        for file in files {
            do {
                let profile = try PartnerProfileLoader.load(path: "\(directory)/\(file)")
                profiles[profile.id] = profile
            } catch {
                errors += error.errors
            }
        }
        if !errors.isEmpty { throw ProfileErrors(errors) }
        self.profiles = profiles
    }

    public func profile(id: String) -> PartnerProfile? { profiles[id] }

    /// The partner whose ISA sender (qualifier and ID) an inbound interchange carries.
    public func partner(isaQualifier: String, isaID: String) -> PartnerProfile? {
        profiles.values.first { $0.interchange.partner.qualifier == isaQualifier && $0.interchange.partner.id == isaID.trimmingCharacters(in: .whitespaces) }
    }
}
