import XCTest
@testable import X12

/// Builds one-defect documents from a valid base and runs them through validation and
/// acknowledgment, returning the 997/999 body as lines for exact comparison.
enum TestSupport {
    static let library: SchemaLibrary = {
        do { return try SchemaLocator.load() } catch { fatalError("schemas: \(error)") }
    }()

    static let timestamp = AcknowledgmentTimestamp(date: "20240102", time: "0930")

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/x12-samples")

    /// A valid 4010 850; `body` replaces the segments between ST and SE.
    static func interchange4010(_ body: [String], functionalID: String = "PO", type: String = "850", se01: String? = nil, ge01: String = "1", iea02: String = "000000101") -> String {
        let se = se01 ?? String(body.count + 2)
        return (["ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*U*00401*000000101*0*P*>",
                "GS*\(functionalID)*SENDERGS*RECEIVERGS*20240101*1200*101*X*004010",
                "ST*\(type)*0001"] + body + ["SE*\(se)*0001", "GE*\(ge01)*101", "IEA*1*\(iea02)"])
            .joined(separator: "~\n") + "~\n"
    }

    static func interchange5010(_ body: [String]) -> String {
        (["ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*00501*000000201*0*P*>",
          "GS*PO*SENDERGS*RECEIVERGS*20240101*1200*201*X*005010",
          "ST*850*0001"] + body + ["SE*\(body.count + 2)*0001", "GE*1*201", "IEA*1*000000201"]).joined(separator: "~\n") + "~\n"
    }

    static let valid850: [String] = [
        "BEG*00*SA*PO12345**20240101",
        "REF*DP*038",
        "DTM*002*20240115",
        "N1*ST*STORE 12*92*0012",
        "N3*1 MAIN ST",
        "N4*SPRINGFIELD*IL*62701",
        "PO1*1*10*EA*2.5**UP*012345678905",
        "PID*F****WIDGET",
        "CTT*1",
    ]

    static func results(_ text: String) throws -> [InterchangeResult] {
        let file = try InterchangeFile.read(bytes: Array(text.utf8))
        return InterchangeValidator(library: library).validate(file)
    }

    static func acks(_ text: String, options: AcknowledgmentOptions = AcknowledgmentOptions()) throws -> [AcknowledgmentInterchange] {
        var numbers = InMemoryControlNumberSource(start: 7)
        return try AcknowledgmentBuilder(options: options, timestamp: timestamp).build(for: try results(text), controlNumbers: &numbers)
    }

    static func text(_ ack: AcknowledgmentInterchange) -> String { String(decoding: ack.bytes, as: UTF8.self) }

    /// The acknowledgment's segments without ISA/GS/ST/SE/GE/IEA, one per line.
    static func body(_ text: String) throws -> [String] {
        let acks = try acks(text)
        guard let ack = acks.first else { return [] }
        return Self.text(ack).split(separator: "\n").map { String($0.dropLast()) }.filter { line in
            !["ISA", "GS*", "ST*", "SE*", "GE*", "IEA"].contains { line.hasPrefix($0) }
        }
    }
}
