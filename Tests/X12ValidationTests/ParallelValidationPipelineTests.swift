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
                XCTAssertEqual(precomputed, (sets + 1) / 2, "\(sample): every other set is validated on the reading thread")
            }
        }
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
