import XCTest
@testable import X12

/// Partner acknowledgments matched to what we sent: each group ends accepted, accepted with
/// errors, rejected, or awaiting (overdue past its window).
final class AcknowledgmentReconcilerTests: XCTestCase {
    private let us = ("ZZ", "DISTRIBUTOR")
    private let partner = ("ZZ", "RETAILER")

    /// Our outbound 855 interchange with two sets in group 77.
    private func sentInterchange() throws -> Interchange {
        let parameters = InterchangeParameters(senderQualifier: us.0, senderID: us.1, receiverQualifier: partner.0, receiverID: partner.1, date: "261126", time: "1200", version: "00401", controlNumber: 500)
        let group = GroupParameters(functionalID: "PR", senderCode: "DIST", receiverCode: "RETAIL", date: "20261126", time: "1200", controlNumber: 77, version: "004010")
        let body = [OutboundSegment("BAK", "00", "AD", "PO1", "20261126"), OutboundSegment("CTT", "0")]
        let sets = [OutboundTransactionSet(type: "855", control: "0001", body: body), OutboundTransactionSet(type: "855", control: "0002", body: body)]
        let bytes = try InterchangeWriter.write(parameters, groups: [OutboundGroup(parameters: group, transactionSets: sets)], delimiters: .standard)
        return try InterchangeFile.read(bytes: bytes).interchanges[0]
    }

    /// The partner's 997 for group 77 with the given AK2…AK5 body and AK9.
    private func ack(_ body: [OutboundSegment], ak9: OutboundSegment, ta1: OutboundSegment? = nil) throws -> InterchangeFile {
        let parameters = InterchangeParameters(senderQualifier: partner.0, senderID: partner.1, receiverQualifier: us.0, receiverID: us.1, date: "261127", time: "0800", version: "00401", controlNumber: 9)
        let group = GroupParameters(functionalID: "FA", senderCode: "RETAIL", receiverCode: "DIST", date: "20261127", time: "0800", controlNumber: 3, version: "004010")
        let set = OutboundTransactionSet(type: "997", control: "0001", body: [OutboundSegment("AK1", "PR", "77")] + body + [ak9])
        let bytes = try InterchangeWriter.write(parameters, serviceSegments: ta1.map { [$0] } ?? [], groups: body.isEmpty && ta1 != nil ? [] : [OutboundGroup(parameters: group, transactionSets: [set])], delimiters: .standard)
        return try InterchangeFile.read(bytes: bytes)
    }

    private func reconcile(_ files: [InterchangeFile], now: Int64 = 1_000) throws -> AcknowledgmentReconciler.GroupOutcome {
        let records = SentGroup.records(of: try sentInterchange(), sentAt: 0)
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(records[0].sets.map(\.control), ["0001", "0002"])
        let answers = AcknowledgmentReconciler.acknowledgments(in: files)
        XCTAssertEqual(answers.problems, [])
        let outcomes = AcknowledgmentReconciler(window: 3_600).reconcile(sent: records, functional: answers.functional, interchange: answers.interchange, now: now)
        return try XCTUnwrap(outcomes.first)
    }

    func testAcceptedGroup() throws {
        let outcome = try reconcile([try ack([OutboundSegment("AK2", "855", "0001"), OutboundSegment("AK5", "A"), OutboundSegment("AK2", "855", "0002"), OutboundSegment("AK5", "A")], ak9: OutboundSegment("AK9", "A", "2", "2", "2"))])
        XCTAssertEqual(outcome.outcome, .accepted)
        XCTAssertEqual(outcome.decidedBy, "997")
        XCTAssertEqual(outcome.sets.map(\.outcome), [.accepted, .accepted])
        XCTAssertEqual(outcome.notes, [])
    }

    func testAcceptedWithoutSetDetail() throws {
        let outcome = try reconcile([try ack([], ak9: OutboundSegment("AK9", "A", "2", "2", "2"))])
        XCTAssertEqual(outcome.outcome, .accepted)
        XCTAssertEqual(outcome.sets.map(\.outcome), [.accepted, .accepted])
    }

    func testPartiallyAcceptedGroupNamesTheRejectedSetAndCodes() throws {
        let body = [OutboundSegment("AK2", "855", "0002"), OutboundSegment("AK3", "BAK", "2", "", "8"), OutboundSegment("AK4", "3", "373", "8", "20261399"), OutboundSegment("AK5", "R", "5")]
        let outcome = try reconcile([try ack(body, ak9: OutboundSegment("AK9", "P", "2", "2", "1"))])
        XCTAssertEqual(outcome.outcome, .acceptedWithErrors)
        XCTAssertEqual(outcome.sets.map(\.outcome), [.accepted, .rejected])
        XCTAssertEqual(outcome.sets[1].errorCodes, ["5"])
    }

    func testRejectedGroup() throws {
        let outcome = try reconcile([try ack([OutboundSegment("AK2", "855", "0001"), OutboundSegment("AK5", "R", "4")], ak9: OutboundSegment("AK9", "R", "2", "2", "0", "5"))])
        XCTAssertEqual(outcome.outcome, .rejected)
        XCTAssertEqual(outcome.sets.map(\.outcome), [.rejected, .rejected])
        XCTAssertEqual(outcome.notes, ["AK9 error codes 5"])
    }

    func testRejectingTA1RejectsTheInterchangesGroups() throws {
        let ta1 = OutboundSegment("TA1", "000000500", "261126", "1200", "R", "022")
        let outcome = try reconcile([try ack([], ak9: OutboundSegment("AK9", "A", "0", "0", "0"), ta1: ta1)])
        XCTAssertEqual(outcome.outcome, .rejected)
        XCTAssertEqual(outcome.decidedBy, "TA1")
        XCTAssertEqual(outcome.notes, ["TA1 rejected interchange 000000500 with note code 022"])
    }

    func testAwaitingThenOverdue() throws {
        let waiting = try reconcile([], now: 100)
        XCTAssertEqual(waiting.outcome, .awaiting)
        XCTAssertFalse(waiting.overdue)
        let late = try reconcile([], now: 7_200)
        XCTAssertEqual(late.outcome, .awaiting)
        XCTAssertTrue(late.overdue)
        // An accepting TA1 alone does not settle the group.
        let ta1 = OutboundSegment("TA1", "000000500", "261126", "1200", "A", "000")
        XCTAssertEqual(try reconcile([try ack([], ak9: OutboundSegment("AK9", "A", "0", "0", "0"), ta1: ta1)], now: 100).outcome, .awaiting)
    }

    func testAnAcknowledgmentForAnotherGroupDoesNotMatch() throws {
        let parameters = InterchangeParameters(senderQualifier: partner.0, senderID: partner.1, receiverQualifier: us.0, receiverID: us.1, date: "261127", time: "0800", version: "00401", controlNumber: 9)
        let group = GroupParameters(functionalID: "FA", senderCode: "RETAIL", receiverCode: "DIST", date: "20261127", time: "0800", controlNumber: 3, version: "004010")
        let set = OutboundTransactionSet(type: "997", control: "0001", body: [OutboundSegment("AK1", "PR", "78"), OutboundSegment("AK9", "A", "1", "1", "1")])
        let bytes = try InterchangeWriter.write(parameters, groups: [OutboundGroup(parameters: group, transactionSets: [set])], delimiters: .standard)
        XCTAssertEqual(try reconcile([try InterchangeFile.read(bytes: bytes)]).outcome, .awaiting)
    }
}

/// The public 997/999/TA1 samples read as partner acknowledgments.
final class ReceivedAcknowledgmentSampleTests: XCTestCase {
    func testSampleAcknowledgmentsRead() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/x12-samples")
        var files: [InterchangeFile] = []
        for folder in ["997", "999", "ta1"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted() {
                files.append(try InterchangeFile.read(path: root.appendingPathComponent("\(folder)/\(name)").path))
            }
        }
        let answers = AcknowledgmentReconciler.acknowledgments(in: files)
        // staedi's empty997 is a 997 with no AK1/AK9 at all: reported, not guessed at.
        XCTAssertEqual(answers.problems.count, 1)
        XCTAssertTrue(answers.problems[0].hasSuffix("staedi__empty997.edi: acknowledgment 0001 has no AK1 segment"), answers.problems[0])
        XCTAssertGreaterThanOrEqual(answers.functional.count, 12)
        XCTAssertGreaterThanOrEqual(answers.interchange.count, 5)
        let simple = try XCTUnwrap(answers.functional.first { $0.type == "997" && $0.groupStatus == "R" && !$0.sets.isEmpty })
        XCTAssertFalse(simple.sets[0].status.isEmpty)
        XCTAssertTrue(answers.interchange.contains { $0.status == "R" })
        XCTAssertTrue(answers.interchange.contains { $0.status == "A" })
    }
}

/// The streaming collector finds what the tree-based reading finds, interchange by interchange.
final class AcknowledgmentCollectorTests: XCTestCase {
    func testTheCollectorAgreesWithTheTreeOnTheSamples() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/x12-samples")
        var files = 0
        for folder in ["997", "999", "ta1"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted() {
                let path = root.appendingPathComponent("\(folder)/\(name)").path
                let tree = AcknowledgmentReconciler.acknowledgments(in: [try InterchangeFile.read(path: path)])
                var collector = AcknowledgmentCollector(path: path)
                let reader = try InterchangeReader(path: path)
                var ended = AcknowledgmentCollector.Collected()
                while let event = try reader.next() {
                    collector.consume(event)
                    let taken = collector.takeEnded()
                    ended.functional += taken.functional
                    ended.interchange += taken.interchange
                    ended.problems += taken.problems
                }
                XCTAssertEqual(ended.functional, tree.functional, name)
                XCTAssertEqual(ended.interchange, tree.interchange, name)
                XCTAssertEqual(ended.problems, tree.problems, name)
                files += 1
            }
        }
        XCTAssertGreaterThanOrEqual(files, 10)
    }

    /// A file of acknowledgments beyond the limit keeps the first ones and says so.
    func testTheCollectorKeepsAtMostItsLimit() throws {
        let sets = (1...5).map { "ST*997*000\($0)~AK1*PO*\($0)~AK9*A*1*1*1~SE*4*000\($0)~" }.joined()
        let text = "ISA*00*          *00*          *ZZ*RETAILER       *ZZ*DISTRIBUTOR    *261127*0800*U*00401*000000009*0*P*>~"
            + "GS*FA*RETAIL*DIST*20261127*0800*3*X*004010~" + sets + "GE*5*3~IEA*1*000000009~"
        var collector = AcknowledgmentCollector(path: "many.edi", limit: 3)
        let reader = InterchangeReader(bytes: Array(text.utf8))
        while let event = try reader.next() { collector.consume(event) }
        let collected = collector.takeEnded()
        XCTAssertEqual(collected.functional.map(\.groupControl), ["1", "2", "3"])
        XCTAssertEqual(collected.problems, ["many.edi: more than 3 acknowledgments in one file; the rest are not read"])
    }
}
