// libFuzzer target over the Mapping module (compiled together with the X12, Documents and
// Mapping sources by scripts/fuzz.sh; Yams linked as built by SwiftPM). The first byte chooses:
//   0: the bytes as X12, translated with the built-in maps (with the unmapped-data report);
//   1: the bytes as a map file, loaded both as a default map and as an override merged over the
//      built-in 850 map, then field-checked;
//   2: the bytes as canonical JSON, as the gateway's HTTP API decodes ERP events: parsed, decoded
//      as each document type, and what decodes generated into X12 that must read back.
// Any crash, leak, timeout or memory beyond the limit is a finding.
import Foundation

let schemaLibrary: SchemaLibrary? = {
    guard let directory = ProcessInfo.processInfo.environment["EDIGATE_SCHEMAS"] else { return nil }
    return try? SchemaLibrary(directory: directory)
}()
let catalog = MapCatalog.builtIn
let base850: TransactionMap? = try? catalog.map(transactionSet: "850", direction: .inbound)

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    // Loaded before the first input, so that nothing cached looks like an input's leak.
    _ = schemaLibrary
    _ = base850
    for name in DefaultMaps.names {
        let parts = name.dropLast(5).split(separator: "-")
        _ = try? catalog.map(transactionSet: String(parts[0]), direction: parts[1] == "in" ? .inbound : .outbound)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMapping(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let all = UnsafeRawBufferPointer(start: start, count: count)
    let bytes = Array(all.dropFirst())
    switch all[0] % 3 {
    case 0:
        guard let file = try? InterchangeFile.read(bytes: bytes, mode: .tolerant) else { return 0 }
        let result = DocumentTranslator(catalog: catalog, library: schemaLibrary, partner: nil).translate(file)
        for document in result.documents { _ = try? CanonicalDocument.jsonArray([document], pretty: false) }
    case 1:
        let text = String(decoding: bytes, as: UTF8.self)
        if let map = try? MapLoader.parse(text: text, file: "fuzz.yaml").asMap() { try? MapFieldCheck.check(map) }
        if let override = try? MapLoader.parse(text: text, file: "fuzz/850-in.yaml", isOverride: true), let base850,
           let merged = try? MapOverlay.apply(override, to: base850) {
            try? MapFieldCheck.check(merged)
        }
    default:
        guard let value = try? CanonicalJSON.parse(bytes), let schemaLibrary else { return 0 }
        let generator = DocumentGenerator(catalog: catalog, library: schemaLibrary, partner: nil)
        let envelope = EnvelopeSettings(senderQualifier: "ZZ", senderID: "EDIGATE", receiverQualifier: "ZZ", receiverID: "PARTNER",
                                        senderGroupID: "EDIGATE", receiverGroupID: "PARTNER", version: "004010", delimiters: .standard,
                                        date: "20261130", time: "1200")
        for type in CanonicalDocumentType.allCases {
            guard let document = try? CanonicalDocument(type: type, value: value) else { continue }
            if let written = try? generator.generate(document, envelope: envelope) {
                // What we would send must read back.
                if (try? InterchangeFile.read(bytes: written, mode: .strict)) == nil { fatalError("generated X12 does not read back") }
            }
        }
    }
    return 0
}
