import ArgumentParser
import Foundation
import Mapping
import Partners
import X12

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate an 855, 856, 810, 865, 846 or 832 for a partner from canonical JSON.",
        discussion: """
        FILE holds one canonical document (an object) or an array of them, as `edigate translate`
        prints. Each becomes one interchange on standard output, in the partner's version,
        delimiters and identities, after the outbound checks (SSCC check digits, invoice totals …)
        and our own validator (846 and 832: no negative or duplicate quantities, positive prices that
        end after they start). Exits 1 with the reason on standard error when the input is
        inconsistent or the result would not validate; nothing is written then.
        """
    )

    @Argument(help: "The transaction set to generate: 855, 856, 810, 865, 846 or 832.")
    var transactionSet: String

    @Option(help: "Partner ID (Partners/<id>.yaml).")
    var partner: String

    @Argument(help: "The canonical JSON file.")
    var file: String

    @OptionGroup var profiles: ProfileOptions

    @Option(help: "First interchange/group control number (no durable sequence yet).")
    var control = 1

    /// The sets we send: the others (850, 860, 816) are what partners send us.
    static let generated = ["855", "856", "810", "865", "846", "832"]

    func run() throws {
        guard let type = CanonicalDocumentType(transactionSet: transactionSet), Self.generated.contains(transactionSet) else {
            throw ValidationError("the transaction set must be one of \(Self.generated.joined(separator: ", "))")
        }
        do {
            let profile = try profiles.profile(partner)
            guard profile.documents.send.contains(transactionSet) else {
                throw CommandFailure("partner \(partner) does not receive \(transactionSet) (documents.send is \(profile.documents.send.joined(separator: ", ")))")
            }
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("\(file): cannot read") }
            let parsed: CanonicalValue
            do { parsed = try CanonicalJSON.parse(Array(data)) } catch { throw CommandFailure("\(file): \(error)") }
            let items = parsed.arrayItems ?? [parsed]
            let generator = DocumentGenerator(catalog: try profiles.catalog(), library: try CommandSupport.schemaLibrary(), partner: profile.id)
            let (date, time) = CommandSupport.now()
            var output: [UInt8] = []
            for (index, item) in items.enumerated() {
                let document: CanonicalDocument
                do { document = try CanonicalDocument(type: type, value: item) } catch {
                    throw CommandFailure("\(file): document \(index + 1) is not a \(type.rawValue): \(MapReader.describe(error))")
                }
                let envelope = profile.outboundEnvelope(interchangeControl: control + index, groupControl: control + index, setControl: 1, date: date, time: time)
                do {
                    let written = try generator.generateInterchange(document, envelope: envelope)
                    // What the policy changed in the data is said, never done silently.
                    for adjustment in written.adjustments { StandardStreams.writeErr("note: \(file): document \(index + 1): \(adjustment)") }
                    output += written.bytes
                } catch {
                    throw CommandFailure("\(file): document \(index + 1): \(error)")
                }
            }
            StandardStreams.writeOut(output)
        } catch let failure as CommandFailure {
            StandardStreams.writeErr("edigate generate: \(failure)")
            throw ExitCode(1)
        }
    }
}
