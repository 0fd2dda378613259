import Foundation
import GRDB
import XCTest
@testable import Gateway
@testable import Store

final class GatewayDatabaseTests: XCTestCase {
    /// The durability the exactly-once argument assumes: WAL, and an fsync on every commit.
    func testDatabaseIsWALWithFullSynchronousCommits() throws {
        let directory = try TemporaryDirectory()
        let pool = try GatewayDatabase.open(path: directory.path("gateway.sqlite"))
        let settings = try pool.unsafeReentrantRead { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        XCTAssertEqual(settings.0, "wal")
        XCTAssertEqual(settings.1, 2, "synchronous = FULL")
        XCTAssertEqual(settings.2, 1)
    }

    func testReadOnlyOpenRefusesAFileWithoutTheGatewayTablesAndChangesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("other.sqlite")
        try DatabaseQueue(path: path).inDatabase { try $0.execute(sql: "CREATE TABLE notes (text TEXT)") }
        XCTAssertThrowsError(try GatewayDatabase.openReadOnly(path: path)) { error in
            XCTAssertEqual(error as? GatewayStoreError, .notAGatewayDatabase(path: path, missingMigrations: GatewaySchema.migrator.migrations))
        }
        let tables = try DatabaseQueue(path: path).inDatabase { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        XCTAssertEqual(tables, ["notes"])
    }

    func testTimestampsRoundTripAtMillisecondPrecisionAndSortAsText() throws {
        let dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_795_000_000.005),
                     Date(timeIntervalSince1970: 1_795_000_000.9996), Date(timeIntervalSince1970: 4_102_444_800.123)]
        for date in dates {
            let text = GatewayTimestamp.text(date)
            XCTAssertEqual(text.count, 24, text)
            XCTAssertEqual(GatewayTimestamp.date(text), GatewayTimestamp.rounded(date), text)
        }
        XCTAssertEqual(GatewayTimestamp.text(dates[2]), "2026-11-18T11:06:41.000Z", "rounds to the nearest millisecond")
        XCTAssertEqual(dates.map(GatewayTimestamp.text), dates.map(GatewayTimestamp.text).sorted())
        XCTAssertNil(GatewayTimestamp.date("2026-11-18 11:06:41"))
    }

    /// Control-number lists are split by hand when plain; every list reads back as JSONDecoder
    /// reads it, and what is not a list of strings is still refused with the row named.
    func testStoredStringListsReadAsJSONDecoderReadsThem() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lists: [[String]] = [[], ["0001"], ["0001", "0002", "12345"], [""], ["", ""], ["a\"b", "c\\d", "tab\t", "é/😀"], [",", "[", "]"]]
        for list in lists {
            let text = String(decoding: try encoder.encode(list), as: UTF8.self)
            XCTAssertEqual(try StoredJSON.decode([String].self, text, table: "t", key: "1"), list, text)
        }
        XCTAssertEqual(try StoredJSON.decode([String].self, "[ \"a\" , \"b\" ]", table: "t", key: "1"), ["a", "b"], "spaced JSON falls back to the decoder")
        for bad in ["", "[", "[\"a\"", "{\"a\":1}", "[1]", "[\"a\"\"b\"]"] {
            XCTAssertThrowsError(try StoredJSON.decode([String].self, bad, table: "t", key: "1"), bad)
        }
    }

    func testADatabaseURLIsRefusedAndNothingIsCreated() throws {
        let url = "postgres://gateway@localhost/edigate"
        XCTAssertThrowsError(try GatewayDatabase.open(path: url)) { error in
            XCTAssertEqual(error as? GatewayStoreError, .cannotOpen(path: url, reason: "a URL, not a SQLite file path (a postgres:// store opens through GatewayStore.open(location:); docs/scaling.md)"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "postgres:"))
    }
}
