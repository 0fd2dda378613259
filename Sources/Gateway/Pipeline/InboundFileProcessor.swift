import Documents
import ERP
import Foundation
import Mapping
import Partners
import Transport
import X12

/// Takes one claimed inbound file (state `processing`) to its end state: read, validate,
/// acknowledge, and for every accepted 850 ask the ERP and answer with an 855.
///
/// Processing starts from the stored bytes, never from the pickup, so a file is processed once
/// however often it is picked up. A file can still come back here (a released hold, `retry`,
/// or a restart that requeued it); what was already sent for it is found in its audit history
/// and not sent again, so a retry answers only what is still open.
struct InboundFileProcessor: Sendable {
    let store: GatewayStore
    let controlNumbers: DurableControlNumberSource
    let profile: PartnerProfile
    let transport: any Transport
    let library: SchemaLibrary
    let maps: MapCatalog
    let orders: OrderValidator
    let now: @Sendable () -> Date

    func process(_ file: InboundFile) async -> PipelineFileReport {
        var report = PipelineFileReport(partner: profile.id, name: file.name, inbound: file.id, outcome: .done)
        var problem: PipelineError?
        var holds: [String] = []
        do {
            try await answer(file, report: &report, problem: &problem, holds: &holds)
        } catch let error as PipelineError {
            problem = error
        } catch {
            // The store, the transport or the ERP client failed: trouble outside the file, so the
            // file waits and is offered again rather than being failed for something it did not do.
            holds.append("\(error)")
        }
        do {
            if let problem {
                let reason = ([problem.description] + holds).joined(separator: "; ")
                try await store.markFailed(file.id, reason: reason, at: now())
                report.outcome = .failed
                report.reason = reason
            } else if !holds.isEmpty {
                let reason = holds.joined(separator: "; ")
                let delay = profile.erpPolicy.heldRetryDelaysSeconds.first ?? 30
                try await store.markHeld(file.id, reason: reason, retryAt: now().addingTimeInterval(delay), at: now())
                report.outcome = .held
                report.reason = reason
            } else {
                try await store.markDone(file.id, at: now())
                report.outcome = .done
            }
        } catch {
            // The file stays `processing`; `requeueInterrupted` at the next start puts it back in line.
            report.outcome = .held
            report.reason = "state not recorded: \(error)"
        }
        return report
    }

    /// Everything up to the end state; `problem` and `holds` decide that state.
    private func answer(_ file: InboundFile, report: inout PipelineFileReport, problem: inout PipelineError?, holds: inout [String]) async throws {
        let history = try await AuditHistory(store: store, document: file.documentReference)
        let bytes = try await store.contents(ofInbound: file.id)
        let x12: InterchangeFile
        do {
            x12 = try InterchangeFile.read(bytes: Array(bytes), file: file.name, mode: profile.readingMode)
        } catch {
            // No envelope could be read, so there is nobody to address a TA1 to.
            throw PipelineError.unreadable(partner: profile.id, inbound: file.id, reason: "\(error)")
        }
        guard !x12.interchanges.isEmpty else { throw PipelineError.noInterchange(partner: profile.id, inbound: file.id) }

        let results = InterchangeValidator(library: library).validate(x12)
        var ackLabels: [String] = []
        var accepted850s: [(set: TransactionSet, version: String)] = []
        for (interchange, result) in zip(x12.interchanges, results) {
            let control = result.header.controlNumber
            let sender = "\(result.header.senderQualifier):\(result.header.senderID)"
            try await audit(.interchangeValidated, file, [
                "interchange": .text(control), "sender": .text(sender), "ta1": .text(result.acknowledgmentCode),
                "groups": .list(result.groups.map { "\($0.functionalID) \($0.control) \($0.acknowledgmentCode)" }),
            ])
            guard sender == profile.partnerInterchangeIdentity else {
                problem = problem ?? .foreignSender(partner: profile.id, inbound: file.id, found: sender, expected: profile.partnerInterchangeIdentity)
                continue
            }
            if let label = try await acknowledge(result, file, history: history) { ackLabels.append(label) }
            if result.acknowledgmentCode == "R" {
                problem = problem ?? .envelopeRejected(partner: profile.id, inbound: file.id, interchange: control, noteCode: result.noteCode)
                continue
            }
            var anyAccepted = false
            for (group, groupResult) in zip(interchange.groups, result.groups) where groupResult.acknowledgmentCode != "R" {
                for (set, setResult) in zip(group.transactionSets, groupResult.sets) where setResult.isAccepted {
                    anyAccepted = true
                    if set.type == "850" { accepted850s.append((set, group.version)) }
                }
            }
            if !anyAccepted, result.groups.contains(where: { $0.functionalID != "FA" }) {
                problem = problem ?? .allSetsRejected(partner: profile.id, inbound: file.id, interchange: control)
            }
        }
        report.ack = ackLabels.isEmpty ? nil : ackLabels.joined(separator: ", ")
        report.reconciled = try await reconcile(x12)

        let translator = DocumentTranslator(catalog: maps, library: library, partner: profile.id)
        for (set, version) in accepted850s {
            do {
                if let control = try await order(set, version: version, file, translator: translator, history: history, holds: &holds) {
                    report.control855.append(control)
                }
            } catch let error as PipelineError {
                // One order's problem does not stop the file's other orders.
                problem = problem ?? error
            }
        }
    }

    /// The partner's TA1s and 997/999s in the file, matched to the groups we sent it that still
    /// await an answer; the store keeps the first verdict and audits it.
    private func reconcile(_ x12: InterchangeFile) async throws -> [String] {
        let answers = AcknowledgmentReconciler.acknowledgments(in: [x12])
        guard !answers.functional.isEmpty || !answers.interchange.isEmpty else { return [] }
        let awaiting = try await store.sentGroups(partner: profile.id, outcome: .awaiting).map(\.group)
        guard !awaiting.isEmpty else { return [] }
        let window = Int64(profile.acknowledgments.expectWithinMinutes) * 60
        let outcomes = AcknowledgmentReconciler(window: window).reconcile(sent: awaiting, functional: answers.functional, interchange: answers.interchange, now: Int64(now().timeIntervalSince1970))
        let decided = try await store.markAcknowledged(outcomes, at: now())
        return decided.map { "\($0.group.functionalID) \($0.group.groupControl) \($0.outcome.rawValue)" }
    }

    /// Sends the TA1/997/999 the profile asks for; returns e.g. `TA1 R, 997 R`, or nil when
    /// nothing is owed or it was already sent on an earlier attempt.
    private func acknowledge(_ result: InterchangeResult, _ file: InboundFile, history: AuditHistory) async throws -> String? {
        let control = result.header.controlNumber
        if let earlier = history.value(of: .acknowledgmentSent, key: "acknowledges", equal: control, field: "ack") { return earlier }
        let options = profile.acknowledgmentOptions
        let groups = options.kind == .none ? [] : result.groups.filter { $0.functionalID != "FA" }
        // The builder's own rule, asked first so that no control numbers are drawn for nothing.
        let wantsTA1: Bool
        switch options.ta1 {
        case .never: wantsTA1 = false
        case .always: wantsTA1 = true
        case .onError: wantsTA1 = !result.envelopeErrors.isEmpty || result.header.acknowledgmentRequested
        }
        guard wantsTA1 || !groups.isEmpty else { return nil }

        let stamp = X12Timestamp(now())
        var numbers = ProfileKeyedControlNumbers(try await controlNumbers.reserve(partner: profile.id, interchanges: 1, groups: groups.count,
                                                                                 transactionSets: groups.count, at: now()))
        guard let ack = try AcknowledgmentBuilder(options: options, timestamp: stamp.acknowledgment).build(for: result, controlNumbers: &numbers) else {
            return nil
        }
        let functionalType = options.kind == .implementation999 ? "999" : "997"
        var labels: [String] = []
        if ack.ta1 != nil { labels.append("TA1 \(result.acknowledgmentCode)") }
        if !ack.groups.isEmpty { labels.append("\(functionalType) \(groups.map(\.acknowledgmentCode).joined(separator: "/"))") }
        let label = labels.joined(separator: ", ")
        let type = ack.groups.isEmpty ? "TA1" : functionalType
        let sent = try await publish(ack.bytes, type: type)
        try await audit(.acknowledgmentSent, file, [
            "acknowledges": .text(control), "ack": .text(label), "type": .text(type), "outbound": .text(sent.document.documentReference),
            "interchange": .text(sent.document.interchangeControl), "file": .text(sent.name),
        ])
        return label
    }

    /// One accepted 850: translate, ERP, 855. Returns the 855's ISA13 when one was sent now.
    private func order(_ set: TransactionSet, version: String, _ file: InboundFile, translator: DocumentTranslator,
                       history: AuditHistory, holds: inout [String]) async throws -> String? {
        let purchaseOrder: PurchaseOrder
        do {
            guard case .purchaseOrder(let translated) = try translator.translate(set, version: version) else {
                throw PipelineError.untranslatable(partner: profile.id, inbound: file.id, set: "850 \(set.control)", reason: "the map did not yield a PurchaseOrder")
            }
            purchaseOrder = translated
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.untranslatable(partner: profile.id, inbound: file.id, set: "850 \(set.control)", reason: "\(error)")
        }
        let po = purchaseOrder.poNumber
        if history.value(of: .orderAcknowledged, key: "poNumber", equal: po, field: "interchange") != nil { return nil }
        // The canonical order goes into the trail so that 856s and 810s are later checked against
        // exactly what was received and decided, whatever the maps have become since.
        try await audit(.orderTranslated, file, ["poNumber": .text(po), "set": .text(set.control), "lines": .integer(Int64(purchaseOrder.lines.count)),
                                                 OrderOnRecord.purchaseOrderKey: .text(try OrderOnRecord.json(purchaseOrder))])

        let outcome = await orders.process(profile.erpOrder(purchaseOrder), account: profile.erpAccount, policy: profile.erpPolicy)
        switch outcome {
        case .held(let reason):
            try await audit(.orderHeld, file, ["poNumber": .text(po), "reason": .text(reason.description), "retriesByItself": .flag(reason.retriesByItself)])
            holds.append("PO \(po): \(reason)")
            return nil
        case .decided(let decided):
            var acknowledgment = decided.acknowledgment
            // The partner gets its own location code back, not the ERP's ship-to id.
            if acknowledgment.shipTo != nil { acknowledgment.shipTo?.id = purchaseOrder.shipTo?.id }
            try await audit(.orderDecided, file, [
                "poNumber": .text(po), "status": .text(acknowledgment.status.rawValue), "erpOrderNumber": .text(decided.erpOrderNumber ?? ""),
                "findings": .list(decided.findings.map { "\($0)" }),
            ])
            guard profile.documents.send.contains("855") else { return nil }
            return try await send855(acknowledgment, file)
        }
    }

    private func send855(_ acknowledgment: OrderAcknowledgment, _ file: InboundFile) async throws -> String {
        var numbers = try await controlNumbers.reserve(partner: profile.id, at: now())
        let stamp = X12Timestamp(now())
        let envelope = profile.outboundEnvelope(interchangeControl: numbers.next(.interchange, partner: profile.id),
                                                groupControl: numbers.next(.group, partner: profile.id),
                                                setControl: numbers.next(.transactionSet, partner: profile.id),
                                                date: stamp.date, time: stamp.time)
        let generator = DocumentGenerator(catalog: maps, library: library, partner: profile.id)
        let bytes: [UInt8]
        do {
            bytes = try generator.generate(.orderAcknowledgment(acknowledgment), envelope: envelope)
        } catch {
            throw PipelineError.acknowledgmentNotGenerated(partner: profile.id, inbound: file.id, poNumber: acknowledgment.poNumber, reason: "\(error)")
        }
        let sent = try await publish(bytes, type: "855")
        try await audit(.orderAcknowledged, file, [
            "poNumber": .text(acknowledgment.poNumber), "status": .text(acknowledgment.status.rawValue),
            "outbound": .text(sent.document.documentReference), "interchange": .text(sent.document.interchangeControl), "file": .text(sent.name),
            OrderOnRecord.acknowledgmentKey: .text(try OrderOnRecord.json(acknowledgment)),
        ])
        return sent.document.interchangeControl
    }

    private func publish(_ bytes: [UInt8], type: String) async throws -> (document: OutboundDocument, name: String) {
        try await OutboundPublisher(store: store, profile: profile, transport: transport, now: now).publish(bytes, type: type)
    }

    private func audit(_ kind: AuditEventKind, _ file: InboundFile, _ details: [String: AuditValue]) async throws {
        try await store.audit.append(AuditEvent(partner: profile.id, document: file.documentReference, kind: kind, details: details), at: now())
    }
}
