import Foundation
import X12

/// Where a recorded inbound file's bytes are: in the store's database (most files), or in its
/// content folder (files over `GatewayStore.largestInlineContent`).
public enum InboundContent: Sendable {
    case stored(Data)
    case folder(path: String, sha256: String, size: Int64)

    /// Checks that a kept file still has the size and SHA-256 it was recorded under (one read
    /// of the file); bytes in the database are SQLite's to keep. Nothing is decided from a
    /// damaged file, so this runs before anything is answered.
    public func verify() throws {
        guard case .folder(let path, let sha256, let size) = self else { return }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw GatewayStoreError.contentDamaged(path: path, sha256: sha256, reason: "the file is missing")
        }
        guard Int64(info.st_size) == size else {
            throw GatewayStoreError.contentDamaged(path: path, sha256: sha256, reason: "\(info.st_size) bytes, recorded with \(size)")
        }
        let computed = try ContentDigest.sha256(ofFile: path)
        guard computed.sha256 == sha256 else {
            throw GatewayStoreError.contentDamaged(path: path, sha256: sha256, reason: "its bytes now have SHA-256 \(computed.sha256)")
        }
    }

    /// A reader over the bytes: a stored file in one chunk, a kept file streamed from disk.
    public func reader(file: String, mode: ReadingMode) throws -> InterchangeReader {
        switch self {
        case .stored(let bytes):
            return InterchangeReader(bytes: Array(bytes), file: file, mode: mode)
        case .folder(let path, _, _):
            return InterchangeReader(source: try FileByteSource(path: path), file: file, mode: mode)
        }
    }
}
