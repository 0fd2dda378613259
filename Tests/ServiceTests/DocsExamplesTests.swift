import ERP
import Foundation
import Partners
import Service
import X12
import XCTest
@testable import Mapping

/// Every ```yaml and ```json example in docs/ and the README is one the code accepts: each block
/// is recognised (a service configuration, a partner profile or part of one, an ERP connection,
/// a map or an override, a schema excerpt, an API or command output) and loaded by the loader
/// that reads it in production. A documented key the loader rejects fails here; so does an
/// example nobody knows how to check.
final class DocsExamplesTests: XCTestCase {
    struct Block {
        var file: String
        var line: Int
        var language: String
        var text: String
        var place: String { "\(file):\(line)" }
        /// Keys at column 0 (`key:`), in order.
        var topKeys: [String] {
            text.components(separatedBy: "\n").compactMap { line in
                guard let first = line.first, first != " ", first != "#", first != "-", let colon = line.firstIndex(of: ":") else { return nil }
                return String(line[..<colon])
            }
        }
    }

    static let repository = ServiceHarness.repository

    static func blocks() throws -> [Block] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" } + ["README.md"]
        var blocks: [Block] = []
        for file in docs {
            let lines = try String(contentsOf: repository.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
            var index = 0
            while index < lines.count {
                let fence = lines[index].trimmingCharacters(in: .whitespaces)
                if fence.hasPrefix("```"), ["yaml", "yml", "json"].contains(String(fence.dropFirst(3))) {
                    var end = index + 1
                    while end < lines.count, !lines[end].trimmingCharacters(in: .whitespaces).hasPrefix("```") { end += 1 }
                    blocks.append(Block(file: file, line: index + 2, language: String(fence.dropFirst(3)),
                                        text: lines[(index + 1)..<min(end, lines.count)].joined(separator: "\n") + "\n"))
                    index = end
                }
                index += 1
            }
        }
        return blocks
    }

    func testEveryExampleIsAccepted() throws {
        let blocks = try Self.blocks()
        XCTAssertGreaterThan(blocks.count, 10, "the docs have examples")
        for block in blocks {
            do {
                try Self.check(block)
            } catch {
                XCTFail("\(block.place): the \(block.language) example is refused: \(error)")
            }
        }
    }

    /// The check itself refuses what the loaders refuse: a profile fragment with a key the
    /// profile loader does not know (the key docs/erp.md once documented) fails.
    func testAnUnknownDocumentedKeyFails() {
        let block = Block(file: "test.md", line: 1, language: "yaml", text: "validation:\n  priceMismatch: change\n")
        XCTAssertThrowsError(try Self.check(block))
        let connection = Block(file: "test.md", line: 1, language: "yaml", text: "erp:\n  baseUrl: http://127.0.0.1:8085\n")
        XCTAssertThrowsError(try Self.check(connection))
    }

    struct Unrecognised: Error, CustomStringConvertible {
        var description: String
    }

    static let profileKeys: Set<String> = ["id", "name", "interchange", "documents", "acknowledgments", "transport", "erp", "validation", "processing", "inventory", "catalog"]

    static func check(_ block: Block) throws {
        if block.language == "json" { return try checkJSON(block) }
        let keys = block.topKeys
        let file = "\(repository.path)/\(block.place)"
        if keys.contains("store") {
            _ = try ServiceConfiguration.parse(text: block.text, file: file)
        } else if keys.contains("transactionSet") {
            try MapFieldCheck.check(try MapLoader.parse(text: block.text, file: file).asMap())
        } else if !keys.isEmpty, Set(keys).isSubset(of: ["remove", "rules"]) {
            try checkOverride(block, file: file)
        } else if keys.contains("baseURL") || isConnectionBlock(block) {
            _ = try ERPConnectionFile.parse(text: block.text, file: file)
            // The connection file leaves `validation:` to the profile: check it there.
            if keys.contains("validation") { try checkProfileFragment(block, only: ["validation"], file: file) }
        } else if keys.contains("id"), keys.contains("interchange") {
            // The loader wants the file named after the id, as in Partners/<id>.yaml.
            let id = block.text.components(separatedBy: "\n").first { $0.hasPrefix("id:") }
                .map { $0.dropFirst(3).split(separator: "#").first.map(String.init) ?? "" }
                .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) } ?? ""
            _ = try PartnerProfileLoader.parse(text: block.text, file: "\(file)/\(id).yaml")
        } else if !keys.isEmpty, Set(keys).isSubset(of: profileKeys) {
            try checkProfileFragment(block, only: Set(keys), file: file)
        } else {
            throw Unrecognised(description: "not a configuration, profile, ERP connection or map (top-level keys \(keys))")
        }
    }

    /// `erp:` with connection keys (baseURL …), not a profile's `erp:` (customer, shipTo).
    static func isConnectionBlock(_ block: Block) -> Bool {
        guard block.topKeys.contains("erp") else { return false }
        let lines = block.text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("erp:") }) else { return false }
        let child = lines[(start + 1)...].first { $0.hasPrefix("  ") && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        let key = child?.trimmingCharacters(in: .whitespaces).split(separator: ":").first.map(String.init) ?? ""
        return !["customer", "shipTo"].contains(key)
    }

    /// A part of a profile: the whole ACME profile with these sections replaced by the example's.
    static func checkProfileFragment(_ block: Block, only keys: Set<String>, file: String) throws {
        let base = try String(contentsOf: repository.appendingPathComponent("Partners/acme-retail.yaml"), encoding: .utf8)
        var kept: [String] = []
        var skipping = false
        for line in base.components(separatedBy: "\n") {
            if let first = line.first, first != " ", first != "#", let colon = line.firstIndex(of: ":") {
                skipping = keys.contains(String(line[..<colon]))
            }
            if !skipping { kept.append(line) }
        }
        var fragment: [String] = []
        skipping = true
        for line in block.text.components(separatedBy: "\n") {
            if let first = line.first, first != " ", first != "#", let colon = line.firstIndex(of: ":") {
                skipping = !keys.contains(String(line[..<colon]))
            }
            if !skipping { fragment.append(line) }
        }
        _ = try PartnerProfileLoader.parse(text: kept.joined(separator: "\n") + "\n" + fragment.joined(separator: "\n") + "\n", file: "\(file)/acme-retail.yaml")
    }

    /// An override must apply to one of the built-in maps and pass the field check there.
    static func checkOverride(_ block: Block, file: String) throws {
        let override = try MapLoader.parse(text: block.text, file: file, isOverride: true)
        var errors: [String] = []
        for name in DefaultMaps.names {
            do {
                let base = try MapLoader.parse(text: DefaultMaps.text(name)!, file: name).asMap()
                try MapFieldCheck.check(try MapOverlay.apply(override, to: base))
                return
            } catch {
                errors.append("\(name): \(error)")
            }
        }
        throw Unrecognised(description: "applies to no built-in map: " + errors.joined(separator: "; "))
    }

    /// JSON examples are outputs of the API or a command, or schema excerpts: they must parse, and
    /// the schema excerpts must be what the schema files hold.
    static func checkJSON(_ block: Block) throws {
        let value = try JSONSerialization.jsonObject(with: Data(block.text.utf8), options: [.fragmentsAllowed])
        guard block.file == "docs/x12-validation.md" else { return }
        let schemas = repository.appendingPathComponent("Sources/X12Schemas/Schemas")
        if let object = value as? [String: Any], object["transactionSet"] != nil {
            // A set table: loaded by the schema loader beside the real 004010 segment directory.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-docs-schema-\(getpid())-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let set = object["transactionSet"] as? String ?? ""
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("004010"), withIntermediateDirectories: true)
            try Data("{\"versions\": {\"004010\": [\"\(set)\"]}}".utf8).write(to: folder.appendingPathComponent("index.json"))
            try FileManager.default.copyItem(at: schemas.appendingPathComponent("004010/segments.json"), to: folder.appendingPathComponent("004010/segments.json"))
            try Data(block.text.utf8).write(to: folder.appendingPathComponent("004010/\(set).json"))
            let library = try SchemaLibrary(directory: folder.path)
            guard library.schema(transactionSet: set, version: "004010") != nil else { throw Unrecognised(description: "the loader kept no \(set) table") }
        } else if let object = value as? [String: Any] {
            // Segment entries: each must equal 004010's.
            let real = try JSONSerialization.jsonObject(with: Data(contentsOf: schemas.appendingPathComponent("004010/segments.json"))) as? [String: Any]
            let segments = real?["segments"] as? [String: Any] ?? [:]
            for (id, entry) in object {
                guard let actual = segments[id] else { throw Unrecognised(description: "004010 has no segment \(id)") }
                guard NSDictionary(dictionary: actual as? [String: Any] ?? [:]).isEqual(to: entry as? [String: Any] ?? [:]) else {
                    throw Unrecognised(description: "\(id) differs from 004010/segments.json")
                }
            }
        }
    }
}
