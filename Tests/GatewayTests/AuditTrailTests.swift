import Foundation
import StoreHarness
import XCTest
@testable import Gateway
@testable import Store

final class AuditTrailTests: XCTestCase {
    private func storeWithEntries(_ count: Int, in directory: TemporaryDirectory) async throws -> GatewayStore {
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        for index in 1...count {
            try await store.audit.append(AuditEvent(partner: "acme", document: "invoice/INV-\(index)", kind: AuditEventKind("invoice.sent"),
                                                    details: ["amount": .text("\(index * 100).00"), "lines": .integer(Int64(index))]),
                                         at: Date(timeIntervalSince1970: 1_795_000_000 + Double(index)))
        }
        return store
    }

    /// Raw SQL on the store, as someone with sqlite3 or psql would do it: a connection of its own.
    private func tamper(_ path: String, _ sql: String) throws {
        try TestStore.tamper(path: path, sql)
    }

    /// Plain SQL on its own connection, outside any async context.
    private func execute(_ path: String, _ sql: String) throws {
        try TestStore.execute(path: path, sql)
    }

    private func store(_ path: String) throws -> GatewayStore { try TestStore.open(path: path) }

    /// The details' text is written by hand for speed; it must be what JSONEncoder writes with
    /// sorted keys, byte for byte, for any text (quotes, controls, non-ASCII) and any keys.
    func testDetailsAreWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let every = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        let samples: [[String: AuditValue]] = [
            [:],
            ["b": .text("x"), "a": .integer(-42), "B": .flag(true), "a10": .flag(false), "a9": .list([]), "_": .list(["1", "\"q\"", "é/ü"])],
            ["every": .text(every), "unicode": .text("Grüße 😀 \u{2028}\u{0}"), "max": .integer(.max), "min": .integer(.min)],
            ["ключ": .text("значение"), "ä": .text(""), "z": .list([every, "\\"])],
        ]
        for details in samples {
            XCTAssertEqual(AuditEvent.json(details), String(decoding: try encoder.encode(details), as: UTF8.self))
        }
    }

    func testEntriesChainFromGenesisAndVerify() async throws {
        let directory = try TemporaryDirectory()
        let store = try await storeWithEntries(3, in: directory)
        let entries = try await store.audit.entries()
        XCTAssertEqual(entries.map(\.sequence), [1, 2, 3])
        XCTAssertEqual(entries[0].previousHash, AuditHash.genesis)
        XCTAssertEqual(entries[1].previousHash, entries[0].hash)
        XCTAssertEqual(entries[2].previousHash, entries[1].hash)
        XCTAssertEqual(entries[0].details, #"{"amount":"100.00","lines":1}"#)
        XCTAssertEqual(entries[0].recordedAt, "2026-11-18T11:06:41.000Z")
        let verification = try await store.audit.verify()
        XCTAssertEqual(verification, .intact(entries: 3, head: entries[2].hash))
    }

    /// The netstring layout documented in docs/gateway-store.md, computed independently.
    func testHashIsSHA256OverNetstringsAsDocumented() async throws {
        let directory = try TemporaryDirectory()
        let store = try await storeWithEntries(1, in: directory)
        let entries = try await store.audit.entries()
        let entry = try XCTUnwrap(entries.first)
        let fields = ["1", entry.recordedAt, "acme", "invoice/INV-1", "invoice.sent", entry.details, AuditHash.genesis]
        let input = fields.map { "\($0.utf8.count):\($0)," }.joined()
        XCTAssertEqual(entry.hash, ContentDigest.sha256(Data(input.utf8)))
    }

    func testTriggersRefuseUpdateAndDelete() async throws {
        let directory = try TemporaryDirectory()
        _ = try await storeWithEntries(2, in: directory)
        let path = directory.path("gateway.sqlite")
        XCTAssertThrowsError(try execute(path, "UPDATE audit_log SET details = '{}' WHERE sequence = 1")) { error in
            XCTAssertTrue("\(error)".contains("append-only"), "\(error)")
        }
        XCTAssertThrowsError(try execute(path, "DELETE FROM audit_log WHERE sequence = 2")) { error in
            XCTAssertTrue("\(error)".contains("append-only"), "\(error)")
        }
        let entries = try await store(path).audit.entries()
        XCTAssertEqual(entries.map(\.details), [#"{"amount":"100.00","lines":1}"#, #"{"amount":"200.00","lines":2}"#])
    }

    func testEditedFieldIsNamedByItsSequence() async throws {
        let directory = try TemporaryDirectory()
        let store = try await storeWithEntries(5, in: directory)
        try tamper(directory.path("gateway.sqlite"), #"UPDATE audit_log SET details = '{"amount":"1.00","lines":3}' WHERE sequence = 3"#)
        let verification = try await store.audit.verify()
        guard case .broken(let sequence, .hashMismatch) = verification else { return XCTFail("\(verification)") }
        XCTAssertEqual(sequence, 3)
    }

    /// A tamperer who also recomputes the edited row's hash is caught at the next row.
    func testRehashedRowIsCaughtByItsSuccessor() async throws {
        let directory = try TemporaryDirectory()
        let store = try await storeWithEntries(5, in: directory)
        let original = try await store.audit.entries()[2]
        let details = #"{"amount":"1.00","lines":3}"#
        let forged = AuditHash.hash(sequence: 3, recordedAt: original.recordedAt, partner: original.partner, document: original.document,
                                    event: original.event, details: details, previousHash: original.previousHash)
        try tamper(directory.path("gateway.sqlite"), "UPDATE audit_log SET details = '\(details)', hash = '\(forged)' WHERE sequence = 3")
        let verification = try await store.audit.verify()
        guard case .broken(let sequence, .previousHashMismatch) = verification else { return XCTFail("\(verification)") }
        XCTAssertEqual(sequence, 4)
    }

    func testDeletedRowIsNamed() async throws {
        let directory = try TemporaryDirectory()
        let store = try await storeWithEntries(5, in: directory)
        try tamper(directory.path("gateway.sqlite"), "DELETE FROM audit_log WHERE sequence = 2")
        let verification = try await store.audit.verify()
        XCTAssertEqual(verification, .broken(sequence: 2, problem: .missing(nextPresent: 3)))
    }

    /// Cutting off the newest entries leaves a valid chain; an anchor noted earlier shows it.
    func testTruncatedTailIsCaughtByAnAnchor() async throws {
        let directory = try TemporaryDirectory()
        let store = try await storeWithEntries(5, in: directory)
        guard case .intact(_, let head) = try await store.audit.verify() else { return XCTFail("not intact before tampering") }
        try tamper(directory.path("gateway.sqlite"), "DELETE FROM audit_log WHERE sequence >= 4")
        let plain = try await store.audit.verify()
        XCTAssertTrue(plain.isIntact)
        let anchored = try await store.audit.verify(anchor: (5, head))
        XCTAssertEqual(anchored, .broken(sequence: 5, problem: .anchorMismatch(expected: head, found: nil)))
    }

    func testStoreOperationsAreAuditedAndTheTrailOfARealRunVerifies() async throws {
        let directory = try TemporaryDirectory()
        let store = try TestStore.open(path: directory.path("gateway.sqlite"))
        let bytes = Data("ST*850*0001~".utf8)
        let file = try await store.recordInbound(partner: "acme", name: "po.edi", sha256: ContentDigest.sha256(bytes), bytes: bytes).file
        try await store.startProcessing(file.id)
        try await store.markHeld(file.id, reason: "ERP timed out", retryAt: Date().addingTimeInterval(60))
        _ = try await store.controlNumbers().next(.interchange, partner: "acme")

        let entries = try await store.audit.entries(partner: "acme")
        XCTAssertEqual(entries.map(\.event), ["inbound.received", "inbound.processing", "inbound.held"])
        XCTAssertTrue(entries[2].details.contains(#""reason":"ERP timed out""#), entries[2].details)
        let latest = try await store.audit.entries(latest: 1)
        XCTAssertEqual(latest.map(\.sequence), [3])
        let verification = try await store.audit.verify()
        XCTAssertTrue(verification.isIntact, "\(verification)")
    }
}
