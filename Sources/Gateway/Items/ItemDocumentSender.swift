import Documents
import ERP
import Foundation
import Mapping
import Partners
import Store
import Transport
import X12

/// How a partner's item documents go out: the 846 inventory advice (profile `inventory:`) and
/// the 832 price catalog (profile `catalog:`). Both ask the ERP about the partner's items, send
/// only what changed since the last one (what was told is kept in the store, written in the
/// transaction that queues the document), go through the outbox and are uploaded at once. A
/// failing ERP delays them; nothing is ever sent on a guess.
public struct ItemDocumentSender: Sendable {
    let store: GatewayStore
    let profile: PartnerProfile
    let transport: any Transport
    let library: SchemaLibrary
    let maps: MapCatalog
    let client: any ERPClient
    let lease: Lease
    let now: @Sendable () -> Date

    public init(store: GatewayStore, profile: PartnerProfile, transport: any Transport, library: SchemaLibrary, maps: MapCatalog, client: any ERPClient,
                lease: Lease = Lease(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.profile = profile
        self.transport = transport
        self.library = library
        self.maps = maps
        self.client = client
        self.lease = lease
        self.now = now
    }

    /// The section's items an ERP event named (nil: all of them), as the ERP is asked about
    /// them: by our ids, in the partner's unit, named by the profile's key.
    static func asked(_ items: [PartnerItem], only: Set<String>?) -> (items: [PartnerItem], asked: [InventorySnapshot.Item]) {
        let chosen = items.filter { only?.contains($0.key) ?? true }
        return (chosen, chosen.map { InventorySnapshot.Item(ref: $0.key, item: ItemReference(vendorPartNumber: $0.vendorPartNumber, gtin: $0.gtin), uom: $0.uom) })
    }

    /// One document of the partner's, numbered by its interchange (`<prefix><ISA13>`: unique per
    /// partner, the same on every read), queued by `record` with what it tells, then uploaded
    /// now; a failed upload leaves it pending for the outbox.
    func queueAndUpload(type: String, document: @escaping @Sendable (_ number: String) -> CanonicalDocument, prefix: String,
                        record: (QueuedInterchange) async throws -> OutboundDocument) async throws -> (outbound: OutboundDocument, outcome: ItemDocumentOutcome, reason: String?) {
        let partner = profile.id
        let answer = QueuedInterchange.single({ interchange in document(prefix + String(format: "%09d", interchange)) }, type: type, profile: profile,
                                              generator: DocumentGenerator(catalog: maps, library: library, partner: partner), stamp: X12Timestamp(now())) { error in
            ItemDocumentError.notGenerated(partner: partner, type: type, reason: "\(error)")
        }
        let queued = try await record(answer)
        do {
            _ = try await OutboxUploader(store: store, profile: profile, transport: transport, lease: lease, now: now).upload(queued.id)
            return (queued, .sent, nil)
        } catch {
            return (queued, .pending, "queued; upload failed: \(error)")
        }
    }
}

/// What became of one item document for a partner.
public enum ItemDocumentOutcome: String, Sendable, Hashable, Encodable {
    /// Queued and uploaded.
    case sent
    /// Queued; the upload failed and is retried with the outbox.
    case pending
    /// Deltas only, and nothing changed since the last one: nothing sent.
    case unchanged
    /// The ERP could not answer (or broke its contract): nothing told, try again later.
    case held
}

/// One partner's report, one JSON object: from `edigate gateway inventory|catalog` and, per
/// partner, from `POST /v1/inventory-events|price-events`.
public protocol ItemDocumentReport: Encodable, Sendable {
    var partner: String { get }
    var outcome: ItemDocumentOutcome { get }
}

public enum ItemDocumentError: Error, Sendable, CustomStringConvertible {
    case notConfigured(partner: String, section: String)
    case notGenerated(partner: String, type: String, reason: String)

    public var description: String {
        switch self {
        case .notConfigured(let partner, let section): "partner \(partner) has no \(section): section in its profile"
        case .notGenerated(let partner, let type, let reason): "partner \(partner): the \(type) could not be generated: \(reason)"
        }
    }
}
