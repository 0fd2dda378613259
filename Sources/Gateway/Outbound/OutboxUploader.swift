import Foundation
import Partners
import Store
import Transport

/// Uploads pending interchanges of one partner from the outbox: claims each (so two workers
/// never upload one at once), uploads its stored bytes under its stored name, and marks it sent.
///
/// A crash, or an upload whose outcome is unknown, leaves the interchange pending; the next
/// attempt sends the same bytes under the same name, so the partner sees at most the same file
/// again (same control numbers, which its translator recognises), never a second answer.
struct OutboxUploader: Sendable {
    let store: GatewayStore
    let profile: PartnerProfile
    let transport: any Transport
    let lease: Lease
    let now: @Sendable () -> Date

    /// Uploads one pending interchange. Returns it as stored afterwards, or nil when another
    /// worker holds it (or it was sent meanwhile). Throws the transport's error after recording it.
    @discardableResult
    func upload(_ id: Int64) async throws -> OutboundDocument? {
        guard let document = try await store.claimOutbound(id, lease: lease, at: now()) else { return nil }
        return try await send(document, bytes: try await store.contents(ofOutbound: id))
    }

    /// Uploads an interchange the store queued already claimed under this uploader's lease.
    func upload(_ claimed: ClaimedOutbound) async throws -> OutboundDocument {
        try await send(claimed.document, bytes: claimed.bytes)
    }

    /// Uploads a claimed interchange and marks it sent; records a failure before throwing it.
    private func send(_ document: OutboundDocument, bytes: Data) async throws -> OutboundDocument {
        let id = document.id
        do {
            _ = try await transport.upload(.bytes(bytes), to: profile.transport.outbound, as: document.fileName)
        } catch TransportError.alreadyExists {
            // An earlier attempt landed before it could be marked (a crash, an answer lost on the
            // way back). Ours only if the bytes there are ours; anything else is for ops.
            do {
                try await confirmEarlierUpload(of: document)
            } catch {
                try await store.markUploadFailed(id, reason: "\(error)", at: now())
                throw OutboxUploadError(partner: profile.id, file: document.fileName, outbound: id, reason: "\(error)")
            }
        } catch {
            try await store.markUploadFailed(id, reason: "\(error)", at: now())
            throw OutboxUploadError(partner: profile.id, file: document.fileName, outbound: id, reason: "\(error)")
        }
        FaultPoint.reach("uploaded:\(document.type)")
        return try await store.markUploaded(id, at: now())
    }

    /// Reads back the file of that name in the partner's folder; throws unless it holds exactly
    /// the document's bytes.
    private func confirmEarlierUpload(of document: OutboundDocument) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let receipt = try await transport.download(document.fileName, from: profile.transport.outbound,
                                                   to: folder.appendingPathComponent("check"), maxBytes: document.size + 1)
        guard receipt.sha256 == document.sha256 else {
            throw OutboxUploadError(partner: profile.id, file: document.fileName, outbound: document.id,
                                    reason: "a different file of that name is already in the partner's folder (SHA-256 \(receipt.sha256), ours \(document.sha256))")
        }
    }

    /// Every pending interchange of the partner, oldest first; returns the failures (each stays
    /// pending). A failed upload stops the rest: they would most likely fail the same way, and
    /// the order a partner receives answers in is kept.
    func flush() async -> [OutboxUploadError] {
        let pending: [OutboundDocument]
        do { pending = try await store.pendingOutbound(partner: profile.id) } catch {
            return [OutboxUploadError(partner: profile.id, file: "", outbound: nil, reason: "cannot read the outbox: \(error)")]
        }
        for document in pending {
            do {
                try await upload(document.id)
            } catch let error as OutboxUploadError {
                return [error]
            } catch {
                return [OutboxUploadError(partner: profile.id, file: document.fileName, outbound: document.id, reason: "\(error)")]
            }
        }
        return []
    }
}

/// An interchange that could not be uploaded; it stays pending in the outbox.
struct OutboxUploadError: Error, CustomStringConvertible, Sendable {
    let partner: String
    let file: String
    let outbound: Int64?
    let reason: String

    var description: String {
        "partner \(partner) \(file)\(outbound.map { " (outbound/\($0))" } ?? ""): upload failed, kept pending: \(reason)"
    }
}
