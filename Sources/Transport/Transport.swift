import Foundation

/// Where partner files come from and go to. Two real implementations: `SFTPTransport` (partners'
/// servers) and `LocalFolderTransport` (demo defaults, and folders mounted by other means).
///
/// Folders are paths as the far side understands them (configuration, trusted); names are single
/// path components and are checked by `FileNameSafety` before use.
public protocol Transport: Sendable {
    /// Entries of `folder`, without `.` and `..`.
    func list(_ folder: String) async throws -> [RemoteFile]

    /// Copies `name` into `localURL`. The bytes appear at `localURL` only once complete (written to a
    /// hidden temporary beside it and renamed), so a cut transfer leaves nothing there.
    /// Refuses files larger than `maxBytes` before reading them.
    func download(_ name: String, from folder: String, to localURL: URL, maxBytes: Int64?) async throws -> TransferReceipt

    /// The whole of `name` in memory when it is at most `maxBytes` long; nil when it is longer
    /// or the transport always stages (the caller then uses `download(_:from:to:maxBytes:)`).
    /// Small files from a local folder need no staged copy: creating and removing one per
    /// file costs more than the rest of the pickup.
    func downloadIntoMemory(_ name: String, from folder: String, maxBytes: Int64) async throws -> (bytes: Data, receipt: TransferReceipt)?

    /// Publishes `source` as `folder/name`: written under a hidden temporary name, flushed, then renamed,
    /// so the far side never sees a partial file under `name`. Fails with `.alreadyExists` rather than
    /// overwrite.
    func upload(_ source: UploadSource, to folder: String, as name: String) async throws -> TransferReceipt

    /// Renames `folder/name` to `destinationFolder/newName` (same name when nil), never overwriting.
    func move(_ name: String, from folder: String, to destinationFolder: String, as newName: String?) async throws

    func delete(_ name: String, in folder: String) async throws

    /// Releases the session, if any. The transport reconnects on next use.
    func close() async
}

extension Transport {
    public func downloadIntoMemory(_ name: String, from folder: String, maxBytes: Int64) async throws -> (bytes: Data, receipt: TransferReceipt)? { nil }
}

public enum UploadSource: Sendable {
    case file(URL)
    case bytes(Data)
}

/// What was transferred, for the caller's records.
public struct TransferReceipt: Sendable, Hashable {
    public let size: Int64
    /// Lowercase hex SHA-256 of the bytes transferred.
    public let sha256: String

    public init(size: Int64, sha256: String) {
        self.size = size
        self.sha256 = sha256
    }
}

func joinRemotePath(_ folder: String, _ name: String) -> String {
    if folder.isEmpty || folder == "." { return name }
    return folder.hasSuffix("/") ? folder + name : folder + "/" + name
}
