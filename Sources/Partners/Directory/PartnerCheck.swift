import Foundation
import Mapping

/// `edigate partner check`: the profile and every map the partner uses (defaults merged
/// with its overrides), all problems as `file:line: message`.
public enum PartnerCheck {
    public static func check(profilePath: String, maps catalog: MapCatalog) -> (profile: PartnerProfile?, errors: [String]) {
        let profile: PartnerProfile
        do {
            profile = try PartnerProfileLoader.load(path: profilePath)
        } catch {
            return (nil, error.errors.map(\.description))
        }
        var errors: [String] = []
        for set in profile.documents.receive {
            do { _ = try catalog.map(transactionSet: set, direction: .inbound, partner: profile.id) } catch { errors += error.errors.map(\.description) }
        }
        for set in profile.documents.send {
            do { _ = try catalog.map(transactionSet: set, direction: .outbound, partner: profile.id) } catch { errors += error.errors.map(\.description) }
        }
        errors += catalog.checkAll(partner: profile.id).map(\.description)
        var seen: Set<String> = []
        return (profile, errors.filter { seen.insert($0).inserted })
    }
}
