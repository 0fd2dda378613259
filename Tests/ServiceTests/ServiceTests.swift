import Foundation
import Gateway
import Service
import Store
import XCTest

/// `edigate serve`'s service with real parts: the reference ERP over loopback HTTP, a local
/// partner folder, the HTTP API on a real port.
final class ServiceTests: XCTestCase {
    private var bearer: (String, String) { ("Authorization", "Bearer \(ServiceHarness.token)") }

    /// An 850 dropped by the partner is answered by the running service; the ERP then posts the
    /// shipment and the invoice; /health, /ready and /metrics tell the story.
    func testTheServiceAnswersOrdersAndTakesERPEvents() async throws {
        try await ServiceHarness.with { gateway in
            let port = try await gateway.start()
            try gateway.dropDemoOrder()
            try await gateway.wait("the 997 and 855") { gateway.outboundFiles() == ["855-000000002.edi", "997-000000001.edi"] }

            let shipment = try await gateway.send(.POST, "/v1/shipments?partner=acme-retail", port: port, body: try gateway.demoEvent("acme-retail-shipment.json"),
                                                  headers: [bearer, ("Idempotency-Key", "ship-1")])
            XCTAssertEqual(shipment.status, 201, shipment.text)
            XCTAssertEqual(shipment.json["file"] as? String, "856-000000003.edi")
            XCTAssertEqual(shipment.json["outcome"] as? String, "sent")
            let invoice = try await gateway.send(.POST, "/v1/invoices?partner=acme-retail", port: port, body: try gateway.demoEvent("acme-retail-invoice.json"), headers: [bearer])
            XCTAssertEqual(invoice.status, 201, invoice.text)
            XCTAssertEqual(gateway.outboundFiles(), ["810-000000004.edi", "855-000000002.edi", "856-000000003.edi", "997-000000001.edi"])

            let health = try await gateway.send(.GET, "/health", port: port)
            XCTAssertEqual(health.json["status"] as? String, "ok")
            let ready = try await gateway.send(.GET, "/ready", port: port)
            XCTAssertEqual(ready.status, 200)
            let metrics = try await gateway.send(.GET, "/metrics", port: port, headers: [("Authorization", "Bearer \(ServiceHarness.opsToken)")])
            XCTAssertEqual(metrics.status, 200)
            XCTAssertTrue(metrics.text.contains(#"edigate_inbound_files_total{partner="acme-retail",outcome="done"} 1"#), metrics.text)
            XCTAssertTrue(metrics.text.contains(#"edigate_documents_sent_total{partner="acme-retail",type="855"} 1"#), metrics.text)
            XCTAssertTrue(metrics.text.contains(#"edigate_documents_sent_total{partner="acme-retail",type="856"} 1"#), metrics.text)
            XCTAssertTrue(metrics.text.contains("edigate_drop_to_855_seconds_bucket"), metrics.text)
            XCTAssertTrue(metrics.text.contains(#"edigate_erp_call_seconds_count{endpoint="/v1/orders"} 1"#), metrics.text)
            XCTAssertTrue(metrics.text.contains(#"edigate_inbound_files{partner="acme-retail",state="done"} 1"#), metrics.text)
            XCTAssertTrue(metrics.text.contains(#"edigate_outbox_pending{partner="acme-retail"} 0"#), metrics.text)
            XCTAssertFalse(metrics.text.contains(ServiceHarness.token))

            // The console is served by the same server.
            let summary = try await gateway.send(.GET, "/api/summary", port: port, headers: [("Authorization", "Bearer \(ServiceHarness.opsToken)")])
            XCTAssertEqual(summary.status, 200, summary.text)
            try await gateway.stop()
        }
    }

    /// Idempotency-Key: the same call again gets the first answer and sends nothing; the same
    /// key with another body is refused. Bad JSON, an unknown PO, a wrong role and no token
    /// are problem documents, and nothing is sent for any of them.
    func testTheAPIIsIdempotentAndRefusesWhatItCannotBack() async throws {
        try await ServiceHarness.with { gateway in
            let port = try await gateway.start()
            try gateway.dropDemoOrder()
            try await gateway.wait("the 855") { gateway.outboundFiles().contains("855-000000002.edi") }
            let shipped = try await gateway.send(.POST, "/v1/shipments?partner=acme-retail", port: port, body: try gateway.demoEvent("acme-retail-shipment.json"), headers: [bearer])
            XCTAssertEqual(shipped.status, 201, shipped.text)
            let body = try gateway.demoEvent("acme-retail-invoice.json")
            let first = try await gateway.send(.POST, "/v1/invoices?partner=acme-retail", port: port, body: body, headers: [bearer, ("Idempotency-Key", "inv-1")])
            XCTAssertEqual(first.status, 201, first.text)
            let again = try await gateway.send(.POST, "/v1/invoices?partner=acme-retail", port: port, body: body, headers: [bearer, ("Idempotency-Key", "inv-1")])
            XCTAssertEqual(again.status, 201)
            XCTAssertEqual(again.body, first.body, "the first answer, byte for byte")
            XCTAssertEqual(again.headers.first(name: "Idempotent-Replayed"), "true")
            var changed = try XCTUnwrap(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            changed["invoiceDate"] = "2026-12-01"
            let reused = try await gateway.send(.POST, "/v1/invoices?partner=acme-retail", port: port, body: try JSONSerialization.data(withJSONObject: changed),
                                                headers: [bearer, ("Idempotency-Key", "inv-1")])
            XCTAssertEqual(reused.status, 422, reused.text)
            XCTAssertEqual(reused.headers.first(name: "Content-Type"), "application/problem+json")
            // Without a key the invoice number still keeps it to one 810.
            let withoutKey = try await gateway.send(.POST, "/v1/invoices?partner=acme-retail", port: port, body: body, headers: [bearer])
            XCTAssertEqual(withoutKey.status, 200, withoutKey.text)
            XCTAssertEqual(withoutKey.json["outcome"] as? String, "alreadySent")

            let badJSON = try await gateway.send(.POST, "/v1/shipments?partner=acme-retail", port: port, body: Data("{not json".utf8), headers: [bearer])
            XCTAssertEqual(badJSON.status, 400, badJSON.text)
            XCTAssertEqual(badJSON.headers.first(name: "Content-Type"), "application/problem+json")
            var unknownPO = try XCTUnwrap(try JSONSerialization.jsonObject(with: try gateway.demoEvent("acme-retail-shipment.json")) as? [String: Any])
            var orders = try XCTUnwrap(unknownPO["orders"] as? [[String: Any]])
            orders[0]["poNumber"] = "PO-NEVER-RECEIVED"
            unknownPO["orders"] = orders
            unknownPO["shipmentId"] = "SH-UNKNOWN-PO"
            let refused = try await gateway.send(.POST, "/v1/shipments?partner=acme-retail", port: port, body: try JSONSerialization.data(withJSONObject: unknownPO), headers: [bearer])
            XCTAssertEqual(refused.status, 422, refused.text)
            XCTAssertTrue((refused.json["detail"] as? String ?? "").contains("PO-NEVER-RECEIVED was never received"), refused.text)
            let noToken = try await gateway.send(.POST, "/v1/shipments?partner=acme-retail", port: port, body: body)
            XCTAssertEqual(noToken.status, 401)
            let finance = try await gateway.send(.POST, "/v1/shipments?partner=acme-retail", port: port, body: body,
                                                 headers: [("Authorization", "Bearer \(ServiceHarness.financeToken)")])
            XCTAssertEqual(finance.status, 403)
            let unknownPartner = try await gateway.send(.POST, "/v1/shipments?partner=nobody", port: port, body: body, headers: [bearer])
            XCTAssertEqual(unknownPartner.status, 404)
            XCTAssertEqual(gateway.outboundFiles().filter { $0.hasPrefix("810-") || $0.hasPrefix("856-") }, ["810-000000004.edi", "856-000000003.edi"],
                           "one 856 and one 810, nothing for the refusals")
            try await gateway.stop()
        }
    }

    /// SIGHUP's reload: a good configuration swaps in (audited with its digest), a broken one
    /// is refused (audited) and the running one keeps working.
    func testReloadTakesAGoodConfigurationAndRefusesABrokenOne() async throws {
        try await ServiceHarness.with { gateway in
            _ = try await gateway.start()
            let service = try XCTUnwrap(gateway.service)
            try gateway.writeConfiguration(intervalSeconds: 2)
            guard case .success(let settings) = await service.reload() else { return XCTFail("a good configuration was refused") }
            XCTAssertEqual(settings.poll.intervalSeconds, 2)
            XCTAssertEqual(service.currentConfiguration.digest, settings.digest)

            try gateway.writeConfiguration(extra: "surprise: true")
            guard case .failure(let error) = await service.reload() else { return XCTFail("a broken configuration was taken") }
            XCTAssertTrue(error.description.contains("surprise"), error.description)
            XCTAssertEqual(service.currentConfiguration.digest, settings.digest, "the running configuration stays")

            // What is wired into running parts (here the ERP connection) needs a restart: refused.
            let text = try String(contentsOfFile: gateway.configPath, encoding: .utf8)
            try text.replacingOccurrences(of: "requestTimeoutSeconds: 5", with: "requestTimeoutSeconds: 7").write(toFile: gateway.configPath, atomically: true, encoding: .utf8)
            try gateway.writeConfiguration(intervalSeconds: 2)
            try String(contentsOfFile: gateway.configPath, encoding: .utf8).replacingOccurrences(of: "requestTimeoutSeconds: 5", with: "requestTimeoutSeconds: 7")
                .write(toFile: gateway.configPath, atomically: true, encoding: .utf8)
            guard case .failure(let restart) = await service.reload() else { return XCTFail("an ERP change was taken without a restart") }
            XCTAssertTrue(restart.description.contains("erp changed"), restart.description)
            _ = text

            // Still working after the refused reloads.
            try gateway.dropDemoOrder()
            try await gateway.wait("the 855") { gateway.outboundFiles().contains("855-000000002.edi") }
            let events = try await service.store.audit.entries().map(\.event)
            XCTAssertEqual(events.filter { $0 == "configuration.loaded" }.count, 2)
            XCTAssertEqual(events.filter { $0 == "configuration.refused" }.count, 2)
            try await gateway.stop()
        }
    }
}

/// 846 from the running service: an ERP inventory event advises the partners stocking the
/// items it names; a profile with a schedule is advised at start-up and every interval.
final class InventoryServiceTests: XCTestCase {
    private var bearer: (String, String) { ("Authorization", "Bearer \(ServiceHarness.token)") }

    func testAnInventoryEventAdvisesThePartnersStockingTheItem() async throws {
        try await ServiceHarness.with { gateway in
            let port = try await gateway.start()
            let event = try await gateway.send(.POST, "/v1/inventory-events", port: port, body: Data(#"{"items": [{"vendorPartNumber": "AB3542"}]}"#.utf8), headers: [bearer])
            XCTAssertEqual(event.status, 200, event.text)
            let advices = try XCTUnwrap(event.json["advices"] as? [[String: Any]])
            XCTAssertEqual(advices.count, 1)
            XCTAssertEqual(advices.first?["partner"] as? String, "acme-retail")
            XCTAssertEqual(advices.first?["outcome"] as? String, "sent")
            XCTAssertEqual(advices.first?["items"] as? Int, 1)
            let file = try XCTUnwrap(advices.first?["file"] as? String)
            XCTAssertEqual(gateway.outboundFiles(), [file])
            let text = String(decoding: try Data(contentsOf: gateway.partnerRoot.appendingPathComponent("outbound/\(file)")), as: UTF8.self)
            XCTAssertTrue(text.contains("LIN*1*BP*ACM-1001*VN*AB3542~"), text)
            XCTAssertTrue(text.contains("QTY*33*420*EA~"), text)

            // Nothing moved since: the same event sends nothing.
            let again = try await gateway.send(.POST, "/v1/inventory-events", port: port, body: Data(#"{"items": [{"vendorPartNumber": "AB3542"}]}"#.utf8), headers: [bearer])
            XCTAssertEqual(again.status, 200, again.text)
            XCTAssertEqual((again.json["advices"] as? [[String: Any]])?.first?["outcome"] as? String, "unchanged")
            XCTAssertEqual(gateway.outboundFiles(), [file])

            let bad = try await gateway.send(.POST, "/v1/inventory-events", port: port, body: Data(#"{"items": [{}]}"#.utf8), headers: [bearer])
            XCTAssertEqual(bad.status, 400, bad.text)
            let finance = try await gateway.send(.POST, "/v1/inventory-events", port: port, body: Data(#"{"items": [{"gtin": "1"}]}"#.utf8),
                                                 headers: [("Authorization", "Bearer \(ServiceHarness.financeToken)")])
            XCTAssertEqual(finance.status, 403, finance.text)
            try await gateway.stop()
        }
    }

    func testAScheduledPartnerIsAdvisedAtStartUp() async throws {
        try await ServiceHarness.with { gateway in
            let profile = gateway.root.appendingPathComponent("partners/acme-retail.yaml")
            let text = try String(contentsOf: profile, encoding: .utf8)
            try text.replacingOccurrences(of: "intervalMinutes: 0 ", with: "intervalMinutes: 60 ").write(to: profile, atomically: true, encoding: .utf8)
            _ = try await gateway.start()
            try await gateway.wait("the scheduled 846") { gateway.outboundFiles().contains { $0.hasPrefix("846-") } }
            let file = try XCTUnwrap(gateway.outboundFiles().first { $0.hasPrefix("846-") })
            let advice = String(decoding: try Data(contentsOf: gateway.partnerRoot.appendingPathComponent("outbound/\(file)")), as: UTF8.self)
            XCTAssertTrue(advice.contains("CTT*3~"), advice)
            try await gateway.stop()
        }
    }

    /// An ERP price event publishes the partners carrying the item an 832 of what changed.
    func testAPriceEventPublishesACatalog() async throws {
        try await ServiceHarness.with { gateway in
            let port = try await gateway.start()
            let event = try await gateway.send(.POST, "/v1/price-events", port: port, body: Data(#"{"items": [{"vendorPartNumber": "TAPE-DUCT"}]}"#.utf8), headers: [bearer])
            XCTAssertEqual(event.status, 200, event.text)
            let catalogs = try XCTUnwrap(event.json["catalogs"] as? [[String: Any]])
            XCTAssertEqual(catalogs.first?["partner"] as? String, "acme-retail")
            XCTAssertEqual(catalogs.first?["outcome"] as? String, "sent")
            let file = try XCTUnwrap(catalogs.first?["file"] as? String)
            let text = String(decoding: try Data(contentsOf: gateway.partnerRoot.appendingPathComponent("outbound/\(file)")), as: UTF8.self)
            XCTAssertTrue(text.contains("LIN*1*BP*ACM-2001*VN*TAPE-DUCT~"), text)
            XCTAssertTrue(text.contains("CTP**CON*4.6*1*EA~"), text)
            try await gateway.stop()
        }
    }
}
