import Documents
import ERP
import Foundation
import Mapping
import X12
import XCTest
@testable import Gateway
@testable import Store

/// 860 → 865 through the whole pipeline: ACME's demo order decided and answered, then a change
/// order on the same local folder, checked with the reference ERP over HTTP, the ERP's order
/// changed once, the order's lines on record following, and the 865 line by line.
final class ChangeOrderPipelineTests: XCTestCase {
    static func change(control: Int, sequence: String, purpose: String = "04", lines: [String]) -> String {
        let isa13 = String(format: "%09d", control)
        let body = ["BCH*\(purpose)*SA*PO-88231**\(sequence)*20261126****20261127"] + lines + ["CTT*\(lines.count)"]
        return (["ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATE        *261127*0900*U*00401*\(isa13)*0*P*>",
                 "GS*PC*ACMERETAIL*EDIGATE*20261127*0900*\(control)*X*004010", "ST*860*0001"]
                + body + ["SE*\(body.count + 2)*0001", "GE*1*\(control)", "IEA*1*\(isa13)"]).joined(separator: "~\n") + "~\n"
    }

    static let firstChange = change(control: 5001, sequence: "1", lines: firstLines)
    static let firstLines = [
        "POC*1*QI*30**EA*10.50**BP*ACM-1001*VN*AB3542",     // more: asked of the ERP
        "POC*2*DI*0**EA***BP*ACM-1002*VN*RD5322",           // cancelled
        "POC*3*QD*40**EA*4.60**BP*ACM-2001*VN*TAPE-DUCT",   // less: taken as asked
        "POC*4*AI*6**EA*10.50**BP*ACM-1001*VN*AB3542",      // a new line
        "POC*9*QI*5**EA",                                   // no such line
    ]

    func segments(_ bytes: [UInt8], _ id: String) throws -> [[String]] {
        let file = try InterchangeFile.read(bytes: bytes)
        return file.interchanges[0].groups[0].transactionSets[0].segments.filter { $0.idString == id }.map(\.fields)
    }

    func testAChangeIsCheckedAppliedOnceAndAnsweredLineByLine() async throws {
        try await PipelineHarness.with { gateway in
            _ = try await gateway.receiveDemoOrder()
            try gateway.drop("change-1.edi", Self.firstChange)
            let reports = await gateway.pipeline.poll()
            let report = try XCTUnwrap(reports.first)
            XCTAssertEqual(report.outcome, .done, report.reason ?? "")
            XCTAssertEqual(report.ack, "997 A")
            XCTAssertEqual(report.control865.count, 1, "\(report)")
            let name = "865-\(report.control865[0]).edi"
            let outbound = try gateway.files("outbound")
            XCTAssertTrue(outbound.contains(name), "\(outbound)")
            let answer = try gateway.outbound(name)
            let results = InterchangeValidator(library: try SchemaLocator.load()).validate(try InterchangeFile.read(bytes: answer))
            XCTAssertEqual(results.first?.groups.first?.sets.first?.acknowledgmentCode, "A")
            let bca = try XCTUnwrap(try segments(answer, "BCA").first)
            XCTAssertEqual(Array(bca[1...6]), ["00", "AC", "PO-88231", "", "1", "20261126"])
            XCTAssertEqual(try segments(answer, "POC").map { [$0[1], $0[2], $0[3]] },
                           [["1", "QI", "30"], ["2", "DI", "0"], ["3", "QD", "40"], ["4", "AI", "6"], ["9", "QI", "5"]])
            XCTAssertEqual(try segments(answer, "ACK").map { $0[1] }, ["IA", "ID", "IA", "IA", "IR"])
            XCTAssertEqual(try segments(answer, "ACK").map { $0.count > 2 ? $0[2] : "" }, ["30", "0", "40", "6", ""])
            XCTAssertTrue(try segments(answer, "MSG").contains { $0[1].contains("line 9 is not on PO PO-88231") })

            // The order on record follows: line 2 gone, 1 and 3 at their new quantities, 4 added.
            let found = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
            let order = try XCTUnwrap(found)
            XCTAssertEqual(order.lines.map(\.lineNumber), ["1", "2", "3", "4"])
            XCTAssertEqual(order.lines.map(\.acknowledgedStatus), ["IA", "ID", "IA", "IA"])
            XCTAssertEqual(order.lines.map(\.acknowledgedQuantity), [30, 0, 40, 6])
            XCTAssertEqual(order.standingLines.map(\.lineNumber), ["1", "3", "4"])
            let erpLines = try JSONDecoder().decode([OrderSubmission.Line].self, from: Data(try XCTUnwrap(order.erpLines).utf8))
            XCTAssertEqual(erpLines.map { "\($0.lineNumber) \($0.itemId) \($0.quantity)" }, ["1 AB3542 30", "3 TAPE-DUCT 40", "4 AB3542 6"])
            let changes = try await gateway.store.changes(partner: "acme-retail", poNumber: "PO-88231")
            XCTAssertEqual(changes.map(\.status), [.decided])
            XCTAssertEqual(changes.first?.acknowledgment?.status, .acceptedWithChanges)

            // The ERP holds the same lines; a repeat of the call is not applied again.
            let repeated = try await gateway.client.changeOrder(OrderChange(partnerId: "acme-retail", poNumber: "PO-88231", changeId: "1", lines: erpLines))
            XCTAssertFalse(repeated.applied)
            XCTAssertEqual(repeated.lines, erpLines)

            // The same change in another file is not decided twice: held for a person, no 865.
            try gateway.drop("change-1-again.edi", Self.change(control: 5002, sequence: "1", lines: Self.firstLines))
            let again = await gateway.pipeline.poll()
            XCTAssertEqual(again.first?.outcome, .held, "\(again)")
            XCTAssertTrue(again.first?.reason?.contains("already received") ?? false, "\(again)")
            XCTAssertEqual(try gateway.files("outbound").filter { $0.hasPrefix("865-") }, [name])

            let verification = try await gateway.store.audit.verify()
            XCTAssertTrue(verification.isIntact, "\(verification)")
            let events = try await gateway.store.audit.entries(document: "inbound/\(try XCTUnwrap(report.inbound))").map(\.event)
            for expected in ["change.translated", "change.decided", "change.acknowledged"] { XCTAssertTrue(events.contains(expected), "\(events)") }
            // `edigate trace` shows the change and its 865 going out in the order's life.
            let trace = try await gateway.store.trace(poNumber: "PO-88231", partner: "acme-retail")
            let answered = try XCTUnwrap(changes.first?.acknowledgmentOutboundID)
            XCTAssertTrue(trace.contains { $0.event == "change.decided" }, "\(trace.map(\.event))")
            XCTAssertTrue(trace.contains { $0.document == "outbound/\(answered)" && $0.event != "change.acknowledged" }, "\(trace.map { "\($0.event) \($0.document)" })")
        }
    }

    /// Once goods have shipped, a change is refused whole, with the reason, and nothing in the
    /// ERP or on record changes.
    func testAChangeToAShippedOrderIsRefusedWithTheReason() async throws {
        try await PipelineHarness.with { gateway in
            let sender = try await gateway.receiveDemoOrder()
            _ = try await sender.send(PipelineHarness.demo("acme-retail-shipment.json", .shipNotice))
            let before = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
            try gateway.drop("change-2.edi", Self.change(control: 5003, sequence: "2", lines: ["POC*1*QI*30**EA*10.50**BP*ACM-1001*VN*AB3542"]))
            let polled = await gateway.pipeline.poll()
            let report = try XCTUnwrap(polled.first)
            XCTAssertEqual(report.outcome, .done, report.reason ?? "")
            let control = try XCTUnwrap(report.control865.first)
            let answer = try gateway.outbound("865-\(control).edi")
            XCTAssertEqual(try segments(answer, "BCA").first?[2], "RD")
            XCTAssertEqual(try segments(answer, "ACK").map { $0[1] }, ["IR"])
            let notes = try segments(answer, "MSG")
            XCTAssertTrue(notes.contains { $0[1].contains("has shipped") }, "\(notes)")
            let after = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
            XCTAssertEqual(after?.lines, before?.lines)
            XCTAssertEqual(after?.erpLines, before?.erpLines)
        }
    }

    /// A change for an order the gateway has not decided yet waits (held, retried on the
    /// schedule); it is neither refused nor answered.
    func testAChangeBeforeItsOrderWaits() async throws {
        try await PipelineHarness.with { gateway in
            try gateway.drop("early.edi", Self.change(control: 5004, sequence: "1", lines: ["POC*1*QI*30**EA*10.50**BP*ACM-1001*VN*AB3542"]))
            let polled = await gateway.pipeline.poll()
            let report = try XCTUnwrap(polled.first)
            XCTAssertEqual(report.outcome, .held, "\(report)")
            XCTAssertTrue(report.reason?.contains("no order PO-88231 on record yet") ?? false, report.reason ?? "")
            XCTAssertEqual(try gateway.files("outbound").filter { $0.hasPrefix("865-") }, [])
        }
    }

    /// A date change (POC02 CT with the new date in the POC loop's DTM): the line asked of the
    /// ERP by that date; available by then → IA with the date in ACK04/05, and the ERP's order
    /// line holds it; one without a date is refused; one the ERP cannot have ready by then
    /// follows ACME's shortage policy (backorder), never a promise of the date.
    func testADateChangeIsCheckedByTheNewDateAndTheERPHoldsIt() async throws {
        try await PipelineHarness.with { gateway in
            _ = try await gateway.receiveDemoOrder()
            let moved = Self.change(control: 5101, sequence: "D1", lines: [
                "POC*1*CT*24**EA*10.50**BP*ACM-1001*VN*AB3542", "DTM*010*20261218",
                "POC*2*CT*12**EA", // no date here nor in the header
            ])
            try gateway.drop("dates.edi", moved)
            let polled = await gateway.pipeline.poll()
            let report = try XCTUnwrap(polled.first)
            XCTAssertEqual(report.outcome, .done, report.reason ?? "")
            let answer = try gateway.outbound("865-\(try XCTUnwrap(report.control865.first)).edi")
            let acks = try segments(answer, "ACK")
            XCTAssertEqual(acks.map { $0[1] }, ["IA", "IR"])
            XCTAssertEqual(Array(acks[0][3...5]), ["EA", "068", "20261218"], "the date promised")
            XCTAssertTrue(try segments(answer, "MSG").contains { $0[1].contains("needs the new date") })
            let found = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
            let erpLines = try JSONDecoder().decode([OrderSubmission.Line].self, from: Data(try XCTUnwrap(found?.erpLines).utf8))
            XCTAssertEqual(erpLines.first { $0.lineNumber == "1" }?.scheduledDate, "2026-12-18")
            let repeated = try await gateway.client.changeOrder(OrderChange(partnerId: "acme-retail", poNumber: "PO-88231", changeId: "D1", lines: erpLines))
            XCTAssertFalse(repeated.applied, "the ERP's order was changed with the date, once")

            // A header date moves the whole order when every line can ship complete by then.
            try gateway.drop("dates-header.edi", Self.headerDated(control: 5103, sequence: "D3", date: "20261220"))
            let third = await gateway.pipeline.poll()
            XCTAssertEqual(third.first?.outcome, .done, "\(third)")
            let headerAnswer = try gateway.outbound("865-\(try XCTUnwrap(third.first?.control865.first)).edi")
            XCTAssertEqual(try segments(headerAnswer, "BCA").first?[2], "AD")
            XCTAssertTrue(try segments(headerAnswer, "MSG").contains { $0[1].contains("the order moves to 2026-12-20") })
            let movedOrder = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
            let movedLines = try JSONDecoder().decode([OrderSubmission.Line].self, from: Data(try XCTUnwrap(movedOrder?.erpLines).utf8))
            XCTAssertEqual(Set(movedLines.map(\.scheduledDate)), ["2026-12-20"], "every line of the ERP's order moved")

            // Earlier, with the stock gone: the ERP cannot have line 3 by then.
            try gateway.setStock(item: "TAPE-DUCT", warehouse: "WH-EAST", onHand: 0)
            try gateway.drop("dates-2.edi", Self.change(control: 5102, sequence: "D2", lines: ["POC*3*CT*48**EA*4.60**BP*ACM-2001*VN*TAPE-DUCT", "DTM*010*20261127"]))
            let second = await gateway.pipeline.poll()
            let short = try gateway.outbound("865-\(try XCTUnwrap(second.first?.control865.first)).edi")
            let ack = try XCTUnwrap(try segments(short, "ACK").first)
            XCTAssertNotEqual(ack[1], "IA", "not promised for a date the ERP cannot meet: \(ack)")
            XCTAssertFalse(ack.count > 5 && ack[5] == "20261127", "\(ack)")

            // The whole order to that date: line 3 cannot make it, so nothing moves (AC, the reason).
            let before = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
            try gateway.drop("dates-header-2.edi", Self.headerDated(control: 5104, sequence: "D4", date: "20261127"))
            let fourth = await gateway.pipeline.poll()
            let refused = try gateway.outbound("865-\(try XCTUnwrap(fourth.first?.control865.first)).edi")
            XCTAssertEqual(try segments(refused, "BCA").first?[2], "AC")
            let notes = try segments(refused, "MSG")
            XCTAssertTrue(notes.contains { $0[1].contains("cannot ship complete by 2026-11-27") && $0[1].contains("line 3") }, "\(notes)")
            let after = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
            XCTAssertEqual(after?.erpLines, before?.erpLines, "the ERP's order keeps its dates")
        }
    }

    /// An 860 whose header DTM*010 moves the order, with one unchanged line (NC).
    static func headerDated(control: Int, sequence: String, date: String) -> String {
        change(control: control, sequence: sequence, lines: ["POC*2*NC*12**EA"])
            .replacingOccurrences(of: "*20261127~\nPOC", with: "*20261127~\nDTM*010*\(date)~\nPOC")
            .replacingOccurrences(of: "SE*5*0001", with: "SE*6*0001")
    }

    /// The ERP refuses the change call (409: this change id was applied with other lines, e.g.
    /// by a person in the ERP): asking again brings the same answer, so the change waits for a
    /// person at once, with no retry time and no 865.
    func testAChangeTheERPRefusesWaitsForAPerson() async throws {
        try await PipelineHarness.with { gateway in
            _ = try await gateway.receiveDemoOrder()
            let found = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
            let order = try XCTUnwrap(found)
            var other = try JSONDecoder().decode([OrderSubmission.Line].self, from: Data(try XCTUnwrap(order.erpLines).utf8))
            other[0].quantity = 99
            _ = try await gateway.client.changeOrder(OrderChange(partnerId: "acme-retail", poNumber: "PO-88231", changeId: "1", lines: other))
            try gateway.drop("change-1.edi", Self.firstChange)
            let polled = await gateway.pipeline.poll()
            let report = try XCTUnwrap(polled.first)
            XCTAssertEqual(report.outcome, .held, "\(report)")
            XCTAssertTrue(report.reason?.contains("the ERP refused the call") ?? false, report.reason ?? "")
            XCTAssertTrue(report.reason?.contains("409") ?? false, report.reason ?? "")
            let held = try await gateway.store.inboundFiles(in: .held)
            guard case .held(_, let retryAt) = try XCTUnwrap(held.first).state else { return XCTFail("not held") }
            XCTAssertNil(retryAt, "for a person, not the schedule")
            XCTAssertEqual(try gateway.files("outbound").filter { $0.hasPrefix("865-") }, [])
            let changes = try await gateway.store.changes(partner: "acme-retail", poNumber: "PO-88231")
            XCTAssertEqual(changes.map(\.status), [.held])
        }
    }

    /// The ERP down: the change is held and retried, never answered on a guess.
    func testERPDownHoldsTheChange() async throws {
        try await PipelineHarness.with { gateway in
            _ = try await gateway.receiveDemoOrder()
            await gateway.stopERP()
            try gateway.drop("change-1.edi", Self.firstChange)
            let polled = await gateway.pipeline.poll()
            let report = try XCTUnwrap(polled.first)
            XCTAssertEqual(report.outcome, .held, "\(report)")
            XCTAssertEqual(try gateway.files("outbound").filter { $0.hasPrefix("865-") }, [])
            let changes = try await gateway.store.changes(partner: "acme-retail", poNumber: "PO-88231")
            XCTAssertEqual(changes.map(\.status), [.held])
        }
    }

    /// An 850 with BEG01 05 for an order on record replaces it: the same checks and the same
    /// 865, its lines replacing, adding or (left out) cancelling the order's.
    func testAReplacing850IsAChange() async throws {
        try await PipelineHarness.with { gateway in
            _ = try await gateway.receiveDemoOrder()
            let original = String(decoding: try Data(contentsOf: GatewayPipelineTests.repository.appendingPathComponent("demo/acme-retail-850.edi")), as: UTF8.self)
            let replacement = original.replacingOccurrences(of: "BEG*00*SA*PO-88231", with: "BEG*05*SA*PO-88231")
                .replacingOccurrences(of: "000004711", with: "000004712").replacingOccurrences(of: "*4711*", with: "*4712*").replacingOccurrences(of: "GE*1*4711", with: "GE*1*4712")
                .replacingOccurrences(of: "PO1*1*24*EA", with: "PO1*1*30*EA")
                .replacingOccurrences(of: "PO1*2*12*EA*13.99**BP*ACM-1002*VN*RD5322~\nPID*F****GLASS DOOR HINGE PAIR~\n", with: "")
                .replacingOccurrences(of: "CTT*3", with: "CTT*2").replacingOccurrences(of: "SE*16*0001", with: "SE*14*0001")
            XCTAssertFalse(replacement.contains("RD5322"))
            try gateway.drop("replace.edi", replacement)
            let polled = await gateway.pipeline.poll()
            let report = try XCTUnwrap(polled.first)
            XCTAssertEqual(report.outcome, .done, report.reason ?? "")
            XCTAssertEqual(report.control855, [])
            let control = try XCTUnwrap(report.control865.first, "\(report)")
            let answer = try gateway.outbound("865-\(control).edi")
            XCTAssertEqual(try segments(answer, "POC").map { [$0[1], $0[2]] }, [["1", "RZ"], ["3", "RZ"], ["2", "DI"]])
            XCTAssertEqual(try segments(answer, "ACK").map { $0[1] }, ["IA", "IA", "ID"])
            let found = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
            XCTAssertEqual(found?.standingLines.map { "\($0.lineNumber) \($0.quantity)" }, ["1 30", "3 48"])
            let changes = try await gateway.store.changes(partner: "acme-retail", poNumber: "PO-88231")
            XCTAssertEqual(changes.map(\.changeKey), ["replace 000004712/0001"])
        }
    }

    /// `edigate gateway poll --once` killed with SIGKILL at each step boundary of a change
    /// (after the ERP was changed, with the 865 queued, after it was uploaded), then run again:
    /// the partner has exactly one 865, with the control numbers of the first attempt, and the
    /// ERP applied the change once.
    func testKilledAtEveryStepOfAChangeThePartnerGetsOne865() async throws {
        let binary = try EdigateBinary.locate()
        for point in ["received", "change-decided", "865-pending", "uploaded:865", "sent"] {
            try await PipelineHarness.with { gateway in
                try gateway.dropDemoOrder()
                let first = try gateway.runPoll(binary)
                XCTAssertEqual(first.status, 0, "\(first.stdout) \(first.stderr)")
                try gateway.drop("change-1.edi", Self.firstChange)
                let killed = try gateway.runPoll(binary, killAt: point)
                XCTAssertEqual(killed.signal, SIGKILL, "\(point): the run was meant to die there; stdout \(killed.stdout) stderr \(killed.stderr)")
                let restarted = try gateway.runPoll(binary)
                XCTAssertEqual(restarted.status, 0, "\(point): \(restarted.stdout) \(restarted.stderr)")
                let quiet = try gateway.runPoll(binary)
                XCTAssertEqual(quiet.status, 0, "\(point): \(quiet.stdout) \(quiet.stderr)")

                XCTAssertEqual(try gateway.files("outbound"), ["855-000000002.edi", "865-000000004.edi", "997-000000001.edi", "997-000000003.edi"], point)
                let documents = try await gateway.store.outboundDocuments(partner: "acme-retail")
                XCTAssertEqual(documents.map(\.type), ["997", "855", "997", "865"], point)
                XCTAssertEqual(documents.map(\.state), [.sent, .sent, .sent, .sent], point)
                for document in documents {
                    let stored = try await gateway.store.contents(ofOutbound: document.id)
                    XCTAssertEqual(Array(stored), try gateway.outbound(document.fileName), "\(point) \(document.fileName)")
                }
                let changes = try await gateway.store.changes(partner: "acme-retail", poNumber: "PO-88231")
                XCTAssertEqual(changes.map(\.status), [.decided], point)
                XCTAssertEqual(changes.first?.acknowledgmentOutboundID, documents.last?.id, point)
                let order = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-88231")
                XCTAssertEqual(order?.lines.map(\.acknowledgedQuantity), [30, 0, 40, 6], point)
                let last = try await gateway.store.controlNumbers().last(.interchange, partner: "acme-retail")
                XCTAssertEqual(last, 4, "\(point): no control number drawn twice or wasted on a repeat")
                // The ERP holds the change once: a repeat of its call is not applied again.
                let erpLines = try JSONDecoder().decode([OrderSubmission.Line].self, from: Data(try XCTUnwrap(order?.erpLines).utf8))
                let repeated = try await gateway.client.changeOrder(OrderChange(partnerId: "acme-retail", poNumber: "PO-88231", changeId: "1", lines: erpLines))
                XCTAssertFalse(repeated.applied, point)
                let verification = try await gateway.store.audit.verify()
                XCTAssertTrue(verification.isIntact, "\(point): \(verification)")
            }
        }
    }
}
