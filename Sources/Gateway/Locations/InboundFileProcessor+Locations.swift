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
        let list: LocationList
        do {
            guard case .locationList(let translated) = try translator.translate(set, version: version) else {
                throw PipelineError.untranslatable(partner: profile.id, inbound: file.id, set: "816 \(set.control)", reason: "the map did not yield a LocationList")
            }
            list = translated
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.untranslatable(partner: profile.id, inbound: file.id, set: "816 \(set.control)", reason: "\(error)")
        }
        let plan = ShipToProposals(profileCodes: Set(profile.erp.shipTo.keys), applied: try await store.shipToLocations(partner: profile.id),
                                   open: try await store.openShipToChanges(partner: profile.id)).plan(list)
        _ = try await store.recordLocationList(list, interchange: interchange, set: set.control, proposals: plan.proposals, superseding: plan.superseding,
                                               file: file, owner: lease.owner, at: now())
    }
}
