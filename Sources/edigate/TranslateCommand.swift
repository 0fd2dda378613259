import ArgumentParser
import Foundation
import Mapping
import X12

struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Translate X12 into a JSON array of canonical documents.",
        discussion: """
        Every 850, 855, 856 and 810 in FILE becomes one canonical document (PurchaseOrder,
        OrderAcknowledgment, ShipNotice, Invoice; docs/schemas/). Other sets (997, 999) are skipped
        with a note on standard error. Without --partner the default maps are used. Exits 1 when a
        set cannot be translated or the file cannot be read.
        """
    )

    @Argument(help: "The X12 file.")
    var file: String

    @Option(help: "Partner ID: apply the partner's map overrides (Maps/<id>/).")
    var partner: String?

    @Option(help: "The maps folder.")
    var maps = "Maps"

    @Flag(help: "One line of JSON instead of indented output.")
    var compact = false

    func run() throws {
        let input: InterchangeFile
        do { input = try InterchangeFile.read(path: file) } catch {
            StandardStreams.writeErr("\(error)")
            throw ExitCode(1)
        }
        let library = try? CommandSupport.schemaLibrary()
        let result = DocumentTranslator(catalog: MapCatalog(directory: maps), library: library, partner: partner).translate(input)
        for skipped in result.skipped { StandardStreams.writeErr("note: \(file): \(skipped): no canonical document for this set; skipped") }
        for failure in result.failures { StandardStreams.writeErr("\(file): \(failure)") }
        let json = try CanonicalDocument.jsonArray(result.documents, pretty: !compact)
        StandardStreams.writeOut(Array((json + "\n").utf8))
        if !result.failures.isEmpty || input.interchanges.isEmpty { throw ExitCode(1) }
    }
}
