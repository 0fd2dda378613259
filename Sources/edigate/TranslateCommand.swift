import ArgumentParser
import Foundation
import Mapping
import X12

struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Translate X12 into a JSON array of canonical documents.",
        discussion: """
        Every 850, 855, 856, 810, 860, 865, 846, 832 and 816 in FILE becomes one canonical
        document (PurchaseOrder, OrderAcknowledgment, ShipNotice, Invoice, ChangeOrder,
        ChangeAcknowledgment, InventoryAdvice, PriceCatalog, LocationList; docs/schemas/).
        Acknowledgments (997, 999) are skipped with a note on standard error; any other set with
        no map (an 830, say) is reported
        as an error, never silently left out. Every segment or element with data that no map rule
        took is printed as a warning (`warning: FILE: 850 0001: segment 7 PO1: element PO111 …`). Without --partner the default maps are used. Exits 1
        when a set cannot be translated, has no map, or the file cannot be read.
        """
    )

    @Argument(help: "The X12 file.")
    var file: String

    @Option(help: "Partner ID: apply the partner's map overrides (<maps>/<id>/); the profile must exist.")
    var partner: String?

    @OptionGroup var profiles: ProfileOptions

    @Flag(help: "One line of JSON instead of indented output.")
    var compact = false

    func run() throws {
        let input: InterchangeFile
        do { input = try InterchangeFile.read(path: file) } catch {
            StandardStreams.writeErr("\(error)")
            throw ExitCode(1)
        }
        let catalog: MapCatalog
        do {
            // A partner that has no profile is a typo, not a partner without overrides.
            if let partner { _ = try profiles.profile(partner) }
            catalog = try profiles.catalog()
        } catch {
            StandardStreams.writeErr("edigate translate: \(error)")
            throw ExitCode(2)
        }
        let library = try? CommandSupport.schemaLibrary()
        let result = DocumentTranslator(catalog: catalog, library: library, partner: partner).translate(input)
        // Acknowledgments have no canonical document by design; anything else would be dropped.
        var unmapped = 0
        for skipped in result.skipped {
            if ["997", "999"].contains(where: { skipped.hasPrefix($0) }) {
                StandardStreams.writeErr("note: \(file): \(skipped): an acknowledgment; no canonical document")
            } else {
                unmapped += 1
                StandardStreams.writeErr("\(file): \(skipped): no map for this transaction set; not translated")
            }
        }
        for failure in result.failures { StandardStreams.writeErr("\(file): \(failure)") }
        // Data no rule took is a warning, not a failure: the document is still what the map
        // says, but ops must see what a partner sent that goes nowhere.
        for (set, data) in result.unmapped { StandardStreams.writeErr("warning: \(file): \(set): \(data)") }
        let json = try CanonicalDocument.jsonArray(result.documents, pretty: !compact)
        StandardStreams.writeOut(Array((json + "\n").utf8))
        if !result.failures.isEmpty || unmapped > 0 || input.interchanges.isEmpty { throw ExitCode(1) }
    }
}
