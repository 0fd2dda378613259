import XCTest
@testable import X12

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/x12-samples")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static var allSamples: [String] {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return folders.sorted().flatMap { folder -> [String] in
            let dir = root.appendingPathComponent(folder)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else { return [] }
            return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().map { "\(folder)/\($0)" }
        }
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relative)))
    }
}

/// A small valid 850 interchange in the given delimiters, built through the writer.
func sample850(delimiters: Delimiters = .standard, version: String = "00401", groupVersion: String = "004010", sets: Int = 1, control: Int = 101) throws -> [UInt8] {
    let parameters = InterchangeParameters(senderQualifier: "ZZ", senderID: "RETAILER", receiverQualifier: "ZZ", receiverID: "DISTRIBUTOR", date: "261126", time: "1200", version: version, controlNumber: control)
    let group = GroupParameters(functionalID: "PO", senderCode: "RETAILER", receiverCode: "DISTRIBUTOR", date: "20261126", time: "1200", controlNumber: 1, version: groupVersion)
    let body: [OutboundSegment] = [
        OutboundSegment("BEG", "00", "SA", "PO1", "", "20261126"),
        OutboundSegment("N1", "ST", "STORE 42", "92", "0042"),
        OutboundSegment("PO1", "1", "12", "EA", "9.95", "", "BP", "ITEM-1", "VP", "V-1"),
        OutboundSegment("PID", "F", "", "", "", "WIDGET, BLUE"),
        OutboundSegment("CTT", "1"),
    ]
    let transactionSets = (1...sets).map { OutboundTransactionSet(type: "850", control: String(format: "%04d", $0), body: body) }
    return try InterchangeWriter.write(parameters, groups: [OutboundGroup(parameters: group, transactionSets: transactionSets)], delimiters: delimiters)
}

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}

/// Segments of every set in a file as arrays of strings, for comparisons.
func segmentFields(_ file: InterchangeFile) -> [[String]] {
    file.interchanges.flatMap { interchange in
        interchange.groups.flatMap { group in
            group.transactionSets.flatMap { set in set.segments.map(\.fields) }
        }
    }
}
