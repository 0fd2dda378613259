import ArgumentParser
import ERP
import Foundation
import Mapping
import Partners
import X12

struct PartnerNewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Draft a partner profile from the partner's own sample files.",
        discussion: """
        Reads every --from file and writes <partners>/ID.yaml: the delimiters, ISA/GS identities,
        version and usage the samples show, the sets they send, the acknowledgments they send us
        and whether they ask for TA1s. When their PO1 lines carry product-id qualifiers the
        built-in map does not name, it also writes <maps>/ID/850-in.yaml naming them. Then it runs
        `partner try` on the samples (without the ERP unless --erp-url or --erp-config) and prints
        what is still to decide: transport, ERP customer, ship-to mapping, what we send, policy.
        An existing profile is not replaced without --force. Exits 0 when the draft is written and
        every sample passes, 1 when a sample has problems, 2 when nothing could be drafted.
        """
    )

    @Argument(help: "The new partner's ID (letters, digits, - and _).")
    var partner: String

    @Option(name: .customLong("from"), help: "A sample file from the partner (repeat for several).")
    var samples: [String] = []

    @OptionGroup var profiles: ProfileOptions

    /// For the trial run; without either, the ERP is not asked.
    @OptionGroup var erp: ERPOptions

    @Flag(help: "Replace an existing profile and override.")
    var force = false

    func validate() throws {
        guard !samples.isEmpty else { throw ValidationError("give at least one --from SAMPLE") }
        guard erp.erpUrl == nil || erp.erpConfig == nil else { throw ValidationError("give at most one of --erp-url and --erp-config") }
    }

    func run() async throws {
        let profilePath = "\(profiles.partners)/\(partner).yaml"
        let mapsFolder = profiles.maps ?? URL(fileURLWithPath: profiles.partners).deletingLastPathComponent().appendingPathComponent("Maps").path
        let draft: ProfileDraft
        do {
            if !force, FileManager.default.fileExists(atPath: profilePath) {
                throw CommandFailure("\(profilePath) exists; --force replaces it")
            }
            var read: [(file: String, x12: InterchangeFile)] = []
            for sample in samples {
                do { read.append((sample, try InterchangeFile.read(path: sample))) } catch { throw CommandFailure("\(sample): \(error)") }
            }
            draft = try ProfileDraft.draft(id: partner, samples: read, maps: MapCatalog(directory: profiles.maps))
            try FileManager.default.createDirectory(atPath: profiles.partners, withIntermediateDirectories: true)
            // The maps folder the partner's overrides go in exists from now on, drafted or not.
            try FileManager.default.createDirectory(atPath: mapsFolder, withIntermediateDirectories: true)
            try Data(draft.profileYAML.utf8).write(to: URL(fileURLWithPath: profilePath), options: .atomic)
            print("wrote \(profilePath)")
            for (name, text) in draft.overrides.sorted(by: { $0.key < $1.key }) {
                let folder = "\(mapsFolder)/\(partner)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                if !force, FileManager.default.fileExists(atPath: "\(folder)/\(name)") { throw CommandFailure("\(folder)/\(name) exists; --force replaces it") }
                try Data(text.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name)"), options: .atomic)
                print("wrote \(folder)/\(name)")
            }
        } catch {
            StandardStreams.writeErr("edigate partner new: \(error)")
            throw ExitCode(2)
        }

        // The draft must load and pass `partner check` before it is tried.
        let checked = PartnerCheck.check(profilePath: profilePath, maps: MapCatalog(directory: mapsFolder))
        guard let profile = checked.profile, checked.errors.isEmpty else {
            for line in checked.errors { StandardStreams.writeErr(line) }
            StandardStreams.writeErr("edigate partner new: the draft does not load; fix \(profilePath)")
            throw ExitCode(2)
        }
        var client: HTTPERPClient?
        if erp.isGiven {
            do {
                if let connection = try erp.connection() { client = try HTTPERPClient(connection: connection) }
            } catch {
                StandardStreams.writeErr("edigate partner new: ERP: \(error)")
                throw ExitCode(2)
            }
        }
        let trial = PartnerTrial(profile: profile, maps: MapCatalog(directory: mapsFolder), library: try CommandSupport.schemaLibrary(),
                                 orders: client.map { OrderValidator(client: $0) })
        var ready = true
        print("partner try \(partner) on the samples\(client == nil ? " (no ERP)" : ""):")
        for sample in samples {
            let report = await trial.run(bytes: Array(FileManager.default.contents(atPath: sample) ?? Data()), file: sample)
            ready = ready && report.ready
            print("  \(sample): \(report.ready ? "ready" : "not ready")")
            for problem in report.problems { print("    problem: \(problem)") }
            for warning in report.warnings { print("    warning: \(warning)") }
        }
        try? await client?.shutdown()
        print("still to decide:")
        for item in draft.toDecide { print("  - \(item)") }
        if !ready { throw ExitCode(1) }
    }
}
