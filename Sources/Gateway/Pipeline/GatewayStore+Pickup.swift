import Foundation
import Store
import Transport

extension GatewayStore {
    /// Records a file as `InboundPickup` hands it over: the bytes it read into memory, or its
    /// staged copy (the checksum is the one computed while downloading, so a staged copy that
    /// changed since is refused).
    public func recordInbound(_ picked: PickedUpFile, partner: String, receivedAt: Date = Date()) async throws -> InboundRecord {
        if let bytes = picked.bytes, bytes.count <= inlineContentLimit || contentFolder == nil {
            return try await recordInbound(partner: partner, name: picked.name, sha256: picked.sha256, bytes: bytes, receivedAt: receivedAt)
        }
        if let bytes = picked.bytes {
            // Larger than the store keeps inline: the content folder takes it from a staged copy.
            try bytes.write(to: picked.localURL, options: .atomic)
        }
        return try await recordInbound(partner: partner, name: picked.name, sha256: picked.sha256, size: picked.size,
                                stagedFile: picked.localURL, receivedAt: receivedAt)
    }
}
