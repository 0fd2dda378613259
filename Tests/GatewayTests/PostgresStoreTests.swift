import Foundation
import GRDB
import Secrets
import StoreHarness
import XCTest
@testable import PostgresStore
@testable import Store

/// What only PostgreSQL has to show: several instances (connection pools) on one server, its
/// URL, its schema, its errors. The store's behaviour itself is checked by the same test
/// classes on both engines (scripts/postgres-tests.sh).
final class PostgresStoreTests: XCTestCase {
    private func freshLocation() throws -> String {
        try PostgresTestServer.shared.location(database: "pg_" + UUID().uuidString.prefix(8).lowercased())
    }

    func testPlaceholdersAreNumberedOutsideQuotes() {
        XCTAssertEqual(PostgresPlaceholders.numbered("SELECT * FROM t WHERE a = ? AND b = '?' AND \"c?\" = ? LIMIT ?"),
                       "SELECT * FROM t WHERE a = $1 AND b = '?' AND \"c?\" = $2 LIMIT $3")
        XCTAssertEqual(PostgresPlaceholders.numbered("SELECT 'it''s ?' , ?"), "SELECT 'it''s ?' , $1")
        XCTAssertEqual(PostgresPlaceholders.numbered("SELECT 1"), "SELECT 1")
    }

    func testLocationsAreParsedAndAPasswordIsOnlyEverAReference() throws {
        let location = try PostgresStoreLocation(parsing: "postgres://gateway@db.example:5433/edigate?password=env:EDIGATE_DB_PASSWORD&connections=4")
        XCTAssertEqual(location, PostgresStoreLocation(host: "db.example", port: 5433, username: "gateway", database: "edigate",
                                                       password: SecretReference(.environment("EDIGATE_DB_PASSWORD")), connections: 4))
        XCTAssertEqual(location.description, "postgres://gateway@db.example:5433/edigate?password=env:EDIGATE_DB_PASSWORD")
        XCTAssertEqual(try PostgresStoreLocation(parsing: "postgresql://gateway@db/edigate").port, 5432)
        let refused = [
            "postgres://gateway:hunter2@db/edigate": "a password inside the URL",
            "postgres://db/edigate": "no user",
            "postgres://gateway@db": "no database name",
            "postgres://gateway@db/edigate?password=hunter2": "password must be env:NAME or file:PATH",
            "postgres://gateway@db/edigate?sslmode=require": "unknown parameter 'sslmode'",
            "postgres://gateway@db/edigate?connections=0": "connections must be a number from 1 to 64",
        ]
        for (text, reason) in refused {
            XCTAssertThrowsError(try PostgresStoreLocation(parsing: text)) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(text): \(error)")
                XCTAssertFalse("\(error)".contains("hunter2"), "the password is not repeated: \(error)")
            }
        }
    }

    /// Two instances appending at once keep one chain: sequences without gap or repeat, each
    /// entry chained to the one before, whatever the interleaving.
    func testTwoInstancesAppendToOneLinearChain() async throws {
        let location = try freshLocation()
        let instances = [try GatewayStore.open(location: location), try GatewayStore.open(location: location)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in instances.enumerated() {
                for writer in 0..<4 {
                    group.addTask {
                        for event in 0..<40 {
                            try await store.audit.append(AuditEvent(partner: "p\(index)", document: "d\(writer)", kind: .controlNumberSet,
                                                                    details: ["n": .integer(Int64(event))]))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let verification = try await instances[1].audit.verify()
        guard case .intact(let entries, _) = verification else { return XCTFail("\(verification)") }
        XCTAssertEqual(entries, 320)
        let sequences = try await instances[0].audit.entries().map(\.sequence)
        XCTAssertEqual(sequences, Array(1...320))
    }

    /// The trail refuses UPDATE, DELETE and TRUNCATE from any client, not only the gateway.
    func testTheAuditLogIsAppendOnlyForEveryClient() async throws {
        let location = try freshLocation()
        let store = try GatewayStore.open(location: location)
        try await store.audit.append(AuditEvent(partner: "acme", document: nil, kind: .controlNumberSet))
        let database = String(location.split(separator: "/").last!)
        for statement in ["UPDATE audit_log SET details = '{}'", "DELETE FROM audit_log", "TRUNCATE audit_log"] {
            XCTAssertThrowsError(try PostgresTestServer.shared.psql(statement, database: database)) { error in
                XCTAssertTrue("\(error)".contains("audit_log is append-only"), "\(statement): \(error)")
            }
        }
        let verification = try await store.audit.verify()
        guard case .intact(1, _) = verification else { return XCTFail("\(verification)") }
    }

    /// An empty database is not a store for readers (nothing created behind their back); opened
    /// for writing it gets the schema, every migration recorded, and a second open changes nothing.
    func testTheSchemaIsCreatedOnceAndReadersNeedIt() async throws {
        let location = try freshLocation()
        XCTAssertThrowsError(try GatewayStore.openExisting(location: location)) { error in
            XCTAssertEqual(error as? GatewayStoreError,
                           .notAGatewayDatabase(path: try! PostgresStoreLocation(parsing: location).description, missingMigrations: StoreMigrations.identifiers))
        }
        let store = try GatewayStore.open(location: location)
        XCTAssertEqual(try store.database.missingMigrations(), [])
        XCTAssertEqual(store.database.engine, "postgresql")
        _ = try GatewayStore.open(location: location)
        let reader = try GatewayStore.openExisting(location: location)
        let verification = try await reader.audit.verify()
        XCTAssertEqual(verification, .intact(entries: 0, head: AuditHash.genesis))
    }

    /// Both engines know the same migrations by the same names.
    func testBothEnginesCarryTheSameMigrations() {
        XCTAssertEqual(GatewaySchema.migrator.migrations, StoreMigrations.identifiers)
        XCTAssertEqual(PostgresSchema.migrations.map(\.identifier), StoreMigrations.identifiers)
    }

    /// A server that is not there is an error naming where the store was looked for.
    func testAnUnreachableServerIsAClearError() throws {
        XCTAssertThrowsError(try GatewayStore.open(location: "postgres://edigate@127.0.0.1:1/edigate")) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot connect to the PostgreSQL store postgres://edigate@127.0.0.1:1/edigate: "), "\(error)")
        }
    }

    /// `edigate store copy`'s engine: a SQLite store with files (one in its content folder),
    /// control numbers, an outbound interchange and its audit trail, copied into PostgreSQL:
    /// the same rows and ids, the bytes readable, the chain verified with the same head, new
    /// rows continue after the copied ids; a second copy into the now non-empty target and a
    /// copy of a broken chain are refused before anything is written.
    func testASQLiteStoreCopiesIntoPostgresWithItsChainVerified() async throws {
        let directory = try TemporaryDirectory()
        let sqlite = try GatewayStore(path: directory.path("gateway.sqlite"), inlineContentLimit: 64)
        var recorded: [InboundFile] = []
        for text in ["small one", "small two", String(repeating: "big file ", count: 40)] {
            let bytes = Data(text.utf8)
            recorded.append(try await sqlite.recordInbound(partner: "acme", name: "\(text.prefix(9)).edi", sha256: ContentDigest.sha256(bytes), bytes: bytes).file)
        }
        let staged = directory.path("staged.edi")
        let big = Data(String(repeating: "kept in the folder ", count: 10).utf8)
        try big.write(to: URL(fileURLWithPath: staged))
        let kept = try await sqlite.recordInbound(partner: "acme", name: "kept.edi", sha256: ContentDigest.sha256(big), size: Int64(big.count),
                                                  stagedFile: URL(fileURLWithPath: staged)).file
        _ = try await sqlite.controlNumbers().reserve(partner: "acme", interchanges: 2, groups: 1, transactionSets: 3)
        _ = try await sqlite.claimNextInbound()
        _ = try await sqlite.markDone(recorded[0].id)

        let location = try freshLocation()
        let postgres = try GatewayStore.open(location: location)
        let summary = try await StoreCopy(from: try GatewayStore.openExisting(location: directory.path("gateway.sqlite")), to: postgres).run()
        XCTAssertEqual(summary.rows["inbound_files"], 4)
        XCTAssertEqual(summary.rows["inbound_contents"], 4)
        XCTAssertEqual(summary.contentFiles, 1)
        let sourceVerification = try await sqlite.audit.verify()
        guard case .intact(let entries, let head) = sourceVerification else { return XCTFail("\(sourceVerification)") }
        XCTAssertEqual(summary.auditEntries, entries)
        XCTAssertEqual(summary.head, head)

        let copiedFiles = try await postgres.inboundFiles(in: .received) + postgres.inboundFiles(in: .done)
        XCTAssertEqual(Set(copiedFiles.map(\.id)), Set(recorded.map(\.id) + [kept.id]))
        let keptBytes = try await postgres.contents(ofInbound: kept.id)
        XCTAssertEqual(keptBytes, big, "a file from the content folder is in the PostgreSQL store itself")
        let lastInterchange = try await postgres.controlNumbers().last(.interchange, partner: "acme")
        XCTAssertEqual(lastInterchange, 2)
        let next = Data("after the copy".utf8)
        let after = try await postgres.recordInbound(partner: "acme", name: "after.edi", sha256: ContentDigest.sha256(next), bytes: next).file
        XCTAssertEqual(after.id, kept.id + 1, "ids continue after the copied ones")

        do {
            _ = try await StoreCopy(from: sqlite, to: postgres).run()
            XCTFail("copied into a store that is not empty")
        } catch let failure as StoreCopy.Failure {
            XCTAssertEqual(failure, .targetNotEmpty(table: "inbound_contents", rows: 5))
        }
        try DatabaseQueue(path: directory.path("gateway.sqlite")).inDatabase { db in
            try db.execute(sql: "DROP TRIGGER audit_log_refuses_update")
            try db.execute(sql: "UPDATE audit_log SET details = '{}' WHERE sequence = 2")
        }
        let empty = try GatewayStore.open(location: try freshLocation())
        do {
            _ = try await StoreCopy(from: sqlite, to: empty).run()
            XCTFail("copied a broken chain")
        } catch let failure as StoreCopy.Failure {
            XCTAssertTrue("\(failure)".hasPrefix("the source's audit trail does not verify"), "\(failure)")
        }
        let nothing = try await empty.inboundFiles(in: .received)
        XCTAssertTrue(nothing.isEmpty)
    }
}
