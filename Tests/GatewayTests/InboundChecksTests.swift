import Foundation
import X12
import X12Schemas
import XCTest
@testable import Gateway
@testable import Store

/// Every inbound interchange is checked before it can become an order: addressed to us, with
/// the partner's usage, and not a control number the partner already used. Each refusal is a
/// TA1 with the X12 note code the partner's translator understands, and no order.
final class InboundChecksTests: XCTestCase {
    private static let isaReceiver = "*ZZ*EDIGATE        *"

    func testAnInterchangeAddressedToSomeoneElseIsRejectedWithTA1009AndNoOrder() async throws {
        try await PipelineHarness.with { gateway in
            let text = try gateway.demoOrder(poNumber: "PO-ELSEWHERE", interchange: 301)
                .replacingOccurrences(of: Self.isaReceiver, with: "*ZZ*SOMEBODYELSE   *")
            try await expectRefusal(gateway, text, note: "009", reasonContains: "addressed to someone else")
        }
    }

    func testAGroupForAnotherApplicationIsRejectedWithTA1024() async throws {
        try await PipelineHarness.with { gateway in
            let text = try gateway.demoOrder(poNumber: "PO-GS03", interchange: 302).replacingOccurrences(of: "GS*PO*ACMERETAIL*EDIGATE*", with: "GS*PO*ACMERETAIL*OTHERAPP*")
            try await expectRefusal(gateway, text, note: "024", reasonContains: "GS03 OTHERAPP")
        }
    }

    func testATestInterchangeToAProductionPartnerNeverEntersTheERP() async throws {
        try await PipelineHarness.with { gateway in
            let text = try gateway.demoOrder(poNumber: "PO-TEST", interchange: 303).replacingOccurrences(of: "*0*P*>~", with: "*0*T*>~")
            try await expectRefusal(gateway, text, note: "020", reasonContains: "a test interchange")
        }
    }

    /// The same ISA13 again with a changed quantity (24 → 30): TA1 025, never decided again;
    /// the partner keeps the one 855 that matches what the ERP holds.
    func testTheSameControlNumberResentWithOtherBytesIsADuplicate() async throws {
        try await PipelineHarness.with { gateway in
            try gateway.drop("first.edi", try gateway.demoOrder(poNumber: "PO-88231", interchange: 4711))
            let first = await gateway.pipeline.poll()
            XCTAssertEqual(first.map(\.outcome), [.done], "\(first)")
            try gateway.drop("again.edi", try gateway.demoOrder(poNumber: "PO-88231", interchange: 4711, quantity: "30"))
            let reports = await gateway.pipeline.poll()
            XCTAssertEqual(reports.map(\.outcome), [.failed], "\(reports)")
            XCTAssertEqual(reports.first?.ack, "TA1 R, 997 A")
            XCTAssertTrue(reports.first?.reason?.contains("note 025") ?? false, "\(reports)")
            XCTAssertTrue(reports.first?.reason?.contains("already received in inbound/1") ?? false, "\(reports)")
            let outbound = try gateway.files("outbound")
            XCTAssertEqual(outbound.filter { $0.hasPrefix("855-") }, ["855-000000002.edi"], "no second 855")
            let ta1 = try XCTUnwrap(outbound.first { $0.hasPrefix("TA1-") || $0.hasPrefix("997-000000003") })
            let segments = try segments(of: gateway.outbound(ta1))
            let ta1Segment = try XCTUnwrap(segments.first { $0.idString == "TA1" })
            XCTAssertEqual(ta1Segment[1], "000004711")
            XCTAssertEqual(ta1Segment[4], "R")
            XCTAssertEqual(ta1Segment[5], "025")
            let order = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
            XCTAssertEqual(order?.lines.first?.ordered, 24)
        }
    }

    /// A partner's 997 settles our groups only from an interchange we accepted, and only when
    /// its GS02/GS03 are the reverse of ours: an empty GS02 matches nothing.
    func testAcknowledgmentsSettleOnlyFromAcceptedInterchangesWithOurIdentities() async throws {
        try await PipelineHarness.with { gateway in
            try gateway.dropDemoOrder()
            _ = await gateway.pipeline.poll()
            let sent855 = try gateway.outbound("855-000000002.edi")
            let library = try SchemaLibrary(directory: try XCTUnwrap(SchemaResources.directory))
            let results = InterchangeValidator(library: library).validate(try InterchangeFile.read(bytes: sent855))
            var numbers = InMemoryControlNumberSource(start: 700)
            let answer = try XCTUnwrap(try AcknowledgmentBuilder(timestamp: AcknowledgmentTimestamp(date: "20261130", time: "0800")).build(for: results, controlNumbers: &numbers).first)
            let text = String(decoding: answer.bytes, as: UTF8.self)

            // Inside an interchange addressed to someone else: rejected, settles nothing.
            try gateway.drop("misaddressed-997.edi", text.replacingOccurrences(of: Self.isaReceiver, with: "*ZZ*SOMEBODYELSE   *"))
            let misaddressed = await gateway.pipeline.poll()
            XCTAssertEqual(misaddressed.map(\.outcome), [.failed], "\(misaddressed)")
            XCTAssertEqual(misaddressed.first?.reconciled, [])
            // With an empty GS02: accepted, but it names no application of the partner's.
            try gateway.drop("anonymous-997.edi", text.replacingOccurrences(of: "GS*FA*ACMERETAIL*EDIGATE*", with: "GS*FA**EDIGATE*")
                .replacingOccurrences(of: "000000700", with: "000000701"))
            let anonymous = await gateway.pipeline.poll()
            XCTAssertEqual(anonymous.map(\.outcome), [.done], "accepted as an interchange: \(anonymous)")
            XCTAssertEqual(anonymous.first?.reconciled, [], "\(anonymous)")
            var awaiting = try await gateway.store.sentGroups(partner: "acme-retail", outcome: .awaiting)
            XCTAssertEqual(awaiting.map(\.group.groupControl), ["2"])

            // The real thing settles it.
            try gateway.drop("997.edi", text.replacingOccurrences(of: "000000700", with: "000000702"))
            let settled = await gateway.pipeline.poll()
            XCTAssertEqual(settled.first?.reconciled, ["PR 2 accepted"], "\(settled)")
            awaiting = try await gateway.store.sentGroups(partner: "acme-retail", outcome: .awaiting)
            XCTAssertEqual(awaiting, [])
        }
    }

    private func expectRefusal(_ gateway: PipelineHarness, _ text: String, note: String, reasonContains: String,
                               file: StaticString = #filePath, line: UInt = #line) async throws {
        try gateway.drop("refused.edi", text)
        let reports = await gateway.pipeline.poll()
        XCTAssertEqual(reports.map(\.outcome), [.failed], "\(reports)", file: file, line: line)
        let report = try XCTUnwrap(reports.first, file: file, line: line)
        XCTAssertTrue(report.ack?.hasPrefix("TA1 R") ?? false, "\(report)", file: file, line: line)
        XCTAssertTrue(report.reason?.contains("note \(note)") ?? false, "\(report)", file: file, line: line)
        XCTAssertTrue(report.reason?.contains(reasonContains) ?? false, "\(report)", file: file, line: line)
        XCTAssertEqual(report.control855, [], file: file, line: line)
        let outbound = try gateway.files("outbound")
        XCTAssertFalse(outbound.contains { $0.hasPrefix("855-") }, "\(outbound)", file: file, line: line)
        let answer = try XCTUnwrap(outbound.first, file: file, line: line)
        let ta1 = try XCTUnwrap(try segments(of: gateway.outbound(answer)).first { $0.idString == "TA1" }, file: file, line: line)
        XCTAssertEqual(ta1[4], "R", file: file, line: line)
        XCTAssertEqual(ta1[5], note, file: file, line: line)
        let orders = try await gateway.store.orders()
        XCTAssertEqual(orders.count, 0, "nothing reached the ERP's order entry", file: file, line: line)
    }

    private func segments(of bytes: [UInt8]) throws -> [Segment] {
        try InterchangeFile.read(bytes: bytes).interchanges.flatMap { interchange in
            Array(interchange.serviceSegments) + interchange.groups.flatMap { $0.transactionSets.flatMap { Array($0.segments) } }
        }
    }
}
