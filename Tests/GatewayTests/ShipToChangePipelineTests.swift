import Documents
import ERP
import Foundation
import X12
import XCTest
@testable import Gateway
@testable import Store

/// 816 → ship-to master through the pipeline and the reference ERP over HTTP: a location list
/// becomes proposed changes (never the ERP's until a person approves), an order to a proposed
/// location waits for a person, and once approved and applied the ERP holds the ship-to, the
/// partner's mapping follows and the waiting order is decided.
final class ShipToChangePipelineTests: XCTestCase {
    static func list(control: Int, _ locations: [String]) -> String {
        let isa13 = String(format: "%09d", control)
        let body = ["BHT*0003*00*LOC-\(control)*20261130", "N1*BY*ACME RETAIL*92*ACME"] + locations
        return (["ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATE        *261130*1200*U*00401*\(isa13)*0*P*>",
                 "GS*OR*ACMERETAIL*EDIGATE*20261130*1200*\(control)*X*004010", "ST*816*0001"]
                + body + ["SE*\(body.count + 2)*0001", "GE*1*\(control)", "IEA*1*\(isa13)"]).joined(separator: "~\n") + "~\n"
    }

    static let store77 = ["HL*1**S", "N1*SN*ACME STORE 77*92*0077", "N3*77 OAK AVE", "N4*PEORIA*IL*61602*US", "ASI*1*021"]

    /// The demo order to store 77 under another PO and ISA13.
    static func orderTo77() throws -> String {
        let demo = try String(contentsOf: GatewayPipelineTests.repository.appendingPathComponent("demo/acme-retail-850.edi"), encoding: .utf8)
        return demo.replacingOccurrences(of: "*000004711*", with: "*000007701*").replacingOccurrences(of: "IEA*1*000004711", with: "IEA*1*000007701")
            .replacingOccurrences(of: "*4711*X*", with: "*7701*X*").replacingOccurrences(of: "GE*1*4711", with: "GE*1*7701")
            .replacingOccurrences(of: "PO-88231", with: "PO-7701")
            .replacingOccurrences(of: "N1*ST*ACME STORE 12*92*0012~\nN3*12 MAIN ST~\nN4*SPRINGFIELD*IL*62701*US~", with: "N1*ST*ACME STORE 77*92*0077~\nN3*77 OAK AVE~\nN4*PEORIA*IL*61602*US~")
    }

    func testAListProposesChangesAndAnOrderToAProposedLocationWaitsUntilItIsApplied() async throws {
        try await PipelineHarness.with { gateway in
            // A new store, store 12 (mapped in the profile) moved, store 47 closed, store 13
            // closed though we never had it, a DC with no address change word.
            try gateway.drop("locations-1.edi", Self.list(control: 901, Self.store77 + [
                "HL*2**S", "N1*SN*ACME STORE 12*92*0012", "N3*14 MAIN ST", "N4*SPRINGFIELD*IL*62701*US", "ASI*2*001",
                "HL*3**S", "N1*SN*ACME STORE 47*92*0047", "ASI*3*024",
                "HL*4**S", "N1*SN*ACME STORE 13*92*0013", "ASI*4*024",
            ]))
            let reports = await gateway.pipeline.poll()
            XCTAssertEqual(reports.map(\.outcome), [.done], "\(reports)")
            XCTAssertEqual(reports.first?.ack, "997 A")
            let proposed = try await gateway.store.shipToChanges(partner: "acme-retail").sorted { $0.id < $1.id }
            XCTAssertEqual(proposed.map { "\($0.locationCode) \($0.kind.rawValue) \($0.status.rawValue)" }, ["0077 new pending", "0012 changed pending", "0047 closed pending"])
            XCTAssertEqual(proposed.first?.location.address, ["77 OAK AVE"])
            XCTAssertEqual(proposed.first?.location.postalCode, "61602")

            // `edigate status` counts them as waiting for a person.
            let status = try await gateway.store.partnerStatus(windows: [:])
            XCTAssertEqual(status.first { $0.partner == "acme-retail" }?.shipToChangesAwaiting, 3)

            // The same list again (another ISA13): nothing proposed twice.
            try gateway.drop("locations-2.edi", Self.list(control: 902, Self.store77))
            _ = await gateway.pipeline.poll()
            let afterRepeat = try await gateway.store.shipToChanges(partner: "acme-retail")
            XCTAssertEqual(afterRepeat.count, 3)

            // An order to store 77: acknowledged, held for a person, no 855, nothing in the ERP.
            try gateway.drop("po-7701.edi", try Self.orderTo77())
            let held = await gateway.pipeline.poll()
            XCTAssertEqual(held.map(\.outcome), [.held], "\(held)")
            XCTAssertEqual(held.first?.ack, "997 A")
            XCTAssertEqual(held.first?.control855, [])
            XCTAssertTrue(held.first?.reason?.contains("ship-to 0077 awaits approval") ?? false, held.first?.reason ?? "")
            let heldFiles = try await gateway.store.inboundFiles(in: .held)
            let heldFile = try XCTUnwrap(heldFiles.first)
            guard case .held(_, let retryAt) = heldFile.state else { return XCTFail("\(heldFile.state)") }
            XCTAssertNil(retryAt, "waits for a person, not the schedule")
            XCTAssertTrue(try gateway.files("outbound").allSatisfy { !$0.hasPrefix("855-") })
            let unknown = try await gateway.client.shipTo(ShipToRequest(soldTo: "C-ACME", shipToId: "0077"))
            XCTAssertEqual(unknown.status, .unknown, "not the ERP's before approval")

            // Approved by finance, applied: the ERP holds the ship-to, the file goes back in line.
            let change77 = try XCTUnwrap(proposed.first)
            let approved = try await gateway.store.decideShipToChange(change77.id, approve: true, by: "finance-team")
            XCTAssertEqual(approved.status, .approved)
            XCTAssertEqual(approved.decidedBy, "finance-team")
            let rejected = try await gateway.store.decideShipToChange(proposed[1].id, approve: false, by: "ops-team", note: "not moved")
            XCTAssertEqual(rejected.status, .rejected)
            do {
                _ = try await gateway.store.decideShipToChange(proposed[1].id, approve: true, by: "ops-team")
                XCTFail("a rejected change was approved")
            } catch let error as GatewayStoreError {
                XCTAssertEqual(error, .shipToChangeClosed(id: proposed[1].id, status: "rejected"))
            }
            let applier = ShipToApplier(store: gateway.store, client: gateway.client, profiles: [try gateway.profile()])
            let outcomes = try await applier.applyApproved()
            XCTAssertEqual(outcomes.map(\.result), [.applied])
            XCTAssertEqual(outcomes.first?.shipTo, "ST-ACME-0077")
            XCTAssertEqual(outcomes.first?.released, [heldFile.documentReference])
            let known = try await gateway.client.shipTo(ShipToRequest(soldTo: "C-ACME", shipToId: "ST-ACME-0077"))
            XCTAssertEqual(known.status, .valid)
            XCTAssertEqual(known.address?.postalCode, "61602")
            let locations = try await gateway.store.shipToLocations(partner: "acme-retail")
            XCTAssertEqual(locations["0077"]?.erpShipToID, "ST-ACME-0077")

            // The released file is decided with the ERP's ship-to; the partner hears its own code back.
            let decided = await gateway.pipeline.poll()
            XCTAssertEqual(decided.map(\.outcome), [.done], "\(decided)")
            let control = try XCTUnwrap(decided.first?.control855.first)
            let answer = String(decoding: try gateway.outbound("855-\(control).edi"), as: UTF8.self)
            XCTAssertTrue(answer.contains("N1*ST*ACME STORE 77*92*0077~"), answer)
            let order = try await gateway.store.order(partner: "acme-retail", poNumber: "PO-7701")
            XCTAssertEqual(order?.status, .decided)

            // A second apply finds nothing; a list closing store 77 proposes its closing.
            let again = try await applier.applyApproved()
            XCTAssertEqual(again, [])
            try gateway.drop("locations-3.edi", Self.list(control: 903, ["HL*1**S", "N1*SN*ACME STORE 77*92*0077", "ASI*1*024"]))
            _ = await gateway.pipeline.poll()
            let open = try await gateway.store.openShipToChanges(partner: "acme-retail")
            XCTAssertEqual(open.map { "\($0.locationCode) \($0.kind.rawValue)" }, ["0047 closed", "0077 closed"])

            let verification = try await gateway.store.audit.verify()
            XCTAssertTrue(verification.isIntact, "\(verification)")
            let events = try await gateway.store.audit.entries(document: change77.documentReference)
            XCTAssertEqual(events.map(\.event), ["shipto.proposed", "shipto.approved", "shipto.applied"])
            XCTAssertTrue(events[1].details.contains("\"by\":\"finance-team\""), events[1].details)
        }
    }

    /// A later list that says otherwise about a location still awaiting approval supersedes
    /// the open proposal; the same word again proposes nothing.
    func testALaterListSupersedesWhatIsStillOpen() async throws {
        try await PipelineHarness.with { gateway in
            try gateway.drop("locations-1.edi", Self.list(control: 931, Self.store77))
            _ = await gateway.pipeline.poll()
            let moved = ["HL*1**S", "N1*SN*ACME STORE 77*92*0077", "N3*79 OAK AVE", "N4*PEORIA*IL*61602*US", "ASI*1*021"]
            try gateway.drop("locations-2.edi", Self.list(control: 932, moved))
            _ = await gateway.pipeline.poll()
            try gateway.drop("locations-3.edi", Self.list(control: 933, moved))
            _ = await gateway.pipeline.poll()
            let changes = try await gateway.store.shipToChanges(partner: "acme-retail").sorted { $0.id < $1.id }
            XCTAssertEqual(changes.map(\.status), [.superseded, .pending])
            XCTAssertEqual(changes.last?.location.address, ["79 OAK AVE"])
            let events = try await gateway.store.audit.entries(document: try XCTUnwrap(changes.first).documentReference).map(\.event)
            XCTAssertEqual(events, ["shipto.proposed", "shipto.superseded"])
            let done = try await gateway.store.inboundFiles(in: .done)
            XCTAssertEqual(done.count, 3, "every list acknowledged and done")
        }
    }

    /// The ERP down when a change is applied: it stays approved and is applied on a later run;
    /// the ERP refusing it makes it failed, for a person.
    func testAnERPThatCannotTakeAChangeDelaysIt() async throws {
        try await PipelineHarness.with { gateway in
            try gateway.drop("locations.edi", Self.list(control: 911, Self.store77 + ["HL*2**S", "N1*SN*ACME STORE 88*92*0088", "ASI*2*021"]))
            _ = await gateway.pipeline.poll()
            let proposed = try await gateway.store.shipToChanges(partner: "acme-retail").sorted { $0.id < $1.id }
            XCTAssertEqual(proposed.map(\.locationCode), ["0077", "0088"])
            for change in proposed { _ = try await gateway.store.decideShipToChange(change.id, approve: true, by: "ops-team") }
            let applier = ShipToApplier(store: gateway.store, client: gateway.client, profiles: [try gateway.profile()])
            await gateway.stopERP()
            let down = try await applier.applyApproved()
            XCTAssertEqual(down.map(\.result), [.waiting, .waiting])
            let stillApproved = try await gateway.store.shipToChanges(partner: "acme-retail", status: .approved)
            XCTAssertEqual(stillApproved.count, 2)
            try await gateway.restartERP()
            // Store 88 has no address: the ERP cannot create it and says so.
            let up = try await applier.applyApproved()
            XCTAssertEqual(up.map(\.result), [.applied, .refused], "\(up)")
            let failed = try await gateway.store.shipToChanges(partner: "acme-retail", status: .failed)
            XCTAssertEqual(failed.map(\.locationCode), ["0088"])
            XCTAssertTrue(failed.first?.error?.contains("needs a name, a street") ?? false, failed.first?.error ?? "")
        }
    }
}
