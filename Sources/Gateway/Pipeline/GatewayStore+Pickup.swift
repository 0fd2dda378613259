import Foundation
import Store
import Transport

extension GatewayStore {
    /// Records a file as `InboundPickup` hands it over (reads the staged copy; the checksum is
    /// the one computed while downloading, so a staged copy that changed since is refused).
    public func recordInbound(_ picked: PickedUpFile, partner: String, receivedAt: Date = Date()) async throws -> InboundRecord {
        try await recordInbound(partner: partner, name: picked.name, sha256: picked.sha256, size: picked.size,
                                stagedFile: picked.localURL, receivedAt: receivedAt)
    }
}
