import ERP
import Foundation
import Partners
import Store

/// Takes approved ship-to changes to the ERP's ship-to master (`PUT /v1/ship-tos/…`), one at a
/// time, and records each outcome: applied (the partner's mapping follows and orders that
/// waited for the location go back in line), not answered (stays approved, tried again on the
/// next run), refused (failed, for a person). Run by the service on a schedule and after each
/// approval, and by `edigate gateway ship-tos --apply`.
public struct ShipToApplier: Sendable {
    /// One change's outcome, as the service logs it and the command prints it.
    public struct Outcome: Codable, Sendable, Hashable {
        public enum Result: String, Codable, Sendable, Hashable {
            /// In the ERP; the mapping follows.
            case applied
            /// The ERP could not answer: still approved, tried again.
            case waiting
            /// The ERP refused it: failed, for a person.
            case refused
            /// No profile for the partner is loaded: left approved.
            case noProfile
        }

        public var change: String
        public var partner: String
        public var location: String
        public var kind: String
        public var result: Result
        public var shipTo: String?
        /// Files whose orders waited for this location, back in line.
        public var released: [String]
        public var reason: String?
    }

    let store: GatewayStore
    let client: any ERPClient
    let profiles: [String: PartnerProfile]
    let now: @Sendable () -> Date

    public init(store: GatewayStore, client: any ERPClient, profiles: [PartnerProfile], now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.client = client
        self.profiles = Dictionary(profiles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.now = now
    }

    /// Every approved change, oldest first.
    public func applyApproved(partner: String? = nil) async throws -> [Outcome] {
        let approved = try await store.shipToChanges(partner: partner, status: .approved).sorted { $0.id < $1.id }
        var outcomes: [Outcome] = []
        for change in approved { outcomes.append(try await apply(change)) }
        return outcomes
    }

    func apply(_ change: ShipToChangeRecord) async throws -> Outcome {
        var outcome = Outcome(change: change.documentReference, partner: change.partner, location: change.locationCode, kind: change.kind.rawValue,
                              result: .noProfile, released: [])
        guard let profile = profiles[change.partner] else {
            outcome.reason = "no profile for partner \(change.partner) is loaded"
            return outcome
        }
        let location = change.location
        let upsert = ShipToUpsert(customerId: profile.erp.customer, partnerId: profile.id, locationCode: change.locationCode, changeId: change.documentReference,
                                  status: change.kind == .closed ? .closed : .active,
                                  address: change.kind == .closed ? nil : PostalAddress(name: location.name, lines: location.address, city: location.city,
                                                                                       state: location.state, postalCode: location.postalCode, country: location.country))
        let receipt: ShipToUpsertReceipt
        do {
            receipt = try await client.upsertShipTo(upsert)
        } catch {
            // A refusal is the ERP's answer and will be the same again; anything else may pass.
            var refused = false
            if case .rejectedRequest = error { refused = true }
            try await store.recordShipToNotApplied(change, error: "\(error)", refused: refused, at: now())
            outcome.result = refused ? .refused : .waiting
            outcome.reason = "\(error)"
            return outcome
        }
        let released = try await store.recordShipToApplied(change, shipToID: receipt.shipToId, warehouse: receipt.warehouse, created: receipt.created, at: now())
        outcome.result = .applied
        outcome.shipTo = receipt.shipToId
        outcome.released = released.map(\.documentReference)
        return outcome
    }
}
