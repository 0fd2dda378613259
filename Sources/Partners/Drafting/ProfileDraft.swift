import Foundation
import Mapping
import X12

/// `edigate partner new`: a partner profile (and the map overrides its qualifiers need) drafted
/// from the partner's own sample files, with what a person must still decide.
///
/// Everything the samples prove is written as found: delimiters, envelope identities, version,
/// usage, whether they ask for TA1s, the sets they send and the acknowledgments they send us.
/// What the samples cannot tell (transport, ERP customer, ship-to codes, what we send them)
/// is drafted with a placeholder and listed in `toDecide`.
package struct ProfileDraft: Sendable {
    package var id: String
    /// `Partners/<id>.yaml`.
    package var profileYAML: String
    /// Override file name (`850-in.yaml`) → YAML, for `<maps>/<id>/`.
    package var overrides: [String: String] = [:]
    package var toDecide: [String] = []

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Product-id qualifiers (code list 235) beyond the built-in map's, with the field a
    /// distributor usually reads them into.
    static let extraQualifiers: [String: String] = [
        "IT": "buyerPartNumber",  // buyer's style number
        "PN": "vendorPartNumber", // company part number
        "MN": "vendorPartNumber", // model number
        "UN": "gtin",             // U.P.C. case code (older spelling)
    ]

    package static func draft(id: String, samples: [(file: String, x12: InterchangeFile)], maps: MapCatalog, now: Date = Date()) throws(Failure) -> ProfileDraft {
        guard id.range(of: "^[A-Za-z0-9_-]+$", options: .regularExpression) != nil else {
            throw Failure(description: "partner ID '\(id)': letters, digits, - and _ only (it names the profile file)")
        }
        let interchanges = samples.flatMap { sample in sample.x12.interchanges.map { (file: sample.file, interchange: $0) } }
        guard let first = interchanges.first else {
            throw Failure(description: "no interchange in \(samples.map(\.file).joined(separator: ", ")): nothing to draft from")
        }
        let header = first.interchange.header
        // Every sample must agree on what a profile holds once.
        var disagreements: [String] = []
        for (file, interchange) in interchanges.dropFirst() {
            let other = interchange.header
            if other.senderQualifier != header.senderQualifier || other.senderID != header.senderID {
                disagreements.append("\(file): sender \(other.senderQualifier):\(other.senderID), not \(header.senderQualifier):\(header.senderID)")
            }
            if other.delimiters != header.delimiters {
                disagreements.append("\(file): other delimiters than \(first.file)")
            }
        }
        guard disagreements.isEmpty else {
            throw Failure(description: "the samples are not from one partner set-up:\n" + disagreements.joined(separator: "\n"))
        }

        let groups = interchanges.flatMap(\.interchange.groups)
        let versions = Set(groups.map { SchemaLibrary.baseVersion($0.version) })
        let version = groups.first.map { SchemaLibrary.baseVersion($0.version) } ?? (header.version >= "00501" ? "005010" : "004010")
        var toDecide: [String] = []
        if versions.count > 1 { toDecide.append("interchange.version: the samples use \(versions.sorted().joined(separator: " and ")); the draft answers in \(version)") }
        let sets = groups.flatMap { $0.transactionSets.map(\.type) }
        let received = Array(Set(sets.filter { PartnerProfileLoader.receivedSets.contains($0) })).sorted()
        let theirAcks = Set(sets.filter { ["997", "999"].contains($0) })
        let unknownSets = Set(sets).subtracting(PartnerProfileLoader.receivedSets).subtracting(["997", "999"])
        if !unknownSets.isEmpty { toDecide.append("the samples hold \(unknownSets.sorted().joined(separator: ", ")), which the gateway does not process") }
        let partnerGroupID = groups.first?.senderCode ?? header.senderID
        let ourGroupID = groups.first?.receiverCode ?? header.receiverID
        let delimiters = header.delimiters
        let requestsTA1 = interchanges.contains { $0.interchange.header.acknowledgmentRequested }
        let expect = theirAcks.contains("999") ? "999" : "997"
        // Retail partners answer and expect 997s in either version; 999 is asked for, not assumed.
        let send = theirAcks.contains("999") ? "999" : "997"
        if theirAcks.isEmpty { toDecide.append("acknowledgments.send/expect: no 997 or 999 among the samples; the draft says 997 both ways") }

        // Product-id qualifiers the built-in 850 map does not name.
        var qualifiers: [String] = []
        var shipTos: [String] = []
        for group in groups {
            for set in group.transactionSets where set.type == "850" {
                for segment in set.segments {
                    if segment.idString == "PO1" {
                        for position in stride(from: 6, through: 24, by: 2) where !segment[position].isEmpty && !qualifiers.contains(segment[position]) {
                            qualifiers.append(segment[position])
                        }
                    } else if segment.idString == "N1", segment[1] == "ST", !segment[4].isEmpty, !shipTos.contains(segment[4]) {
                        shipTos.append(segment[4])
                    }
                }
            }
        }
        var overrides: [String: String] = [:]
        let builtInCodes = Self.codes(of: try? maps.map(transactionSet: "850", direction: .inbound))
        let missing = qualifiers.filter { builtInCodes[$0] == nil }
        let known = missing.filter { extraQualifiers[$0] != nil }
        let unknown = missing.filter { extraQualifiers[$0] == nil }
        if received.contains("850"), !known.isEmpty {
            overrides["850-in.yaml"] = Self.qualifierOverride(base: builtInCodes, adding: known, samples: samples.map(\.file))
        }
        if !unknown.isEmpty {
            toDecide.append("PO1 qualifiers \(unknown.joined(separator: ", ")) have no named field; they are kept in each line's productIds and echoed back, and a map override (docs/maps.md) can name them")
        }

        toDecide.append("transport: the draft uses a local folder; give the partner's SFTP server (host, user, privateKey, hostKey pin) or the real folder")
        toDecide.append("erp.customer: the ERP sold-to account for \(id) (the draft says \(id.uppercased()))")
        if !shipTos.isEmpty {
            toDecide.append("erp.shipTo: ERP ship-to ids for the partner's locations \(shipTos.joined(separator: ", ")) (or leave them to the ERP's own look-up)")
        }
        toDecide.append("documents.send: which of 855, 856, 810 the partner takes (the draft says all three)")
        toDecide.append("validation: the ERP decision policy (docs/erp.md); the draft keeps the defaults")

        var yaml = """
            # Drafted by `edigate partner new` from \(samples.map { URL(fileURLWithPath: $0.file).lastPathComponent }.joined(separator: ", ")) on \(Self.day(now)).
            # Lines marked TO DECIDE are placeholders; `edigate partner check \(id)` and `edigate partner try \(id) FILE…` check the rest.
            id: \(id)
            name: \(Self.quoted(id))                    # TO DECIDE: the partner's name
            interchange:
              partner: { qualifier: \(Self.quoted(header.senderQualifier)), id: \(Self.quoted(header.senderID)), groupID: \(Self.quoted(partnerGroupID)) }
              us: { qualifier: \(Self.quoted(header.receiverQualifier)), id: \(Self.quoted(header.receiverID)), groupID: \(Self.quoted(ourGroupID)) }
              version: "\(version)"
              usage: \(Self.quoted(header.usage))
              reading: tolerant
              delimiterInText: replace
              delimiters:
                element: \(Self.quoted(delimiters.element))
                component: \(Self.quoted(delimiters.component))

            """
        if version >= "005010", let repetition = delimiters.repetition {
            yaml += "    repetition: \(Self.quoted(repetition))\n"
        }
        yaml += """
                segment: \(Self.quoted(delimiters.segment))
                lineBreak: \(Self.quoted(delimiters.lineBreak))
            documents:
              receive: [\(received.map { "\"\($0)\"" }.joined(separator: ", "))]
              send: ["855", "856", "810"]          # TO DECIDE
            acknowledgments:
              send: "\(send)"
              expect: "\(expect)"
              ta1: \(requestsTA1 ? "always" : "onError")
              requestTA1: false
            transport:                             # TO DECIDE: sftp: { host, user, privateKey, hostKey } or the real folder
              local: { root: \(Self.quoted("/var/lib/edigate/partners/\(id)")) }
              inbound: inbound
              outbound: outbound
              archive: archive
            erp:
              customer: \(Self.quoted(id.uppercased()))                  # TO DECIDE: the ERP sold-to

            """
        if !shipTos.isEmpty {
            yaml += "  # shipTo:                              # TO DECIDE: partner location → ERP ship-to\n"
            for code in shipTos { yaml += "  #   \(Self.quoted(code)): \"\"\n" }
        }
        return ProfileDraft(id: id, profileYAML: yaml, overrides: overrides, toDecide: toDecide)
    }

    /// Qualifier → field of a map's PO1 rule.
    static func codes(of map: TransactionMap?) -> [String: String] {
        guard let map else { return [:] }
        func find(_ rules: [MapRule]) -> [String: String]? {
            for rule in rules {
                switch rule.kind {
                case .segment(let segment) where segment.segmentID == "PO1":
                    return Dictionary(segment.qualified?.codes.map { ($0.qualifier, $0.field) } ?? [], uniquingKeysWith: { a, _ in a })
                case .loop(let loop):
                    if let found = find(loop.rules) { return found }
                default: continue
                }
            }
            return nil
        }
        return find(map.rules) ?? [:]
    }

    /// The built-in PO1 rule again, with the partner's extra qualifiers named.
    static func qualifierOverride(base: [String: String], adding: [String], samples: [String]) -> String {
        var text = """
            # Drafted by `edigate partner new`: the PO1 qualifiers \(adding.joined(separator: ", ")) seen in the samples, named.
            rules:
              - id: lines/item
                segment: PO1
                elements:
                  1: lineNumber
                  2: { field: quantity, format: decimal }
                  3: uom
                  4: { field: unitPrice, format: decimal }
                qualifiers:
                  positions: [6, 8, 10, 12, 14, 16, 18, 20, 22, 24]
                  all: productIds
                  codes:

            """
        let order = ["BP", "IN", "CB", "SK", "PI", "VP", "VN", "VA", "MG", "VC", "UP", "UK", "EN", "UI", "UA", "EA"]
        for qualifier in order where base[qualifier] != nil {
            text += "        \(qualifier): \(base[qualifier]!)\n"
        }
        for qualifier in base.keys.sorted() where !order.contains(qualifier) {
            text += "        \(qualifier): \(base[qualifier]!)\n"
        }
        for qualifier in adding { text += "        \(qualifier): \(extraQualifiers[qualifier]!)\n" }
        return text
    }

    /// A YAML double-quoted scalar: JSON's string syntax is one.
    static func quoted(_ text: String) -> String { CanonicalJSON.write(.string(text)) }

    static func quoted(_ byte: UInt8) -> String { quoted(String(decoding: [byte], as: UTF8.self)) }
    static func quoted(_ bytes: [UInt8]) -> String { quoted(String(decoding: bytes, as: UTF8.self)) }

    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
