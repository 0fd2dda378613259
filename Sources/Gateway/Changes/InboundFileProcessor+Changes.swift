import Documents
import ERP
import Foundation
import Mapping
import Store
import X12

/// Change orders: an accepted 860 (or an 850 replacing an order on record) is recorded, checked
/// against the order on record and with the ERP, the ERP's order changed, and answered with an
/// 865 — the same steps, records and outbox as an order and its 855.
extension InboundFileProcessor {
    func answerChange(_ set: TransactionSet, version: String, interchange: String, _ file: InboundFile, translator: DocumentTranslator,
                      steps: [String: InboundStep], findings: inout Findings) async throws -> String? {
        let change = try translate(set, version: version, file, translator: translator, expecting: "ChangeOrder") { document in
            if case .changeOrder(let change) = document { return change }
            return nil
        }
        // The buyer's change sequence names the change; without one, where it came from does.
        let key = change.changeSequence.flatMap { $0.isEmpty ? nil : $0 } ?? "\(interchange)/\(set.control)"
        return try await answerChange(change, key: key, set: set, file, steps: steps, findings: &findings)
    }

    func answerChange(_ change: ChangeOrder, key: String, set: TransactionSet, _ file: InboundFile, steps: [String: InboundStep],
                      findings: inout Findings) async throws -> String? {
        let po = change.poNumber
        if let done = steps[InboundStep.changeAnswered(poNumber: po, key: key)] {
            guard let outbound = done.outboundID else { return nil }
            return await upload(outbound, findings: &findings)?.interchangeControl
        }
        guard let order = try await store.order(partner: profile.id, poNumber: po) else {
            // The order may be in a file not yet read: wait for it on the schedule.
            findings.holds.append(ProcessingHold(reason: "change \(key) of PO \(po): no order \(po) on record yet; the change waits for it", waitsForPerson: false))
            return nil
        }
        guard order.status == .decided else {
            findings.holds.append(ProcessingHold(reason: "change \(key) of PO \(po): the order is \(order.status.rawValue), not decided; the change waits for its decision",
                                                 waitsForPerson: false))
            return nil
        }
        let record: OrderChangeRecord
        switch try await store.registerChange(change, key: key, order: order, from: file, set: set.control, at: now()) {
        case .new(let recorded), .resumed(let recorded):
            record = recorded
        case .receivedBefore(let earlier):
            findings.holds.append(ProcessingHold(reason: "change \(key) of PO \(po) was already received in inbound/\(earlier.inboundID); "
                                                 + "the same change is not decided again and waits for a person", waitsForPerson: true))
            return nil
        }
        guard let basis = try OrderChangeBasis(order) else {
            let reason = "change \(key) of PO \(po): the store does not hold the ERP's lines of this order (decided before changes were kept); a person applies it"
            try await store.recordChangeHeld(record, reason: reason, retriesByItself: false, at: now())
            findings.holds.append(ProcessingHold(reason: reason, waitsForPerson: true))
            return nil
        }
        var asked = change
        // The ERP knows the ship-to by its own id, as for the order.
        asked.shipTo = nil
        var erpBasis = basis
        erpBasis.order = profile.erpOrder(basis.order, approvedLocations: try await approvedLocation(of: basis.order).mapping)
        let outcome = await ChangeOrderValidator(client: orders.client).process(asked, changeId: key, basis: erpBasis, account: profile.erpAccount, policy: profile.erpPolicy)
        FaultPoint.reach("change-decided")
        switch outcome {
        case .held(let reason):
            try await store.recordChangeHeld(record, reason: reason.description, retriesByItself: reason.retriesByItself, at: now())
            findings.holds.append(ProcessingHold(reason: "PO \(po) change \(key): \(reason)", waitsForPerson: !reason.retriesByItself))
            return nil
        case .decided(let decided):
            var acknowledgment = decided.acknowledgment
            acknowledgment.changeSequence = change.changeSequence
            let answer = profile.documents.send.contains("865") ? changeAcknowledgment(acknowledgment, file) : nil
            let recorded = try await store.recordChangeDecided(record, file: file, owner: lease.owner, acknowledgment: acknowledgment,
                                                               lines: decided.lines.map { ChangedOrderLine(lineNumber: $0.lineNumber, line: $0.line, status: $0.status) },
                                                               erpLines: try OrderChangeBasis.json(decided.lines.compactMap(\.erp)), erpApplied: decided.erpApplied,
                                                               findings: decided.findings, answer: answer, at: now())
            FaultPoint.reach("865-pending")
            guard let outbound = recorded.step.outboundID else { return nil }
            return await upload(outbound, findings: &findings)?.interchangeControl
        }
    }

    private func changeAcknowledgment(_ acknowledgment: ChangeAcknowledgment, _ file: InboundFile) -> QueuedInterchange {
        let (partner, inbound) = (profile.id, file.id)
        return .single(.changeAcknowledgment(acknowledgment), type: "865", profile: profile,
                       generator: DocumentGenerator(catalog: maps, library: library, partner: profile.id), stamp: X12Timestamp(now())) { error in
            PipelineError.acknowledgmentNotGenerated(partner: partner, inbound: inbound, poNumber: acknowledgment.poNumber, reason: "\(error)")
        }
    }
}
