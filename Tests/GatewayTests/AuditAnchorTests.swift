import Crypto
import Foundation
import GRDB
import XCTest
@testable import Gateway
@testable import Store

/// Audit anchors: the signed head of the chain kept apart from the database
/// (docs/audit-anchoring.md). Unit tests of `AuditAnchor`, then `edigate audit anchor` and
/// `edigate audit verify --anchor FILE` through the built binary against the rewrites an
/// attacker with the database file can make.
final class AuditAnchorTests: XCTestCase {
    private static let hmacSecret = "0123456789abcdef0123456789abcdef-test-anchor-key"
    private static let otherHMACSecret = "fedcba9876543210fedcba9876543210-other-anchor-key"
    /// Base64 of 32 raw bytes: an Ed25519 private key.
    private static let ed25519Secret = Data((0..<32).map { UInt8($0 &* 7 &+ 3) }).base64EncodedString()
    private static let otherEd25519Secret = Data((0..<32).map { UInt8(255 - $0) }).base64EncodedString()
    private static let head = (sequence: Int64(4), hash: String(repeating: "ab", count: 32))
    private static let date = Date(timeIntervalSince1970: 1_795_000_000.25)

    private func key(_ secret: String, _ algorithm: AuditAnchorAlgorithm) throws -> AuditAnchorKey {
        try AuditAnchorKey(secret: secret, algorithm: algorithm)
    }

    private func assertDoesNotHold(_ anchor: AuditAnchor, _ key: AuditAnchorKey, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try anchor.verify(key: key), file: file, line: line) { error in
            guard let error = error as? AuditAnchorError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertTrue(error.anchorDoesNotHold, "\(error)", file: file, line: line)
        }
    }

    // MARK: - Unit

    func testHMACAnchorVerifiesWithItsKeyOnly() throws {
        try checkMakeAndVerify(.hmacSHA256, secret: Self.hmacSecret, other: Self.otherHMACSecret, signatureBytes: 32)
    }

    func testEd25519AnchorVerifiesWithItsKeyOnly() throws {
        try checkMakeAndVerify(.ed25519, secret: Self.ed25519Secret, other: Self.otherEd25519Secret, signatureBytes: 64)
    }

    private func checkMakeAndVerify(_ algorithm: AuditAnchorAlgorithm, secret: String, other: String, signatureBytes: Int) throws {
        let signing = try key(secret, algorithm)
        let anchor = try AuditAnchor.make(head: Self.head, entries: 4, at: Self.date, key: signing)
        XCTAssertEqual(anchor.version, 1)
        XCTAssertEqual(anchor.sequence, 4)
        XCTAssertEqual(anchor.hash, Self.head.hash)
        XCTAssertEqual(anchor.entries, 4)
        XCTAssertEqual(anchor.anchoredAt, "2026-11-18T11:06:40.250Z")
        XCTAssertEqual(anchor.algorithm, algorithm.rawValue)
        XCTAssertEqual(anchor.keyID, signing.keyID)
        XCTAssertEqual(Data(base64Encoded: anchor.signature)?.count, signatureBytes)
        XCTAssertNoThrow(try anchor.verify(key: signing))
        // The same secret read again (as `verify` does from the reference) verifies too.
        XCTAssertNoThrow(try anchor.verify(key: try key(secret, algorithm)))

        assertDoesNotHold(anchor, try key(other, algorithm))

        var edited = anchor
        edited.sequence = 3
        assertDoesNotHold(edited, signing)
        edited = anchor
        edited.hash = String(repeating: "cd", count: 32)
        assertDoesNotHold(edited, signing)
        edited = anchor
        edited.entries = 5
        assertDoesNotHold(edited, signing)
        edited = anchor
        edited.anchoredAt = "2026-11-18T11:06:41.250Z"
        assertDoesNotHold(edited, signing)
        edited = anchor
        var signature = try XCTUnwrap(Data(base64Encoded: anchor.signature))
        signature[0] ^= 0x01
        edited.signature = signature.base64EncodedString()
        assertDoesNotHold(edited, signing)
        edited.signature = "not base64!"
        assertDoesNotHold(edited, signing)
        // Someone who edits the key ID to the verifier's key still lacks the signature.
        edited = anchor
        let otherKey = try key(other, algorithm)
        edited.keyID = otherKey.keyID
        XCTAssertThrowsError(try edited.verify(key: otherKey)) { error in
            XCTAssertEqual(error as? AuditAnchorError, .signatureMismatch(keyID: otherKey.keyID))
        }
    }

    func testMismatchesNameWhatDiffers() throws {
        let hmac = try key(Self.hmacSecret, .hmacSHA256)
        let other = try key(Self.otherHMACSecret, .hmacSHA256)
        let ed25519 = try key(Self.ed25519Secret, .ed25519)
        let anchor = try AuditAnchor.make(head: Self.head, entries: 4, at: Self.date, key: hmac)

        XCTAssertThrowsError(try anchor.verify(key: other)) { error in
            XCTAssertEqual(error as? AuditAnchorError, .keyMismatch(anchorKeyID: hmac.keyID, givenKeyID: other.keyID))
        }
        XCTAssertThrowsError(try anchor.verify(key: ed25519)) { error in
            XCTAssertEqual(error as? AuditAnchorError, .wrongKeyKind(anchorAlgorithm: "hmac-sha256", keyAlgorithm: "ed25519"))
            XCTAssertEqual((error as? AuditAnchorError)?.anchorDoesNotHold, false)
        }
        var edited = anchor
        edited.algorithm = "hmac-sha1"
        XCTAssertThrowsError(try edited.verify(key: hmac)) { error in
            XCTAssertEqual(error as? AuditAnchorError, .unknownAlgorithm("hmac-sha1"))
            XCTAssertTrue("\(error)".contains("hmac-sha256 or ed25519"), "\(error)")
        }
        edited = anchor
        edited.version = 2
        XCTAssertThrowsError(try edited.verify(key: hmac)) { error in
            XCTAssertEqual(error as? AuditAnchorError, .unsupportedVersion(2))
        }
        // A line feed in a signed field would make the message ambiguous: refused by form.
        edited = anchor
        edited.hash = Self.head.hash + "\n5"
        XCTAssertThrowsError(try edited.verify(key: hmac)) { error in
            guard case .malformedField(name: "hash", _, _)? = error as? AuditAnchorError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try AuditAnchor.make(head: (0, AuditHash.genesis), entries: 0, key: hmac)) { error in
            guard case .malformedField(name: "sequence", _, _)? = error as? AuditAnchorError else { return XCTFail("\(error)") }
        }
    }

    func testKeysFromSecretText() throws {
        XCTAssertThrowsError(try key(String(repeating: "k", count: 31), .hmacSHA256)) { error in
            XCTAssertEqual(error as? AuditAnchorError, .keyTooShort(bytes: 31, minimum: 32))
        }
        XCTAssertNoThrow(try key(String(repeating: "k", count: 32), .hmacSHA256))
        XCTAssertThrowsError(try key("not base64 at all!", .ed25519)) { error in
            XCTAssertEqual(error as? AuditAnchorError, .invalidEd25519Key(reason: "not base64"))
        }
        XCTAssertThrowsError(try key(Data(count: 31).base64EncodedString(), .ed25519)) { error in
            XCTAssertEqual(error as? AuditAnchorError, .invalidEd25519Key(reason: "31 bytes after base64 decoding"))
        }
        // A file written by `openssl rand -base64 32` ends with a line feed.
        XCTAssertNoThrow(try key(Self.ed25519Secret + "\n", .ed25519))

        // Key IDs: SHA-256 of the HMAC key's bytes / of the Ed25519 public key, first 16 hex digits.
        XCTAssertEqual(try key(Self.hmacSecret, .hmacSHA256).keyID,
                       String(ContentDigest.sha256(Data(Self.hmacSecret.utf8)).prefix(16)))
        let raw = try XCTUnwrap(Data(base64Encoded: Self.ed25519Secret))
        let publicKey = try Curve25519.Signing.PrivateKey(rawRepresentation: raw).publicKey.rawRepresentation
        XCTAssertEqual(try key(Self.ed25519Secret, .ed25519).keyID, String(ContentDigest.sha256(publicKey).prefix(16)))
    }

    /// The documented message, and a signature anyone can recompute from it with the key.
    func testSignedMessageIsTheDocumentedBytes() throws {
        let hmac = try key(Self.hmacSecret, .hmacSHA256)
        let anchor = try AuditAnchor.make(head: Self.head, entries: 4, at: Self.date, key: hmac)
        let message = "edigate-audit-anchor v1\n4\n\(Self.head.hash)\n4\n2026-11-18T11:06:40.250Z\nhmac-sha256\n\(hmac.keyID)"
        XCTAssertEqual(anchor.signedMessage, Array(message.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(Self.hmacSecret.utf8)))
        XCTAssertEqual(anchor.signature, Data(code).base64EncodedString())
    }

    func testFileIsCreatedOnceWithMode0600AndReadsBack() throws {
        let directory = try TemporaryDirectory()
        let anchors = directory.path("anchors")
        try FileManager.default.createDirectory(atPath: anchors, withIntermediateDirectories: false)
        let anchor = try AuditAnchor.make(head: Self.head, entries: 4, at: Self.date, key: try key(Self.hmacSecret, .hmacSHA256))
        let path = try anchor.write(toFolder: anchors, databasePath: directory.path("db/gateway.sqlite"))
        XCTAssertEqual(path, anchors + "/audit-anchor-4-20261118T110640Z.json")
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
        XCTAssertEqual(mode.intValue, 0o600)
        XCTAssertEqual(try AuditAnchor.read(path: path), anchor)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("{\n  \"algorithm\" : \"hmac-sha256\",\n  \"anchoredAt\" : "), text)
        XCTAssertTrue(text.hasSuffix("\"version\" : 1\n}\n"), text)

        XCTAssertThrowsError(try anchor.write(toFolder: anchors, databasePath: nil)) { error in
            XCTAssertEqual(error as? AuditAnchorError, .exists(path: path))
        }
        XCTAssertEqual(try AuditAnchor.read(path: path), anchor, "the existing anchor is left as it was")
        XCTAssertThrowsError(try anchor.write(toFolder: directory.path("absent"), databasePath: nil)) { error in
            XCTAssertEqual(error as? AuditAnchorError, .notAFolder(directory.path("absent")))
        }
    }

    func testTheDatabaseFolderIsRefusedHoweverItIsNamed() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("gateway.sqlite")
        FileManager.default.createFile(atPath: database, contents: Data())
        try FileManager.default.createDirectory(atPath: directory.path("sub"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: directory.path("link"), withDestinationPath: directory.url.path)
        for folder in [directory.url.path, directory.url.path + "/", directory.path("sub/.."), directory.path("link")] {
            XCTAssertThrowsError(try AuditAnchor.checkFolder(folder, databasePath: database), folder) { error in
                XCTAssertEqual(error as? AuditAnchorError, .folderHoldsDatabase(folder: folder, database: database))
            }
        }
        // A database reached through a symbolic link lives where the link points.
        let elsewhere = try TemporaryDirectory()
        let linkedDatabase = elsewhere.path("gateway.sqlite")
        try FileManager.default.createSymbolicLink(atPath: linkedDatabase, withDestinationPath: database)
        XCTAssertThrowsError(try AuditAnchor.checkFolder(directory.url.path, databasePath: linkedDatabase))
        XCTAssertNoThrow(try AuditAnchor.checkFolder(directory.path("sub"), databasePath: database))
        XCTAssertNoThrow(try AuditAnchor.checkFolder(elsewhere.url.path, databasePath: database))
    }

    func testReadNamesWhatIsWrongWithAFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("anchor.json")
        XCTAssertThrowsError(try AuditAnchor.read(path: path)) { error in
            XCTAssertEqual(error as? AuditAnchorError, .cannotRead(path: path, reason: "no such file"))
        }
        try Data("sequence: 4".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try AuditAnchor.read(path: path)) { error in
            XCTAssertEqual(error as? AuditAnchorError, .notAnAnchor(path: path, reason: "not JSON"))
        }
        try Data(#"{"version": 1, "sequence": 4}"#.utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try AuditAnchor.read(path: path)) { error in
            guard case .notAnAnchor(_, let reason)? = error as? AuditAnchorError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.hasPrefix("no field "), reason)
        }
    }

    // MARK: - edigate audit anchor / verify --anchor, through the binary

    private static let keyVariable = "EDIGATE_TEST_ANCHOR_KEY"

    private struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    private func edigate(_ arguments: [String], key: String? = hmacSecret) throws -> Run {
        var environment = ProcessInfo.processInfo.environment
        environment[Self.keyVariable] = key
        let run = try EdigateBinary.run(try EdigateBinary.locate(), arguments, environment: environment)
        return Run(status: run.status, output: run.stdout, errors: run.stderr)
    }

    /// A gateway database in `db/` and an empty `anchors/` folder beside it (not inside).
    private struct Setup {
        let directory: TemporaryDirectory
        var database: String { directory.path("db/gateway.sqlite") }
        var anchors: String { directory.path("anchors") }
    }

    private func setUpStore(entries: Int = 5) async throws -> Setup {
        let setup = Setup(directory: try TemporaryDirectory())
        for folder in ["db", "anchors"] {
            try FileManager.default.createDirectory(atPath: setup.directory.path(folder), withIntermediateDirectories: false)
        }
        let store = try GatewayStore(path: setup.database)
        let partners = ["acme", "globex", "acme", "acme", "globex", "acme"]
        for index in 0..<entries {
            try await store.audit.append(AuditEvent(partner: partners[index % partners.count], document: "invoice/INV-\(index + 1)",
                                                    kind: AuditEventKind("invoice.sent"), details: ["amount": .text("\(index + 1)00.00")]))
        }
        return setup
    }

    private func anchor(_ setup: Setup, algorithm: String? = nil, key: String = hmacSecret) throws -> String {
        var arguments = ["audit", "anchor", "--db", setup.database, "--key", "env:\(Self.keyVariable)", "--out", setup.anchors]
        if let algorithm { arguments += ["--algorithm", algorithm] }
        let run = try edigate(arguments, key: key)
        XCTAssertEqual(run.status, 0, run.errors)
        let line = run.output.trimmingCharacters(in: .newlines)
        let prefix = "anchored: "
        XCTAssertTrue(line.hasPrefix(prefix), line)
        let path = try XCTUnwrap(line.components(separatedBy: " -> ").last)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), path)
        return path
    }

    private func verify(_ setup: Setup, anchor file: String, key: String = hmacSecret) throws -> Run {
        try edigate(["audit", "verify", "--db", setup.database, "--anchor", file, "--key", "env:\(Self.keyVariable)"], key: key)
    }

    /// What someone with write access to the file can do: remove the trigger, edit an entry and
    /// recompute its hash and every hash after it with the trail's own function.
    private func rewrite(_ path: String, sequence: Int64, details: String) throws {
        try DatabaseQueue(path: path).inDatabase { db in
            try db.execute(sql: "DROP TRIGGER audit_log_refuses_update")
            try db.execute(sql: "UPDATE audit_log SET details = ? WHERE sequence = ?", arguments: [details, sequence])
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE sequence >= ? ORDER BY sequence", arguments: [sequence])
            var previousHash: String = try String.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE sequence = ?", arguments: [sequence - 1])
                ?? AuditHash.genesis
            for row in rows {
                let hash = AuditHash.hash(sequence: row["sequence"], recordedAt: row["recorded_at"], partner: row["partner"],
                                          document: row["document"], event: row["event"], details: row["details"], previousHash: previousHash)
                try db.execute(sql: "UPDATE audit_log SET previous_hash = ?, hash = ? WHERE sequence = ?",
                               arguments: [previousHash, hash, row["sequence"] as Int64])
                previousHash = hash
            }
        }
    }

    func testAnchorWritesA0600FileThatVerifies() async throws {
        let setup = try await setUpStore()
        let path = try anchor(setup)
        XCTAssertEqual((path as NSString).deletingLastPathComponent, setup.anchors)
        XCTAssertTrue((path as NSString).lastPathComponent.hasPrefix("audit-anchor-5-"), path)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
        XCTAssertEqual(mode.intValue, 0o600)
        let written = try AuditAnchor.read(path: path)
        XCTAssertEqual(written.sequence, 5)
        XCTAssertEqual(written.entries, 5)
        XCTAssertEqual(written.algorithm, "hmac-sha256")
        let plain = try edigate(["audit", "verify", "--db", setup.database])
        XCTAssertEqual(plain.output, "ok: 5 entries, head 5:\(written.hash)\n")

        let run = try verify(setup, anchor: path)
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertEqual(run.output, "ok: 5 entries, head 5:\(written.hash)\nanchor \(path): sequence 5 matches\n")

        // Entries appended after the anchor do not disturb it.
        let store = try GatewayStore(path: setup.database)
        try await store.audit.append(AuditEvent(partner: "acme", document: "invoice/INV-6", kind: AuditEventKind("invoice.sent")))
        let later = try verify(setup, anchor: path)
        XCTAssertEqual(later.status, 0, later.errors)
        XCTAssertTrue(later.output.hasPrefix("ok: 6 entries, head 6:"), later.output)
        XCTAssertTrue(later.output.hasSuffix("anchor \(path): sequence 5 matches\n"), later.output)
    }

    func testEd25519AnchorVerifiesThroughTheBinary() async throws {
        let setup = try await setUpStore()
        let path = try anchor(setup, algorithm: "ed25519", key: Self.ed25519Secret)
        XCTAssertEqual(try AuditAnchor.read(path: path).algorithm, "ed25519")
        let good = try verify(setup, anchor: path, key: Self.ed25519Secret)
        XCTAssertEqual(good.status, 0, good.errors)
        let other = try verify(setup, anchor: path, key: Self.otherEd25519Secret)
        XCTAssertEqual(other.status, 1, other.errors)
        XCTAssertTrue(other.output.hasPrefix("anchor \(path) does not verify with the given key:"), other.output)
    }

    /// The rewrite plain `verify` cannot see: every hash recomputed after the edited entry.
    func testRecomputedChainPassesPlainVerifyButNotTheAnchor() async throws {
        let setup = try await setUpStore()
        let path = try anchor(setup)
        try rewrite(setup.database, sequence: 3, details: #"{"amount":"1.00"}"#)

        let plain = try edigate(["audit", "verify", "--db", setup.database])
        XCTAssertEqual(plain.status, 0, plain.output)
        XCTAssertTrue(plain.output.hasPrefix("ok: 5 entries, head 5:"), plain.output)

        let anchored = try verify(setup, anchor: path)
        XCTAssertEqual(anchored.status, 1, anchored.errors)
        let written = try AuditAnchor.read(path: path)
        XCTAssertTrue(anchored.output.hasPrefix("broken at sequence 5: anchored hash \(written.hash), found "), anchored.output)
        XCTAssertFalse(anchored.output.contains("matches"), anchored.output)
    }

    func testTruncatedTrailIsBroken() async throws {
        let setup = try await setUpStore()
        let path = try anchor(setup)
        try DatabaseQueue(path: setup.database).inDatabase { db in
            try db.execute(sql: "DROP TRIGGER audit_log_refuses_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE sequence >= 4")
        }
        let plain = try edigate(["audit", "verify", "--db", setup.database])
        XCTAssertEqual(plain.status, 0, plain.output)

        let anchored = try verify(setup, anchor: path)
        XCTAssertEqual(anchored.status, 1, anchored.errors)
        XCTAssertTrue(anchored.output.hasPrefix("broken at sequence 5: anchored hash "), anchored.output)
        XCTAssertTrue(anchored.output.hasSuffix(", found no entry\n"), anchored.output)
    }

    /// Moving the anchor back to before the rewrite would make it pass; the signature forbids it.
    func testTamperedAnchorFileExitsOne() async throws {
        let setup = try await setUpStore()
        let path = try anchor(setup)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let secondHash = try DatabaseQueue(path: setup.database).inDatabase { db in
            try String.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE sequence = 2")
        }
        object["sequence"] = 2
        object["hash"] = try XCTUnwrap(secondHash)
        let tampered = setup.directory.path("anchors/tampered.json")
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: tampered))

        let run = try verify(setup, anchor: tampered)
        XCTAssertEqual(run.status, 1, run.errors)
        XCTAssertTrue(run.output.hasPrefix("anchor \(tampered) does not verify with the given key: signature does not match"), run.output)
        XCTAssertFalse(run.output.contains("ok:"), run.output)

        // Only the sequence changed: still refused.
        object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        object["sequence"] = 4
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: tampered))
        XCTAssertEqual(try verify(setup, anchor: tampered).status, 1)

        // The right file with another key.
        let otherKey = try verify(setup, anchor: path, key: Self.otherHMACSecret)
        XCTAssertEqual(otherKey.status, 1, otherKey.errors)
        XCTAssertTrue(otherKey.output.contains("anchor was made with key "), otherKey.output)
    }

    func testUnusableKeyFolderOrDatabaseExitsTwo() async throws {
        let setup = try await setUpStore()
        let path = try anchor(setup)

        let noKey = try edigate(["audit", "verify", "--db", setup.database, "--anchor", path])
        XCTAssertEqual(noKey.status, 2)
        XCTAssertTrue(noKey.errors.contains("give the key it was made with"), noKey.errors)
        XCTAssertEqual(noKey.output, "")

        let unsetKey = try edigate(["audit", "verify", "--db", setup.database, "--anchor", path, "--key", "env:\(Self.keyVariable)"], key: nil)
        XCTAssertEqual(unsetKey.status, 2)
        XCTAssertTrue(unsetKey.errors.contains("environment variable not set"), unsetKey.errors)

        let inline = try edigate(["audit", "anchor", "--db", setup.database, "--key", Self.hmacSecret, "--out", setup.anchors])
        XCTAssertEqual(inline.status, 2)
        XCTAssertTrue(inline.errors.contains("expected env:NAME or file:PATH"), inline.errors)
        XCTAssertFalse(inline.errors.contains(Self.hmacSecret), "an inline secret is not echoed")

        let shortKey = try edigate(["audit", "anchor", "--db", setup.database, "--key", "env:\(Self.keyVariable)", "--out", setup.anchors], key: "short")
        XCTAssertEqual(shortKey.status, 2)
        XCTAssertTrue(shortKey.errors.contains("HMAC key has 5 bytes, at least 32 are required"), shortKey.errors)

        let databaseFolder = (setup.database as NSString).deletingLastPathComponent
        let ownFolder = try edigate(["audit", "anchor", "--db", setup.database, "--key", "env:\(Self.keyVariable)", "--out", databaseFolder])
        XCTAssertEqual(ownFolder.status, 2)
        XCTAssertTrue(ownFolder.errors.contains("is the folder of the database"), ownFolder.errors)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: databaseFolder).filter { $0.hasPrefix("audit-anchor-") }, [])

        let missingFolder = try edigate(["audit", "anchor", "--db", setup.database, "--key", "env:\(Self.keyVariable)", "--out", setup.directory.path("absent")])
        XCTAssertEqual(missingFolder.status, 2)
        XCTAssertTrue(missingFolder.errors.contains("no such folder"), missingFolder.errors)

        let missingDatabase = try edigate(["audit", "anchor", "--db", setup.directory.path("absent.sqlite"), "--key", "env:\(Self.keyVariable)", "--out", setup.anchors])
        XCTAssertEqual(missingDatabase.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: setup.directory.path("absent.sqlite")))

        let missingAnchor = try edigate(["audit", "verify", "--db", setup.database, "--anchor", setup.directory.path("anchors/absent.json"), "--key", "env:\(Self.keyVariable)"])
        XCTAssertEqual(missingAnchor.status, 2)
        XCTAssertTrue(missingAnchor.errors.contains("no such file"), missingAnchor.errors)

        let notAnAnchor = try verify(setup, anchor: setup.database)
        XCTAssertEqual(notAnAnchor.status, 2)
        XCTAssertTrue(notAnAnchor.errors.contains("not an audit anchor"), notAnAnchor.errors)
    }

    func testBrokenOrEmptyTrailIsNotAnchored() async throws {
        let setup = try await setUpStore()
        try DatabaseQueue(path: setup.database).inDatabase { db in
            try db.execute(sql: "DROP TRIGGER audit_log_refuses_update")
            try db.execute(sql: "UPDATE audit_log SET partner = 'initech' WHERE sequence = 2")
        }
        let broken = try edigate(["audit", "anchor", "--db", setup.database, "--key", "env:\(Self.keyVariable)", "--out", setup.anchors])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.output.hasPrefix("broken at sequence 2:"), broken.output)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: setup.anchors), [])

        let empty = try await setUpStore(entries: 0)
        let run = try edigate(["audit", "anchor", "--db", empty.database, "--key", "env:\(Self.keyVariable)", "--out", empty.anchors])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.errors.contains("nothing to anchor"), run.errors)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: empty.anchors), [])
    }

    /// The form noted by hand keeps working beside anchor files.
    func testSequenceHashAnchorStillWorks() async throws {
        let setup = try await setUpStore()
        let plain = try edigate(["audit", "verify", "--db", setup.database])
        let head = try XCTUnwrap(plain.output.components(separatedBy: "head ").last?.trimmingCharacters(in: .newlines))
        let good = try edigate(["audit", "verify", "--db", setup.database, "--anchor", head])
        XCTAssertEqual(good.status, 0, good.errors)
        XCTAssertEqual(good.output, plain.output)

        try rewrite(setup.database, sequence: 2, details: "{}")
        let rewritten = try edigate(["audit", "verify", "--db", setup.database, "--anchor", head])
        XCTAssertEqual(rewritten.status, 1)
        XCTAssertTrue(rewritten.output.hasPrefix("broken at sequence 5: anchored hash "), rewritten.output)
    }
}
