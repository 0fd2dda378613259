import Foundation
import Partners
import Transport
import X12

/// Puts one interchange we built in front of a partner: recorded in the store first, then
/// uploaded to the profile's outbound folder as `<type>-<ISA13>.edi`.
///
/// Recorded first (docs/gateway-store.md): a crash between the two leaves a record to reconcile
/// against, never an untracked document at the partner. Shared by the pipeline (TA1/997/999,
/// 855) and `OutboundDocumentSender` (856, 810) so that every outbound document follows one rule.
struct OutboundPublisher: Sendable {
    let store: GatewayStore
    let profile: PartnerProfile
    let transport: any Transport
    let now: @Sendable () -> Date

    func publish(_ bytes: [UInt8], type: String) async throws -> (document: OutboundDocument, name: String) {
        let interchange: Interchange
        do {
            guard let first = try InterchangeFile.read(bytes: bytes, mode: .tolerant).interchanges.first else {
                throw PipelineError.outboundUnreadable(partner: profile.id, type: type, reason: "no interchange")
            }
            interchange = first
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.outboundUnreadable(partner: profile.id, type: type, reason: "\(error)")
        }
        let data = Data(bytes)
        let document = try await store.recordOutbound(partner: profile.id, type: type, interchange: interchange, bytes: data, sentAt: now())
        // ISA13 is unique per partner sequence, so the name never collides with an earlier upload.
        let name = "\(type)-\(interchange.header.controlNumber).edi"
        _ = try await transport.upload(.bytes(data), to: profile.transport.outbound, as: name)
        return (document, name)
    }
}
