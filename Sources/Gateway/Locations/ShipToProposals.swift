import Documents
import Store

/// What a partner's location list (816) asks of the ship-to master, decided without I/O from
/// what is on record: the locations the ERP took (`ship_to_locations`), the codes the profile
/// maps itself (`erp.shipTo`), and the changes still awaiting a person or the ERP.
///
/// - A location we do not know becomes `new`; one we know with another name or address (or
///   closed, and listed again) `changed`; one the list closes (ASI02 024) `closed`, if we
///   know it. A location known from the profile alone has no address on record, so only a
///   list that says it changed proposes anything for it.
/// - A list that repeats what is already proposed proposes nothing again; one that says
///   otherwise supersedes the open proposal; one that lists a location as we have it
///   supersedes what was proposed for it since.
package struct ShipToProposals: Sendable {
    package struct Plan: Sendable, Hashable {
        package var proposals: [ShipToProposal] = []
        /// Open changes the list overtakes.
        package var superseding: [Int64] = []
    }

    let profileCodes: Set<String>
    let applied: [String: ShipToLocationRecord]
    let open: [ShipToChangeRecord]

    package init(profileCodes: Set<String>, applied: [String: ShipToLocationRecord], open: [ShipToChangeRecord]) {
        self.profileCodes = profileCodes
        self.applied = applied
        self.open = open
    }

    package func plan(_ list: LocationList) -> Plan {
        var plan = Plan()
        var seen = Set<String>()
        // A code listed twice: the last mention is the list's word on it.
        let listed = list.locations.flatMap(\.flattened).filter { !($0.id ?? "").isEmpty }
        for location in listed.reversed() {
            let code = location.id!
            guard seen.insert(code).inserted else { continue }
            let asked = Self.content(location)
            let kind = kind(of: location, code: code, asked: asked)
            let openHere = open.filter { $0.locationCode == code && $0.status.awaitsApproval }
            if let kind, openHere.contains(where: { $0.kind == kind && Self.content($0.location) == asked }) { continue }
            plan.superseding += openHere.map(\.id)
            if let kind { plan.proposals.append(ShipToProposal(locationCode: code, kind: kind, location: asked)) }
        }
        plan.proposals.reverse()
        plan.superseding.sort()
        return plan
    }

    private func kind(of location: LocationList.Location, code: String, asked: LocationList.Location) -> ShipToChangeRecord.Kind? {
        let action = location.action ?? ""
        let known = applied[code]
        if action == "closed" || action == "024" {
            let open = known.map { $0.status == .active } ?? profileCodes.contains(code)
            return open ? .closed : nil
        }
        if let known {
            return known.status == .active && Self.content(known.location) == asked ? nil : .changed
        }
        if profileCodes.contains(code) { return action == "changed" || action == "001" ? .changed : nil }
        return .new
    }

    /// A location as compared and kept: without the locations under it and the list's words
    /// about it.
    static func content(_ location: LocationList.Location) -> LocationList.Location {
        var copy = location
        copy.locations = []
        copy.action = nil
        copy.level = nil
        return copy
    }
}
