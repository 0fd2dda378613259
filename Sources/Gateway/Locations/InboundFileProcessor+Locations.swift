import Documents
import Foundation
import Mapping
import Store
import X12

/// Location lists: an accepted 816 becomes proposed ship-to changes for a person to approve;
/// nothing reaches the ERP and nothing is answered beyond the 997.
extension InboundFileProcessor {
    func readLocations(_ set: TransactionSet, version: String, interchange: String, _ file: InboundFile, translator: DocumentTranslator,
                       steps: [String: InboundStep]) async throws {
        guard steps[GatewayStore.locationListStep(interchange: interchange, set: set.control)] == nil else { return }
        let list = try translate(set, version: version, file, translator: translator, expecting: "LocationList") { document in
            if case .locationList(let list) = document { return list }
            return nil
        }
        let plan = ShipToProposals(profileCodes: Set(profile.erp.shipTo.keys), applied: try await store.shipToLocations(partner: profile.id),
                                   open: try await store.openShipToChanges(partner: profile.id)).plan(list)
        _ = try await store.recordLocationList(list, interchange: interchange, set: set.control, proposals: plan.proposals, superseding: plan.superseding,
                                               file: file, owner: lease.owner, at: now())
    }
}
