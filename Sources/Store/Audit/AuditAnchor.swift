import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How an anchor is authenticated.
public enum AuditAnchorAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// HMAC-SHA256 with a shared secret: whoever verifies can also make anchors.
    case hmacSHA256 = "hmac-sha256"
    /// Ed25519 signature with a private key.
    case ed25519 = "ed25519"
}

/// The key an anchor is made and checked with, built from a secret's text (a `SecretReference`
/// resolves it; the gateway never stores it).
public enum AuditAnchorKey: Sendable {
    /// The secret's bytes as given (UTF-8), at least `minimumHMACKeyBytes` of them.
    case hmacSHA256(SymmetricKey)
    /// Checking uses the private key's public key.
    case ed25519(Curve25519.Signing.PrivateKey)

    public static let minimumHMACKeyBytes = 32

    /// For `hmacSHA256` the secret's bytes are the key; for `ed25519` the secret is base64 of the
    /// 32-byte raw private key (any 32 random bytes are one: `openssl rand -base64 32`).
    public init(secret: String, algorithm: AuditAnchorAlgorithm) throws(AuditAnchorError) {
        switch algorithm {
        case .hmacSHA256:
            let bytes = Array(secret.utf8)
            guard bytes.count >= Self.minimumHMACKeyBytes else {
                throw .keyTooShort(bytes: bytes.count, minimum: Self.minimumHMACKeyBytes)
            }
            self = .hmacSHA256(SymmetricKey(data: bytes))
        case .ed25519:
            let text = secret.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let raw = Data(base64Encoded: text) else { throw .invalidEd25519Key(reason: "not base64") }
            guard raw.count == 32 else { throw .invalidEd25519Key(reason: "\(raw.count) bytes after base64 decoding") }
            do {
                self = .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: raw))
            } catch {
                throw .invalidEd25519Key(reason: "\(error)")
            }
        }
    }

    public var algorithm: AuditAnchorAlgorithm {
        switch self {
        case .hmacSHA256: return .hmacSHA256
        case .ed25519: return .ed25519
        }
    }

    /// The first 16 hex digits of SHA-256 over the HMAC key's bytes or over the Ed25519 public
    /// key's 32 raw bytes: tells which key made an anchor without revealing it.
    public var keyID: String {
        switch self {
        case .hmacSHA256(let key):
            return String(key.withUnsafeBytes { ContentDigest.sha256(Array($0)) }.prefix(16))
        case .ed25519(let key):
            return String(ContentDigest.sha256(key.publicKey.rawRepresentation).prefix(16))
        }
    }
}

/// The audit trail's head (sequence and hash) noted outside the database and authenticated
/// with a key the database does not hold. A chain alone cannot show that its newest entries
/// were cut off, or that someone with the file rewrote an entry and recomputed every hash after
/// it; an anchor made before that shows both (`AuditTrail.verify(anchor:)` with `head`).
///
/// The signature covers `signedMessage`; the JSON file is only its carrier. See
/// docs/audit-anchoring.md for the format and how often to anchor.
public struct AuditAnchor: Codable, Sendable, Hashable {
    public static let currentVersion = 1

    public var version: Int
    /// The anchored entry's sequence: the trail's last entry when the anchor was made.
    public var sequence: Int64
    /// That entry's hash (64 lowercase hex digits).
    public var hash: String
    /// How many entries the trail had (equal to `sequence` for a trail without gaps).
    public var entries: Int64
    /// `GatewayTimestamp` text, UTC.
    public var anchoredAt: String
    /// An `AuditAnchorAlgorithm` raw value; kept as text so that an unknown one is reported as such.
    public var algorithm: String
    /// `AuditAnchorKey.keyID` of the key that made it.
    public var keyID: String
    /// Base64 of the HMAC-SHA256 code (32 bytes) or the Ed25519 signature (64 bytes) over `signedMessage`.
    public var signature: String

    public init(version: Int = AuditAnchor.currentVersion, sequence: Int64, hash: String, entries: Int64, anchoredAt: String,
                algorithm: String, keyID: String, signature: String) {
        self.version = version
        self.sequence = sequence
        self.hash = hash
        self.entries = entries
        self.anchoredAt = anchoredAt
        self.algorithm = algorithm
        self.keyID = keyID
        self.signature = signature
    }

    /// What `AuditTrail.verify(anchor:)` takes.
    public var head: (sequence: Int64, hash: String) { (sequence, hash) }

    /// The bytes the signature covers: UTF-8 lines joined by a line feed, no final line feed:
    ///
    ///     edigate-audit-anchor v1
    ///     <sequence>
    ///     <hash>
    ///     <entries>
    ///     <anchoredAt>
    ///     <algorithm>
    ///     <keyID>
    ///
    /// Every field is checked to be in its fixed form (digits, hex, a timestamp, a known name)
    /// before a signature is made or checked, so no field can smuggle in a line feed.
    public var signedMessage: [UInt8] {
        Array("edigate-audit-anchor v\(version)\n\(sequence)\n\(hash)\n\(entries)\n\(anchoredAt)\n\(algorithm)\n\(keyID)".utf8)
    }

    /// Signs the trail's head. `head` and `entries` come from `AuditVerification.intact` of a
    /// verified chain (the caller verifies first: a broken chain is not worth anchoring).
    public static func make(head: (sequence: Int64, hash: String), entries: Int64, at date: Date = Date(),
                            key: AuditAnchorKey) throws(AuditAnchorError) -> AuditAnchor {
        var anchor = AuditAnchor(sequence: head.sequence, hash: head.hash, entries: entries, anchoredAt: GatewayTimestamp.text(date),
                                 algorithm: key.algorithm.rawValue, keyID: key.keyID, signature: "")
        try anchor.checkForm()
        let message = anchor.signedMessage
        let signature: Data
        switch key {
        case .hmacSHA256(let symmetric):
            signature = Data(HMAC<SHA256>.authenticationCode(for: message, using: symmetric))
        case .ed25519(let privateKey):
            do {
                signature = try privateKey.signature(for: message)
            } catch {
                throw .cannotSign(reason: "\(error)")
            }
        }
        anchor.signature = signature.base64EncodedString()
        return anchor
    }

    /// Returns when the anchor is in its fixed form and `key` made its signature; throws which
    /// check failed otherwise (`AuditAnchorError.anchorDoesNotHold` tells the two kinds apart).
    public func verify(key: AuditAnchorKey) throws(AuditAnchorError) {
        try checkForm()
        guard algorithm == key.algorithm.rawValue else {
            throw .wrongKeyKind(anchorAlgorithm: algorithm, keyAlgorithm: key.algorithm.rawValue)
        }
        guard keyID == key.keyID else { throw .keyMismatch(anchorKeyID: keyID, givenKeyID: key.keyID) }
        guard let code = Data(base64Encoded: signature) else {
            throw .malformedField(name: "signature", value: signature, expected: "base64")
        }
        let message = signedMessage
        let valid: Bool
        switch key {
        case .hmacSHA256(let symmetric):
            valid = HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message, using: symmetric)
        case .ed25519(let privateKey):
            valid = privateKey.publicKey.isValidSignature(code, for: message)
        }
        guard valid else { throw .signatureMismatch(keyID: keyID) }
    }

    /// The fixed form of every signed field.
    func checkForm() throws(AuditAnchorError) {
        guard version == Self.currentVersion else { throw .unsupportedVersion(version) }
        guard AuditAnchorAlgorithm(rawValue: algorithm) != nil else { throw .unknownAlgorithm(algorithm) }
        guard sequence >= 1 else { throw .malformedField(name: "sequence", value: "\(sequence)", expected: "1 or more") }
        guard entries >= sequence else {
            throw .malformedField(name: "entries", value: "\(entries)", expected: "at least the sequence (\(sequence))")
        }
        guard Self.isLowercaseHex(hash, count: 64) else {
            throw .malformedField(name: "hash", value: hash, expected: "64 lowercase hex digits")
        }
        guard GatewayTimestamp.date(anchoredAt) != nil else {
            throw .malformedField(name: "anchoredAt", value: anchoredAt, expected: "a UTC timestamp like 2026-11-26T16:05:00.123Z")
        }
        guard Self.isLowercaseHex(keyID, count: 16) else {
            throw .malformedField(name: "keyID", value: keyID, expected: "16 lowercase hex digits")
        }
    }

    private static func isLowercaseHex(_ text: String, count: Int) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == count && bytes.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    // MARK: - Files

    /// `audit-anchor-<sequence>-<yyyyMMddTHHmmssZ>.json`, from `anchoredAt`: names sort by
    /// sequence within a width and never collide for different heads.
    public var fileName: String {
        let time = Array(anchoredAt.utf8)
        var compact = "unknown"
        if time.count == 24 {
            // 2026-11-26T16:05:00.123Z -> 20261126T160500Z
            let kept: [Int] = [0, 1, 2, 3, 5, 6, 8, 9, 10, 11, 12, 14, 15, 17, 18, 23]
            compact = String(decoding: kept.map { time[$0] }, as: UTF8.self)
        }
        return "audit-anchor-\(sequence)-\(compact).json"
    }

    /// Pretty JSON with sorted keys and a final line feed.
    public func jsonBytes() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Integers and strings only: encoding cannot fail.
        var bytes = Array(try! encoder.encode(self))
        bytes.append(0x0A)
        return bytes
    }

    /// Writes the anchor as a new file `fileName` in `folder` and returns its path: created
    /// exclusively (an existing file is never overwritten), mode 0600, flushed to disk together
    /// with the folder entry. Refuses the folder that holds `databasePath` (paths compared after
    /// resolving symbolic links): someone with access to the one must not reach the other by that alone.
    @discardableResult
    public func write(toFolder folder: String, databasePath: String?) throws(AuditAnchorError) -> String {
        try Self.checkFolder(folder, databasePath: databasePath)
        let path = (folder as NSString).appendingPathComponent(fileName)
        try Self.createExclusively(path: path, bytes: jsonBytes())
        // The new name must survive a crash too, not only the file's bytes.
        let folderDescriptor = open(folder, O_RDONLY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            _ = close(folderDescriptor)
        }
        return path
    }

    /// Throws unless `folder` is an existing folder other than the one holding `databasePath`
    /// (both resolved: symbolic links and `..` do not hide that they are the same).
    public static func checkFolder(_ folder: String, databasePath: String?) throws(AuditAnchorError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
              let resolvedFolder = resolve(folder) else {
            throw .notAFolder(folder)
        }
        guard let databasePath else { return }
        let name = (databasePath as NSString).lastPathComponent
        let databaseFolder = (databasePath as NSString).deletingLastPathComponent
        let resolvedDatabase = resolve(databasePath)
            ?? resolve(databaseFolder.isEmpty ? "." : databaseFolder).map { ($0 as NSString).appendingPathComponent(name) }
            ?? databasePath
        if (resolvedDatabase as NSString).deletingLastPathComponent == resolvedFolder {
            throw .folderHoldsDatabase(folder: folder, database: databasePath)
        }
    }

    /// Reads an anchor file written by `write(toFolder:databasePath:)` (its signature is not checked here).
    public static func read(path: String) throws(AuditAnchorError) -> AuditAnchor {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotRead(path: path, reason: Self.systemReason(error))
        }
        do {
            return try JSONDecoder().decode(AuditAnchor.self, from: data)
        } catch let error as DecodingError {
            throw .notAnAnchor(path: path, reason: Self.decodingReason(error))
        } catch {
            throw .notAnAnchor(path: path, reason: "\(error)")
        }
    }

    private static func createExclusively(path: String, bytes: [UInt8]) throws(AuditAnchorError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .exists(path: path) }
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        func fail(_ step: String) -> AuditAnchorError {
            let reason = "\(step): \(String(cString: strerror(errno)))"
            _ = close(descriptor)
            _ = unlink(path)
            return .cannotWrite(path: path, reason: reason)
        }
        // The mode given to open is reduced by the umask; 0600 is what is wanted whatever it is.
        // Best effort: some network shares refuse chmod, and the file is no wider than 0600 anyway.
        _ = fchmod(descriptor, 0o600)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw fail("write")
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw fail("fsync") }
        guard close(descriptor) == 0 else {
            let reason = "close: \(String(cString: strerror(errno)))"
            _ = unlink(path)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    private static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func systemReason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        return nsError.localizedDescription
    }

    private static func decodingReason(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _): return "no field \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "field \(path(context)) has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "field \(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
