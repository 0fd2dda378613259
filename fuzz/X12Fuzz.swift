// libFuzzer target over the X12 module (compiled together with X12's sources by
// scripts/fuzz.sh): read any bytes in tolerant or strict mode (the first byte chooses), then
// validate what was read against the bundled schemas and build the TA1/997/999 for it, and
// check that the streaming validator and acknowledgment collector agree with the tree. Any
// crash, leak, timeout or memory beyond the limit is a finding.
import Foundation

let library: SchemaLibrary? = {
    guard let directory = ProcessInfo.processInfo.environment["EDIGATE_SCHEMAS"] else { return nil }
    return try? SchemaLibrary(directory: directory)
}()

/// Loads the schemas before the first input: memory a lazy global allocated during an input
/// would look like that input's leak.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = library
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzX12(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let all = UnsafeRawBufferPointer(start: start, count: count)
    let mode: ReadingMode = all[0] & 1 == 0 ? .tolerant : .strict
    let options = AcknowledgmentOptions(kind: all[0] & 2 == 0 ? .functional997 : .implementation999, ta1: .always)
    let bytes = Array(all.dropFirst())
    guard let file = try? InterchangeFile.read(bytes: bytes, mode: mode) else { return 0 }
    guard let library else { return 0 }
    let results = InterchangeValidator(library: library).validate(file)
    var numbers = InMemoryControlNumberSource(start: 1)
    let builder = AcknowledgmentBuilder(options: options, timestamp: AcknowledgmentTimestamp(date: "20261130", time: "1200"))
    for result in results {
        if let ack = try? builder.build(for: result, controlNumbers: &numbers) {
            // What we would send must read back.
            _ = try? InterchangeFile.read(bytes: ack.bytes, mode: .strict)
        }
    }
    let tree = AcknowledgmentReconciler.acknowledgments(in: [file])

    // The gateway reads files as a stream (InterchangeStreamValidator, AcknowledgmentCollector):
    // for any bytes the stream must say what the tree says.
    let reader = InterchangeReader(bytes: bytes, mode: mode)
    var stream = InterchangeStreamValidator(validator: InterchangeValidator(library: library))
    var collector = AcknowledgmentCollector()
    var streamed: [InterchangeResult] = []
    var collected: [ReceivedFunctionalAcknowledgment] = []
    var ta1s: [ReceivedInterchangeAcknowledgment] = []
    while let event = try? reader.next() {
        collector.consume(event)
        if let result = stream.consume(event) { streamed.append(result) }
        let taken = collector.takeEnded()
        collected += taken.functional
        ta1s += taken.interchange
    }
    let codes = { (results: [InterchangeResult]) in
        results.map { "\($0.acknowledgmentCode) " + $0.groups.map { "\($0.acknowledgmentCode):" + $0.sets.map(\.acknowledgmentCode).joined() }.joined(separator: ",") }
    }
    if codes(streamed) != codes(results) { fatalError("stream and tree disagree: \(codes(streamed)) vs \(codes(results))") }
    if collected != tree.functional || ta1s != tree.interchange { fatalError("streamed acknowledgments differ from the tree's") }
    return 0
}
