import ArgumentParser
import Foundation
import Mapping
import Partners
import Transport

struct PartnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner",
        abstract: "Work with partner profiles (Partners/<id>.yaml).",
        subcommands: [PartnerCheckCommand.self, PartnerTryCommand.self, PartnerNewCommand.self]
    )
}

struct PartnerCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a partner profile and every map it uses.",
        discussion: """
        Prints every problem as FILE:LINE: message and exits 1 when there is any. The maps are the
        defaults in the Maps folder (beside the profile's Partners folder, or --maps) merged with the
        partner's overrides in Maps/<id>/. --connect also opens the transport and lists the inbound
        folder (SFTP: connects with the pinned host key; local: the folders must exist).
        """
    )

    @Argument(help: "The partner: an ID (<partners>/<id>.yaml) or a profile's path, e.g. Partners/acme-retail.yaml.")
    var partner: String

    @OptionGroup var profiles: ProfileOptions

    @Flag(help: "Also connect to the partner's transport and list its inbound and outbound folders.")
    var connect = false

    func run() async throws {
        let profile = partner.hasSuffix(".yaml") || partner.contains("/") ? partner : "\(profiles.partners)/\(partner).yaml"
        // A profile given by path finds the maps beside its own Partners folder.
        var options = profiles
        if partner.hasSuffix(".yaml"), options.maps == nil, options.partners == "Partners" {
            options.partners = URL(fileURLWithPath: profile).deletingLastPathComponent().path
        }
        let result = PartnerCheck.check(profilePath: profile, maps: try options.catalog())
        for line in result.errors { print(line) }
        guard let partner = result.profile, result.errors.isEmpty else { throw ExitCode(1) }
        if connect {
            do {
                try await Self.probe(partner)
            } catch {
                print("\(profile): transport: \(error)")
                throw ExitCode(1)
            }
        }
        print("\(profile): ok (\(partner.id), \(partner.interchange.version), receives \(partner.documents.receive.joined(separator: ",")), sends \(partner.documents.send.joined(separator: ",")))")
    }

    static func probe(_ partner: PartnerProfile) async throws {
        let result = try await PartnerTransportProbe.probe(partner)
        print("transport: inbound \(partner.transport.inbound) lists \(result.inboundFiles) file(s), outbound \(partner.transport.outbound) lists \(result.outboundFiles)")
    }
}
