import XCTest
@testable import X12

/// The streaming path (`InterchangeStreamValidator` over reader events) must give the
/// results of the tree path (`InterchangeFile.read` then `InterchangeValidator`), and the
/// quick element check must never pass a segment the detailed check finds errors in.
final class StreamingValidationTests: XCTestCase {
    static var samples: [String] {
        let root = TestSupport.fixtures.path
        let walker = FileManager.default.enumerator(atPath: root)!
        return walker.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &isDirectory)
            return !isDirectory.boolValue && !path.hasSuffix(".md")
        }.sorted()
    }

    static func bytes(_ sample: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: TestSupport.fixtures.appendingPathComponent(sample)))
    }

    /// Everything a result holds that reports and acknowledgments use.
    static func describe(_ results: [InterchangeResult]) -> String {
        results.map { r in
            var text = "ISA \(r.header.controlNumber) \(r.acknowledgmentCode) \(r.noteCode) \(r.envelopeErrors)\n"
            for g in r.groups {
                text += "  GS \(g.functionalID) \(g.senderCode) \(g.receiverCode) \(g.control) \(g.version) \(g.versionSupported) \(g.includedCount) \(g.errorCodes) \(g.acknowledgmentCode) \(g.envelopeErrors)\n"
                for s in g.sets {
                    text += "    ST \(s.type) \(s.control) \(s.implementationReference ?? "-") \(s.byteOffset) \(s.errorCodes) \(s.acknowledgmentCode) \(s.envelopeErrors) \(s.segmentErrors)\n"
                }
            }
            return text
        }.joined()
    }

    /// The acknowledgment bytes, or the builder's error (some samples' delimiters cannot write a 999).
    func acknowledgments(_ results: [InterchangeResult], _ kind: AcknowledgmentOptions.Kind) -> String {
        var numbers = InMemoryControlNumberSource(start: 7)
        do {
            return try AcknowledgmentBuilder(options: AcknowledgmentOptions(kind: kind, ta1: .always), timestamp: TestSupport.timestamp).build(for: results, controlNumbers: &numbers).map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
        } catch {
            return "error: \(error)"
        }
    }

    func testStreamingGivesTheTreeResultsOnEverySample() throws {
        let validator = InterchangeValidator(library: TestSupport.library)
        let samples = Self.samples
        XCTAssertGreaterThan(samples.count, 50)
        for sample in samples {
            let data = try Self.bytes(sample)
            let file = try InterchangeFile.read(bytes: data, file: sample)
            let tree = validator.validate(file)
            // A small chunk size makes the reader move its window under open sets.
            for chunkSize in [1 << 20, 97] {
                let reader = InterchangeReader(source: MemoryByteSource(data), file: sample, chunkSize: chunkSize)
                var stream = InterchangeStreamValidator(validator: validator)
                var streamed: [InterchangeResult] = []
                while let event = try reader.next() {
                    if let result = stream.consume(event) { streamed.append(result) }
                }
                XCTAssertEqual(Self.describe(streamed), Self.describe(tree), "\(sample), chunk \(chunkSize)")
                XCTAssertEqual(acknowledgments(streamed, .functional997), acknowledgments(tree, .functional997), "\(sample): 997")
                XCTAssertEqual(acknowledgments(streamed, .implementation999), acknowledgments(tree, .implementation999), "\(sample): 999")
                let unreportedTree = file.errors.filter { error in !tree.contains { r in r.envelopeErrors.contains(error) || r.groups.contains { $0.envelopeErrors.contains(error) || $0.sets.contains { $0.envelopeErrors.contains(error) } } } }
                XCTAssertEqual(reader.errors.filter { !stream.reportedErrors.contains($0) }, unreportedTree, sample)
            }
        }
    }

    func testStreamingDropsWhatTheTreeDrops() throws {
        // A set outside any group: the tree has no place for it, so its error is reported on its own.
        var lines = TestSupport.interchange4010(TestSupport.valid850).split(separator: "\n").map(String.init)
        lines.insert(contentsOf: ["ST*850*0009~", "BEG*00~", "SE*3*0009~"], at: 1)
        let text = lines.joined(separator: "\n") + "\n"
        let file = try InterchangeFile.read(bytes: Array(text.utf8))
        let validator = InterchangeValidator(library: TestSupport.library)
        let reader = InterchangeReader(bytes: Array(text.utf8))
        var stream = InterchangeStreamValidator(validator: validator)
        var streamed: [InterchangeResult] = []
        while let event = try reader.next() {
            if let result = stream.consume(event) { streamed.append(result) }
        }
        XCTAssertEqual(Self.describe(streamed), Self.describe(validator.validate(file)))
        XCTAssertFalse(reader.errors.filter { !stream.reportedErrors.contains($0) }.isEmpty)
    }

    /// Mutates every element of every sample segment in a few ways; wherever the quick
    /// check passes a segment, the detailed check must find nothing.
    func testQuickCheckNeverPassesASegmentWithErrors() throws {
        let mutations: [(inout [UInt8], Int) -> Void] = [
            { b, i in b[i] = UInt8(ascii: "X") }, { b, i in b[i] = UInt8(ascii: "9") }, { b, i in b[i] = 0x07 },
            { b, i in b.remove(at: i) }, { b, i in b.insert(UInt8(ascii: "1"), at: i) }, { b, i in b[i] = UInt8(ascii: "-") },
            { b, i in b[i] = UInt8(ascii: ".") }, { b, i in b.insert(UInt8(ascii: "E"), at: i) }, { b, i in b[i] = 0xC3 },
        ]
        var checked = 0, doubted = 0
        for sample in Self.samples {
            let file = try InterchangeFile.read(bytes: try Self.bytes(sample), file: sample)
            for interchange in file.interchanges {
                for group in interchange.groups {
                    for set in group.transactionSets {
                        guard let schema = TestSupport.library.schema(transactionSet: set.type, version: group.version) else { continue }
                        let compiled = schema.compiled
                        let detailed = ElementValidator(isVersion5010OrLater: compiled.isVersion5010OrLater)
                        for segment in set.segments {
                            guard let index = compiled.definitions.firstIndex(where: { $0.id == segment.idString }) else { continue }
                            let original = Array(segment.text.bytes)
                            let separators = [segment.delimiters.element, segment.delimiters.component] + (segment.delimiters.repetition.map { [$0] } ?? [])
                            var variants = [original]
                            for i in original.indices.dropFirst(segment.id.count + 1) {
                                for mutate in mutations {
                                    var copy = original
                                    mutate(&copy, i)
                                    variants.append(copy)
                                }
                                for s in separators { var copy = original; copy.insert(s, at: i); variants.append(copy) }
                            }
                            variants.append(original + [segment.delimiters.element, UInt8(ascii: "Z")])
                            for variant in variants {
                                let view = Segment(text: ByteText(base: variant, range: 0..<variant.count), delimiters: segment.delimiters, byteOffset: 0)
                                let errors = detailed.validate(view, compiled.definitions[index])
                                var separatorsForCheck = ElementQuickCheck.Separators(element: segment.delimiters.element, component: segment.delimiters.component, repetition: -1)
                                if let r = segment.delimiters.repetition, compiled.isVersion5010OrLater { separatorsForCheck.repetition = Int(r) }
                                let passes = variant.withUnsafeBufferPointer { p in
                                    let (_, idEnd) = SegmentKey.read(p.baseAddress!, from: 0, to: variant.count, separator: segment.delimiters.element)
                                    return ElementQuickCheck.passes(p.baseAddress!, idEnd: idEnd, end: variant.count, segment: compiled.segments[index], schema: compiled, separators: separatorsForCheck)
                                }
                                checked += 1
                                if passes {
                                    XCTAssertEqual(errors, [], "\(sample): quick check passed \(String(decoding: variant, as: UTF8.self))")
                                } else if errors.isEmpty {
                                    doubted += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 10_000)
        // Doubts without errors only cost time; they should stay rare.
        XCTAssertLessThan(doubted * 20, checked, "\(doubted) of \(checked) clean segments took the detailed check")
    }
}
