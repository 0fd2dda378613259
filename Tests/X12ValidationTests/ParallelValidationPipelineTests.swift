import XCTest
@testable import X12

/// Validating on two threads gives exactly the one-thread results, in file order.
final class ParallelValidationPipelineTests: XCTestCase {
    func testPipelineGivesTheStreamingResultsOnEverySample() throws {
        let helper = StreamingValidationTests.self
        let validator = InterchangeValidator(library: TestSupport.library)
        for sample in StreamingValidationTests.samples {
            let data = try helper.bytes(sample)
            var serial = InterchangeStreamValidator(validator: validator)
            var expected: [InterchangeResult] = []
            let serialReader = InterchangeReader(source: MemoryByteSource(data), file: sample, chunkSize: 113)
            while let event = try serialReader.next() {
                if let result = serial.consume(event) { expected.append(result) }
            }
            for batchSize in [1, 3, 64] {
                var parallel = InterchangeStreamValidator(validator: validator)
                var results: [InterchangeResult] = []
                var precomputed = 0
                let reader = InterchangeReader(source: MemoryByteSource(data), file: sample, chunkSize: 113)
                try ParallelValidationPipeline.run(reader: reader, validator: validator, batchSize: batchSize) { item in
                    if item.result != nil { precomputed += 1 }
                    if let result = parallel.consume(item.event, precomputed: item.result) { results.append(result) }
                }
                XCTAssertEqual(helper.describe(results), helper.describe(expected), "\(sample) batch \(batchSize)")
                XCTAssertEqual(reader.errors, serialReader.errors, sample)
                let sets = expected.reduce(0) { $0 + $1.groups.reduce(0) { $0 + $1.sets.count } }
                XCTAssertLessThanOrEqual(precomputed, sets, sample)
            }
        }
    }

    /// With a slow consumer the reading thread takes sets on; the results stay the same.
    func testTheReadingThreadHelpsASlowConsumer() throws {
        let validator = InterchangeValidator(library: TestSupport.library)
        // 400 valid sets in one group.
        let one = TestSupport.interchange4010(TestSupport.valid850).components(separatedBy: "~\n")
        let body = one[3..<(one.count - 4)]
        var segments = Array(one[0..<2])
        for n in 1...400 {
            let control = String(format: "%04d", n)
            segments += ["ST*850*\(control)"] + body + ["SE*\(body.count + 2)*\(control)"]
        }
        segments += ["GE*400*101", "IEA*1*000000101"]
        let text = segments.joined(separator: "~\n") + "~\n"
        XCTAssertEqual(try InterchangeFile.read(bytes: Array(text.utf8)).errors, [])
        var precomputed = 0
        var results: [InterchangeResult] = []
        var stream = InterchangeStreamValidator(validator: validator)
        try ParallelValidationPipeline.run(reader: InterchangeReader(bytes: Array(text.utf8)), validator: validator, batchSize: 4) { item in
            if item.result != nil { precomputed += 1 }
            usleep(200)
            if let result = stream.consume(item.event, precomputed: item.result) { results.append(result) }
        }
        XCTAssertGreaterThan(precomputed, 0)
        XCTAssertEqual(results.first?.groups.first?.sets.count, 400)
        XCTAssertEqual(results.first?.groups.first?.sets.allSatisfy { $0.acknowledgmentCode == "A" }, true)
        var serial = InterchangeStreamValidator(validator: validator)
        var expected: [InterchangeResult] = []
        let reader = InterchangeReader(bytes: Array(text.utf8))
        while let event = try reader.next() { if let r = serial.consume(event) { expected.append(r) } }
        XCTAssertEqual(StreamingValidationTests.describe(results), StreamingValidationTests.describe(expected))
    }

    func testReaderErrorsArriveAfterTheEventsBeforeThem() throws {
        let validator = InterchangeValidator(library: TestSupport.library)
        let text = TestSupport.interchange4010(TestSupport.valid850) + "GARBAGE"
        let reader = InterchangeReader(bytes: Array(text.utf8), file: "t.edi")
        var events = 0
        XCTAssertThrowsError(try ParallelValidationPipeline.run(reader: reader, validator: validator) { _ in events += 1 }) { error in
            XCTAssertEqual((error as? X12Error)?.reason, .noInterchangeHeader)
        }
        XCTAssertGreaterThan(events, 4)
    }
}
