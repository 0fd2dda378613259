import Console
import Foundation
import Store
import XCTest

/// The console over real HTTP on loopback, against a store seeded through the public API.
final class ConsoleTests: XCTestCase {
    private var gateway: SeededGateway!

    override func setUp() async throws {
        gateway = try await SeededGateway.make()
    }

    override func tearDown() async throws {
        gateway?.remove()
    }

    func testInboundListFiltersByStateAndPartner() async throws {
        try await gateway.withConsole { console in
            let failed = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/inbound?state=failed").array()
            XCTAssertEqual(failed.map { $0["id"] as? Int }, [gateway.failedAcme, gateway.failedGlobex].map { Int($0.id) })
            XCTAssertEqual(failed.first?["reason"] as? String, "ISA sender ZZ:NOBODY is not partner acme")
            XCTAssertEqual(failed.first?["partner"] as? String, "acme")
            XCTAssertEqual(failed.first?["name"] as? String, "po-1.edi")
            XCTAssertEqual(failed.first?["sha256"] as? String, gateway.failedAcme.sha256)
            XCTAssertEqual(failed.first?["size"] as? Int, Int(gateway.failedAcme.size))
            XCTAssertTrue(failed.first?["retryAt"] is NSNull)

            let acmeFailed = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/inbound?state=failed&partner=acme").array()
            XCTAssertEqual(acmeFailed.map { $0["id"] as? Int }, [Int(gateway.failedAcme.id)])

            let held = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/inbound?state=held").array()
            XCTAssertEqual(held.count, 1)
            XCTAssertEqual(held.first?["state"] as? String, "held")
            XCTAssertEqual(held.first?["retryAt"] as? String, GatewayTimestamp.text(SeededGateway.now.addingTimeInterval(3600)))

            let everything = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/inbound").array()
            XCTAssertEqual(everything.compactMap { $0["name"] as? String }, ["po-1.edi", "po-2.edi", "po-3.edi", "po-4.edi", "po-5.edi"])
            let firstTwo = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/inbound?limit=2").array()
            XCTAssertEqual(firstTwo.count, 2)
            let globex = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/inbound?partner=globex").array()
            XCTAssertEqual(globex.compactMap { $0["state"] as? String }, ["received", "failed"])

            let misspelt = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/inbound?state=broken")
            XCTAssertEqual(misspelt.status, 400)
            XCTAssertEqual(misspelt.contentType, "application/problem+json")
            XCTAssertTrue((try misspelt.object()["detail"] as? String ?? "").contains("failed"), misspelt.text)
            let badLimit = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/inbound?limit=-1")
            XCTAssertEqual(badLimit.status, 400)
        }
    }

    func testInboundDetailCarriesItsAuditEntriesAndContentIsTheRawBytes() async throws {
        try await gateway.withConsole { console in
            let id = gateway.failedAcme.id
            let detail = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/inbound/\(id)")
            XCTAssertEqual(detail.status, 200)
            XCTAssertEqual(detail.contentType, "application/json")
            let object = try detail.object()
            let file = try XCTUnwrap(object["file"] as? [String: Any])
            XCTAssertEqual(file["state"] as? String, "failed")
            XCTAssertEqual(file["id"] as? Int, Int(id))
            let audit = try XCTUnwrap(object["audit"] as? [[String: Any]])
            XCTAssertEqual(audit.compactMap { $0["event"] as? String }, ["inbound.received", "inbound.processing", "inbound.failed"])
            XCTAssertTrue(audit.allSatisfy { $0["document"] as? String == "inbound/\(id)" })
            // Details are embedded JSON, not a string to parse again.
            let received = try XCTUnwrap(audit.first?["details"] as? [String: Any])
            XCTAssertEqual(received["name"] as? String, "po-1.edi")

            let content = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/inbound/\(id)/content")
            XCTAssertEqual(content.status, 200)
            XCTAssertEqual(content.contentType, "application/edi-x12")
            let stored = try await gateway.store.contents(ofInbound: id)
            XCTAssertEqual(content.body, stored)
            XCTAssertEqual(ContentDigest.sha256(content.body), gateway.failedAcme.sha256)
        }
    }

    func testRetrySendsAFailedFileBackAndRefusesStatesThatDoNotAllowIt() async throws {
        try await gateway.withConsole { console in
            let header = [(ConsoleServer.requestHeader, "retry")]
            let id = gateway.failedAcme.id
            let retried = try await ConsoleHTTP.send(.POST, console.baseURL + "/api/inbound/\(id)/retry", headers: header)
            XCTAssertEqual(retried.status, 200, retried.text)
            XCTAssertEqual(try retried.object()["state"] as? String, "received")
            XCTAssertTrue(try retried.object()["reason"] is NSNull)
            let stored = try await gateway.store.inboundFile(id: id)
            XCTAssertEqual(stored.state, .received)
            XCTAssertEqual(stored.attempts, 1)
            let events = try await gateway.store.audit.entries(document: "inbound/\(id)").map(\.event)
            XCTAssertEqual(events.last, "inbound.retried")

            let held = try await ConsoleHTTP.send(.POST, console.baseURL + "/api/inbound/\(gateway.heldAcme.id)/retry", headers: header)
            XCTAssertEqual(try held.object()["state"] as? String, "received")

            // Received now, so a second retry of the same file is refused; so is a done file.
            let again = try await ConsoleHTTP.send(.POST, console.baseURL + "/api/inbound/\(id)/retry", headers: header)
            XCTAssertEqual(again.status, 409)
            let done = try await ConsoleHTTP.send(.POST, console.baseURL + "/api/inbound/\(gateway.doneAcme.id)/retry", headers: header)
            XCTAssertEqual(done.status, 409)
            XCTAssertEqual(done.contentType, "application/problem+json")
            XCTAssertEqual(try done.object()["detail"] as? String, "inbound file \(gateway.doneAcme.id) is done and cannot become received")
            let stillDone = try await gateway.store.inboundFile(id: gateway.doneAcme.id)
            XCTAssertEqual(stillDone.state, .done)

            let unknown = try await ConsoleHTTP.send(.POST, console.baseURL + "/api/inbound/9999/retry", headers: header)
            XCTAssertEqual(unknown.status, 404)
            XCTAssertEqual(unknown.contentType, "application/problem+json")

            // Without the header (what a cross-site form would send) nothing changes.
            let bare = try await ConsoleHTTP.send(.POST, console.baseURL + "/api/inbound/\(gateway.failedGlobex.id)/retry")
            XCTAssertEqual(bare.status, 403)
            let untouched = try await gateway.store.inboundFile(id: gateway.failedGlobex.id)
            XCTAssertEqual(untouched.state.kind, .failed)
        }
    }

    func testUnknownIdsAndPathsAreProblemDocuments() async throws {
        try await gateway.withConsole { console in
            for path in ["/api/inbound/9999", "/api/inbound/9999/content", "/api/inbound/abc", "/api/outbound/9999/content", "/api/nothing-here"] {
                let response = try await ConsoleHTTP.send(.GET, console.baseURL + path)
                XCTAssertEqual(response.status, 404, path)
                XCTAssertEqual(response.contentType, "application/problem+json", path)
                XCTAssertEqual(try response.object()["status"] as? Int, 404, path)
            }
            let unknown = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/inbound/9999")
            XCTAssertEqual(try unknown.object()["detail"] as? String, "no inbound file with id 9999")
        }
    }

    func testOutboundListAndContent() async throws {
        try await gateway.withConsole { console in
            let all = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/outbound?partner=acme").array()
            XCTAssertEqual(all.compactMap { $0["interchangeControl"] as? String }, ["000000101", "000000201", "000000301"])
            XCTAssertEqual(all.first?["type"] as? String, "855")
            XCTAssertEqual(all.first?["setControls"] as? [String], ["0001", "0002"])
            let limited = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/outbound?limit=1").array()
            XCTAssertEqual(limited.count, 1)
            let none = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/outbound?partner=globex").array()
            XCTAssertTrue(none.isEmpty)

            let content = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/outbound/\(gateway.overdue.id)/content")
            XCTAssertEqual(content.contentType, "application/edi-x12")
            XCTAssertEqual(content.text, X12Text.orderAcknowledgment(interchange: "000000201", group: "201"))
        }
    }

    /// Ops's per-partner dashboard: today's files in and out, what waits for a person, overdue
    /// acknowledgments, and when each partner last sent and was sent something.
    func testPartnerDashboard() async throws {
        try await gateway.withConsole { console in
            let partners = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/partners").array()
            XCTAssertEqual(partners.compactMap { $0["partner"] as? String }, ["acme", "globex"])
            let acme = partners[0]
            XCTAssertEqual(acme["receivedToday"] as? Int, 3)
            XCTAssertEqual(acme["sentToday"] as? Int, 1, "the 855 of ten minutes ago; the others are days old")
            XCTAssertEqual(acme["failed"] as? Int, 1)
            XCTAssertEqual(acme["held"] as? Int, 1)
            XCTAssertEqual(acme["deadLetters"] as? Int, 0)
            XCTAssertEqual(acme["overdueAcknowledgments"] as? Int, 1)
            XCTAssertEqual(acme["lastReceivedAt"] as? String, GatewayTimestamp.text(SeededGateway.now.addingTimeInterval(-30 * 60)))
            XCTAssertEqual(acme["lastSentAt"] as? String, GatewayTimestamp.text(SeededGateway.now.addingTimeInterval(-10 * 60)))
            let globex = partners[1]
            XCTAssertEqual(globex["receivedToday"] as? Int, 2)
            XCTAssertEqual(globex["sentToday"] as? Int, 0)
            XCTAssertEqual(globex["failed"] as? Int, 1)
            XCTAssertTrue(globex["lastSentAt"] == nil || globex["lastSentAt"] is NSNull)
        }
    }

    func testAcknowledgmentsShowOutcomeAndOverdue() async throws {
        try await gateway.withConsole { console in
            let awaiting = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/acknowledgments?outcome=awaiting").array()
            XCTAssertEqual(awaiting.compactMap { $0["groupControl"] as? String }, ["201", "301"])
            XCTAssertEqual(awaiting.compactMap { $0["overdue"] as? Bool }, [true, false])
            XCTAssertEqual(awaiting.first?["outboundId"] as? Int, Int(gateway.overdue.id))
            XCTAssertTrue(awaiting.first?["decidedBy"] is NSNull)

            let decided = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/acknowledgments?outcome=acceptedWithErrors").array()
            XCTAssertEqual(decided.count, 1)
            XCTAssertEqual(decided.first?["groupControl"] as? String, "101")
            XCTAssertEqual(decided.first?["decidedBy"] as? String, "997")
            XCTAssertEqual(decided.first?["overdue"] as? Bool, false)
            let sets = try XCTUnwrap(decided.first?["setOutcomes"] as? [[String: Any]])
            XCTAssertEqual(sets.compactMap { $0["outcome"] as? String }, ["accepted", "rejected"])

            let all = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/acknowledgments").array()
            XCTAssertEqual(all.count, 3)
            let globex = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/acknowledgments?partner=globex").array()
            XCTAssertTrue(globex.isEmpty)
            let misspelt = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/acknowledgments?outcome=late")
            XCTAssertEqual(misspelt.status, 400)

            let summary = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/summary").object()
            XCTAssertEqual(summary["awaitingAcknowledgments"] as? Int, 2)
            XCTAssertEqual(summary["overdueAcknowledgments"] as? Int, 1)
            XCTAssertEqual(summary["inbound"] as? [String: Int], ["received": 1, "processing": 0, "done": 1, "failed": 2, "held": 1, "quarantined": 0, "deadLetter": 0])
        }
        // A window wider than two days: nothing is overdue.
        try await gateway.withConsole(acknowledgmentWindowMinutes: 3 * 1440) { console in
            let awaiting = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/acknowledgments?outcome=awaiting").array()
            XCTAssertEqual(awaiting.compactMap { $0["overdue"] as? Bool }, [false, false])
        }
    }

    func testAuditListAndVerification() async throws {
        let entries = try await gateway.store.audit.entries()
        try await gateway.withConsole { console in
            let verify = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/audit/verify").object()
            XCTAssertEqual(verify["intact"] as? Bool, true)
            XCTAssertEqual(verify["entries"] as? Int, entries.count)
            XCTAssertEqual(verify["head"] as? String, entries.last?.hash)
            XCTAssertTrue(verify["brokenAt"] is NSNull)
            XCTAssertTrue(verify["reason"] is NSNull)

            let latest = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/audit?limit=3").array()
            XCTAssertEqual(latest.compactMap { $0["sequence"] as? Int }, entries.suffix(3).map { Int($0.sequence) })
            let document = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/audit?document=outbound/\(gateway.acknowledged.id)").array()
            XCTAssertEqual(document.compactMap { $0["event"] as? String }, ["outbound.sent", "outbound.acknowledged"])
            let globex = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/audit?partner=globex").array()
            XCTAssertFalse(globex.isEmpty)
            XCTAssertTrue(globex.allSatisfy { $0["partner"] as? String == "globex" })
        }
    }

    func testPageIsSelfContainedHTMLUsingTheAPI() async throws {
        try await gateway.withConsole { console in
            let page = try await ConsoleHTTP.send(.GET, console.baseURL + "/")
            XCTAssertEqual(page.status, 200)
            XCTAssertEqual(page.contentType, "text/html; charset=utf-8")
            XCTAssertTrue(page.text.hasPrefix("<!doctype html>"))
            // The script is served beside the page (no inline script: the CSP refuses it).
            XCTAssertFalse(page.text.contains("<script>"))
            XCTAssertTrue(page.text.contains(#"<script src="/console.js"></script>"#))
            let script = try await ConsoleHTTP.send(.GET, console.baseURL + "/console.js")
            XCTAssertEqual(script.status, 200)
            XCTAssertEqual(script.contentType, "text/javascript; charset=utf-8")
            for path in ["/api/summary", "/api/inbound?state=failed", "/api/inbound?state=held", "/retry",
                         "/api/acknowledgments?outcome=awaiting", "/api/audit/verify", ConsoleServer.requestHeader] {
                XCTAssertTrue(script.text.contains(path), path)
            }
            // No external assets: nothing is loaded from another origin.
            for text in [page.text, script.text] {
                XCTAssertFalse(text.contains("http://"))
                XCTAssertFalse(text.contains("https://"))
            }
            XCTAssertEqual(page.text.components(separatedBy: "src=").count - 1, 1, "only the page's own script")
        }
    }

    func testStoppedConsoleNoLongerListens() async throws {
        let server = ConsoleServer(store: gateway.store)
        let console = try await server.start()
        XCTAssertNotEqual(console.port, 0)
        let summary = try await ConsoleHTTP.send(.GET, console.baseURL + "/api/summary")
        XCTAssertEqual(summary.status, 200)
        XCTAssertTrue(LoopbackPort.acceptsConnections(console.port))
        await console.stop()
        XCTAssertFalse(LoopbackPort.acceptsConnections(console.port))
    }
}
