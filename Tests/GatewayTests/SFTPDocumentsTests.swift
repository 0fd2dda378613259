import Documents
import ERP
import Foundation
import Mapping
import SSHDHarness
import X12
import X12Schemas
import XCTest
@testable import Gateway
@testable import Store

/// Every document beyond the order end to end over a real OpenSSH server and the reference ERP
/// over HTTP: ACME's 850, 860 and 816 picked up from its SFTP folder (with their `.done`
/// markers), the 997s, the 855 and the 865 uploaded there, the approved location applied to
/// the ERP, and the 846 and 832 from the ERP uploaded the same way; each file on the server
/// checked by our validator.
final class SFTPDocumentsTests: SSHDTestCase {
    private var transportSection: String {
        """

        transport:
          sftp:
            host: 127.0.0.1
            port: \(server.port)
            user: \(server.user)
            privateKey: \(server.key("id_ed25519"))
            hostKey: \(server.hostKeyFingerprint)
            hostKeyType: \(server.hostKeyType)
            connectTimeoutSeconds: 5
            stepTimeoutSeconds: 10
          inbound: /acme/inbound
          outbound: /acme/outbound
          archive: /acme/archive
          pollIntervalSeconds: 60
          pickup:
            doneMarker: .done

        """
    }

    /// As the partner does it: the file, then its marker.
    private func drop(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: server.onServer("acme/inbound/\(name)")))
        try Data().write(to: URL(fileURLWithPath: server.onServer("acme/inbound/\(name).done")))
    }

    private func outbound() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: server.onServer("acme/outbound")).filter { !$0.hasPrefix(".") }.sorted()
    }

    private func accepted(_ name: String) throws -> String? {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: server.onServer("acme/outbound/\(name)"))))
        return InterchangeValidator(library: try SchemaLocator.load()).validate(try InterchangeFile.read(bytes: bytes)).first?.groups.first?.sets.first?.acknowledgmentCode
    }

    func testOrdersChangesLocationsInventoryAndCatalogOverSFTP() async throws {
        try cleanPartnerFolders()
        try await PipelineHarness.with(transport: transportSection) { gateway in
            let order = try String(contentsOf: GatewayPipelineTests.repository.appendingPathComponent("demo/acme-retail-850.edi"), encoding: .utf8)
            try drop("PO-88231.edi", order)
            let first = await gateway.pipeline.poll()
            XCTAssertEqual(first.map(\.outcome), [.done], "\(first)")
            let answer855 = try XCTUnwrap(first.first?.control855.first)

            try drop("change-1.edi", ChangeOrderPipelineTests.firstChange)
            try drop("locations.edi", ShipToChangePipelineTests.list(control: 921, ShipToChangePipelineTests.store77))
            let second = await gateway.pipeline.poll()
            XCTAssertEqual(second.map(\.outcome), [.done, .done], "\(second)")
            let answer865 = try XCTUnwrap(second.first { $0.name == "change-1.edi" }?.control865.first)
            XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: server.onServer("acme/archive"))),
                           ["PO-88231.edi", "change-1.edi", "locations.edi"], "picked up and archived on the server")

            // Store 77 approved and applied to the ERP.
            let proposed = try await gateway.store.shipToChanges(partner: "acme-retail")
            XCTAssertEqual(proposed.map(\.locationCode), ["0077"])
            _ = try await gateway.store.decideShipToChange(try XCTUnwrap(proposed.first).id, approve: true, by: "ops-team")
            let applied = try await ShipToApplier(store: gateway.store, client: gateway.client, profiles: [try gateway.profile()]).applyApproved()
            XCTAssertEqual(applied.map(\.result), [.applied])

            // The ERP's stock and prices to ACME, uploaded over SFTP.
            let profile = try gateway.profile()
            let sender = ItemDocumentSender(store: gateway.store, profile: profile, transport: try profile.transport.makeTransport(),
                                            library: try SchemaLibrary(directory: try XCTUnwrap(SchemaResources.directory)),
                                            maps: MapCatalog(directory: GatewayPipelineTests.repository.appendingPathComponent("Maps").path), client: gateway.client)
            let advice = try await sender.adviseInventory(reason: "test")
            XCTAssertEqual(advice.outcome, .sent, advice.reason ?? "")
            let catalog = try await sender.publishCatalog(reason: "test")
            XCTAssertEqual(catalog.outcome, .sent, catalog.reason ?? "")

            let files = try outbound()
            for expected in ["855-\(answer855).edi", "865-\(answer865).edi", try XCTUnwrap(advice.file), try XCTUnwrap(catalog.file)] {
                XCTAssertTrue(files.contains(expected), "\(expected) not in \(files)")
                XCTAssertEqual(try accepted(expected), "A", "\(expected) is valid X12")
            }
            XCTAssertEqual(files.filter { $0.hasPrefix("997-") }.count, 3, "one 997 per file: \(files)")
            let pending = try await gateway.store.outboundDocuments(partner: "acme-retail", limit: 100).filter { $0.state != .sent }
            XCTAssertEqual(pending.map(\.fileName), [], "everything queued was uploaded")
            let verification = try await gateway.store.audit.verify()
            XCTAssertTrue(verification.isIntact, "\(verification)")
        }
    }
}
