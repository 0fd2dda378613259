/// Why an audit anchor cannot be made, written, read or trusted (docs/audit-anchoring.md).
///
/// Two groups, which `edigate audit` maps to different exit statuses: the anchor itself does not
/// hold (`doesNotHold`: it was edited, made with another key, or is not a format this gateway
/// knows) and everything that keeps the check from being made at all (a key, file or folder that
/// cannot be used).
public enum AuditAnchorError: Error, Sendable, Hashable, CustomStringConvertible {
    // The anchor does not hold.

    /// The signature is not the given key's over the anchor's fields: a field or the signature
    /// was edited, or the anchor was made with another key whose ID happens to be written in it.
    case signatureMismatch(keyID: String)
    /// The anchor names a key other than the one given (IDs are `AuditAnchorKey.keyID`).
    case keyMismatch(anchorKeyID: String, givenKeyID: String)
    /// `algorithm` is neither `hmac-sha256` nor `ed25519`.
    case unknownAlgorithm(String)
    /// `version` is not 1.
    case unsupportedVersion(Int)
    /// A field is not in the form the writer gives it (so the signed message would be ambiguous).
    case malformedField(name: String, value: String, expected: String)

    // The check cannot be made.

    /// The anchor is of one algorithm, the key of another.
    case wrongKeyKind(anchorAlgorithm: String, keyAlgorithm: String)
    /// An HMAC key shorter than `AuditAnchorKey.minimumHMACKeyBytes`.
    case keyTooShort(bytes: Int, minimum: Int)
    /// An Ed25519 key that is not base64 of 32 raw bytes.
    case invalidEd25519Key(reason: String)
    /// The signing call failed (swift-crypto reports this only for internal errors).
    case cannotSign(reason: String)
    /// The anchor folder is the database file's own folder.
    case folderHoldsDatabase(folder: String, database: String)
    case notAFolder(String)
    /// An anchor file with this name already exists; anchors are never overwritten.
    case exists(path: String)
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    /// The file is not an anchor's JSON.
    case notAnAnchor(path: String, reason: String)

    /// True for the errors that mean "this anchor does not hold", as opposed to "cannot check".
    public var anchorDoesNotHold: Bool {
        switch self {
        case .signatureMismatch, .keyMismatch, .unknownAlgorithm, .unsupportedVersion, .malformedField: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .signatureMismatch(let keyID):
            return "signature does not match the anchor's fields under key \(keyID) (a field or the signature was changed)"
        case .keyMismatch(let anchorKeyID, let givenKeyID):
            return "anchor was made with key \(anchorKeyID), the given key is \(givenKeyID)"
        case .unknownAlgorithm(let algorithm):
            return "unknown algorithm \"\(algorithm)\" (expected \(AuditAnchorAlgorithm.allCases.map(\.rawValue).joined(separator: " or ")))"
        case .unsupportedVersion(let version):
            return "anchor version \(version) is not supported (expected \(AuditAnchor.currentVersion))"
        case .malformedField(let name, let value, let expected):
            return "\(name) is \"\(value)\", expected \(expected)"
        case .wrongKeyKind(let anchorAlgorithm, let keyAlgorithm):
            return "anchor is signed with \(anchorAlgorithm), the key given is an \(keyAlgorithm) key"
        case .keyTooShort(let bytes, let minimum):
            return "HMAC key has \(bytes) bytes, at least \(minimum) are required"
        case .invalidEd25519Key(let reason):
            return "not an Ed25519 private key (base64 of 32 raw bytes): \(reason)"
        case .cannotSign(let reason):
            return "cannot sign: \(reason)"
        case .folderHoldsDatabase(let folder, let database):
            return "\(folder) is the folder of the database \(database): keep anchors apart from the database (another host or write-once storage)"
        case .notAFolder(let path):
            return "\(path): no such folder"
        case .exists(let path):
            return "\(path): already exists (anchors are never overwritten)"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .cannotRead(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .notAnAnchor(let path, let reason):
            return "\(path): not an audit anchor: \(reason)"
        }
    }
}
