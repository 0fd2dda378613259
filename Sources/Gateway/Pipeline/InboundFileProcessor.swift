import Documents
import ERP
import Foundation
import Mapping
import Partners
import Store
import Transport
import X12

/// Takes one claimed inbound file (state `processing`, leased to this worker) to its end state:
/// read, validate, acknowledge, and for every accepted 850 ask the ERP and answer with an 855.
///
/// Processing starts from the stored bytes, never from the pickup. Each step is recorded in the
/// store with what it changes and the interchange it answers with (queued in the outbox) in
/// one transaction, and only then uploaded; a file that comes back (restart, released hold,
/// retry) finds its steps in `inbound_steps` and its orders in `orders`, skips what is done,
/// and re-uploads anything still pending under the same name with the same bytes.
struct InboundFileProcessor: Sendable {
    let store: GatewayStore
    let profile: PartnerProfile
    let transport: any Transport
    let library: SchemaLibrary
    let maps: MapCatalog
    let orders: OrderValidator
    let lease: Lease
    let now: @Sendable () -> Date

    private var uploader: OutboxUploader {
        OutboxUploader(store: store, profile: profile, transport: transport, lease: lease, now: now)
    }

    /// The sets taken further than their 997, in a second pass over the file.
    static let decidedSets: Set<String> = ["850", "860", "816"]

    /// What one attempt met, for `InboundOutcomeRules`.
    struct Findings {
        var problem: PipelineError?
        var holds: [ProcessingHold] = []
        var uploadFailures: [String] = []
    }

    /// `content`: the file's stored content when the caller has read it already.
    func process(_ file: InboundFile, content: InboundContent? = nil) async -> PipelineFileReport {
        var report = PipelineFileReport(partner: profile.id, name: file.name, inbound: file.id, outcome: .done)
        var findings = Findings()
        do {
            try await answer(file, content: content, report: &report, findings: &findings)
        } catch let error as PipelineError {
            findings.problem = findings.problem ?? error
        } catch let error as GatewayStoreError {
            if case .leaseLost = error { return abandoned(report, error) }
            // Damaged bytes do not heal by waiting.
            var damaged = false
            if case .contentDamaged = error { damaged = true }
            findings.holds.append(ProcessingHold(reason: "\(error)", waitsForPerson: damaged))
        } catch {
            // The store, the transport or the ERP client failed: trouble outside the file, so the
            // file waits and is offered again rather than being failed for something it did not do.
            findings.holds.append(ProcessingHold(reason: "\(error)", waitsForPerson: false))
        }
        FaultPoint.reach("sent")
        let outcome = InboundOutcomeRules(delays: profile.processing.heldRetryDelaysSeconds)
            .decide(problem: findings.problem?.description, holds: findings.holds, holdsSoFar: file.holds, now: now())
        do {
            switch outcome {
            case .done:
                try await store.markDone(file.id, owner: lease.owner, at: now())
                report.outcome = .done
            case .failed(let reason):
                try await store.markFailed(file.id, reason: reason, owner: lease.owner, at: now())
                report.outcome = .failed
                report.reason = reason
            case .held(let reason, let retryAt):
                try await store.markHeld(file.id, reason: reason, retryAt: retryAt, owner: lease.owner, at: now())
                report.outcome = .held
                report.reason = reason
            case .deadLetter(let reason):
                try await store.markDeadLetter(file.id, reason: reason, owner: lease.owner, at: now())
                report.outcome = .deadLetter
                report.reason = reason
            }
        } catch let error as GatewayStoreError {
            if case .leaseLost = error { return abandoned(report, error) }
            report.outcome = .held
            report.reason = "state not recorded: \(error)"
        } catch {
            // The file stays `processing`; once its lease runs out it is taken over.
            report.outcome = .held
            report.reason = "state not recorded: \(error)"
        }
        if !findings.uploadFailures.isEmpty {
            report.reason = ([report.reason].compactMap { $0 } + findings.uploadFailures).joined(separator: "; ")
        }
        return report
    }

    private func abandoned(_ report: PipelineFileReport, _ error: GatewayStoreError) -> PipelineFileReport {
        var report = report
        report.outcome = .abandoned
        report.reason = "\(error)"
        return report
    }

    /// An accepted 850 found in the first pass, answered in the second: where it starts in the
    /// file (its key), with what the reader no longer holds by then.
    private struct AcceptedOrder {
        let version: String
        let interchange: String
    }

    /// Everything up to the end state; `findings` decide that state.
    ///
    /// The file is read as a stream, twice, so memory follows its largest transaction set and
    /// the number of its sets, never its size: the first pass validates and acknowledges each
    /// interchange as it ends and notes where the accepted 850s start; the second reads those
    /// 850s again and answers them one at a time.
    private func answer(_ file: InboundFile, content read: InboundContent?, report: inout PipelineFileReport, findings: inout Findings) async throws {
        let steps = try await store.steps(ofInbound: file.id)
        let content: InboundContent
        if let read { content = read } else { content = try await store.content(ofInbound: file.id) }
        try content.verify()
        let limit = profile.processing.maxOrdersPerFile
        let setLimit = profile.processing.maxSetsPerInterchange
        var orders: [Int: AcceptedOrder] = [:]
        var orderCount = 0
        var acknowledgments = AcknowledgmentCollector.Collected()
        var interchanges = 0
        var ackLabels: [String] = []
        do {
            let reader = try content.reader(file: file.name, mode: profile.readingMode)
            var validation = InterchangeStreamValidator(validator: InterchangeValidator(library: library, acceptedSets: profile.acceptedSets))
            var collector = AcknowledgmentCollector(path: file.name)
            // The 850s of the open group and interchange, by byte offset; the validator's result
            // says at the interchange's end which were accepted. Groups and sets are counted the
            // way the validator keeps them (a group outside an interchange is dropped by both).
            var header: InterchangeHeader?
            var groupOrders: [(offset: Int, set: Int)] = []
            var setIndex = -1
            var interchangeOrders: [(offset: Int, group: Int, set: Int)] = []
            var groupIndex = -1
            var groupReceivers: [(control: String, receiverCode: String)] = []
            var setsInInterchange = 0
            while let event = try reader.next() {
                collector.consume(event)
                switch event {
                case .interchangeStart(let started, _):
                    header = started
                    groupIndex = -1
                    interchangeOrders = []
                    groupReceivers = []
                    setsInInterchange = 0
                case .groupStart(let segment):
                    groupOrders = []
                    setIndex = -1
                    groupReceivers.append((control: segment[6], receiverCode: segment[3]))
                case .transactionSet(let set):
                    setIndex += 1
                    setsInInterchange += 1
                    if setsInInterchange > setLimit, let open = header {
                        // Its 997 would list every set: stop before memory follows the count.
                        findings.holds.append(ProcessingHold(reason: "interchange \(open.controlNumber) carries more than \(setLimit) transaction sets "
                                                             + "(processing.maxSetsPerInterchange): not acknowledged, none decided; raise the limit for partner "
                                                             + "\(profile.id) and release the file, or ask the partner to split it", waitsForPerson: true))
                        report.ack = ackLabels.isEmpty ? nil : ackLabels.joined(separator: ", ")
                        return
                    }
                    // Orders, changes to them and location lists are taken after the interchange's 997.
                    if Self.decidedSets.contains(set.type) { groupOrders.append((set.byteOffset, setIndex)) }
                case .groupEnd:
                    if header != nil {
                        groupIndex += 1
                        interchangeOrders += groupOrders.map { ($0.offset, groupIndex, $0.set) }
                    }
                    groupOrders = []
                default:
                    break
                }
                guard let result = validation.consume(event), let ended = header else { continue }
                header = nil
                interchanges += 1
                // False for a foreign sender or a rejected envelope: its acknowledgments and orders do not count.
                let acceptedHere = try await acknowledge(result, header: ended, groups: groupReceivers, file: file, steps: steps,
                                                         ackLabels: &ackLabels, findings: &findings)
                let collected = collector.takeEnded()
                guard acceptedHere else { continue }
                acknowledgments.functional += collected.functional
                acknowledgments.interchange += collected.interchange
                // A group's code is computed from all its sets: once per group, not per order.
                let groupCodes = result.groups.map(\.acknowledgmentCode)
                for order in interchangeOrders where result.groups.indices.contains(order.group) {
                    let group = result.groups[order.group]
                    guard groupCodes[order.group] != "R", group.sets.indices.contains(order.set), group.sets[order.set].isAccepted else { continue }
                    orderCount += 1
                    // Past the limit only counted: the file will not be decided anyway.
                    if orderCount <= limit { orders[order.offset] = AcceptedOrder(version: group.version, interchange: result.header.controlNumber) }
                }
            }
        } catch let error as GatewayStoreError {
            throw error
        } catch let error as PipelineError {
            throw error
        } catch {
            // No envelope could be read, so there is nobody to address a TA1 to.
            throw PipelineError.unreadable(partner: profile.id, inbound: file.id, reason: "\(error)")
        }
        guard interchanges > 0 else { throw PipelineError.noInterchange(partner: profile.id, inbound: file.id) }
        report.ack = ackLabels.isEmpty ? nil : ackLabels.joined(separator: ", ")
        // Only interchanges we accepted, from this partner and addressed to us, may settle our groups.
        report.reconciled = try await reconcile(acknowledgments)

        guard orderCount <= limit else {
            findings.holds.append(ProcessingHold(reason: "the file carries \(orderCount) accepted purchase orders, more than processing.maxOrdersPerFile (\(limit)) "
                                                 + "allows: acknowledged, none decided; raise the limit for partner \(profile.id) and release the file, or ask the partner to split it",
                                                 waitsForPerson: true))
            return
        }
        guard !orders.isEmpty else { return }
        let translator = DocumentTranslator(catalog: maps, library: library, partner: profile.id)
        let reader = try content.reader(file: file.name, mode: profile.readingMode)
        while let event = try reader.next() {
            guard case .transactionSet(let set) = event, let order = orders[set.byteOffset], Self.decidedSets.contains(set.type) else { continue }
            do {
                if set.type == "816" {
                    try await readLocations(set, version: order.version, interchange: order.interchange, file, translator: translator, steps: steps)
                } else if set.type == "860" {
                    if let control = try await answerChange(set, version: order.version, interchange: order.interchange, file,
                                                            translator: translator, steps: steps, findings: &findings) {
                        report.control865.append(control)
                    }
                } else if let answer = try await answerOrder(set, version: order.version, interchange: order.interchange, file,
                                                             translator: translator, steps: steps, findings: &findings) {
                    // An 850 that replaces an order on record is answered as a change.
                    if answer.type == "865" { report.control865.append(answer.control) } else { report.control855.append(answer.control) }
                }
            } catch let error as PipelineError {
                // One order's problem does not stop the file's other orders.
                findings.problem = findings.problem ?? error
            }
        }
    }

    /// One interchange's envelope checks, its acknowledgment step (recorded, then uploaded)
    /// and what it means for the file. Returns whether the interchange was accepted, i.e. its
    /// orders and acknowledgments count.
    private func acknowledge(_ validated: InterchangeResult, header: InterchangeHeader, groups: [(control: String, receiverCode: String)],
                             file: InboundFile, steps: [String: InboundStep], ackLabels: inout [String], findings: inout Findings) async throws -> Bool {
        let control = header.controlNumber
        let sender = "\(header.senderQualifier):\(header.senderID)"
        guard sender == profile.partnerInterchangeIdentity else {
            findings.problem = findings.problem ?? .foreignSender(partner: profile.id, inbound: file.id, found: sender, expected: profile.partnerInterchangeIdentity)
            return false
        }
        // Checks the reader cannot make, since they need the profile and the store. Made
        // again on a later attempt, with the same answer (only earlier files count).
        var result = validated
        if let refusal = try await envelopeRefusal(header: header, groups: groups, file: file, sender: sender) { result = validated.rejecting(refusal) }
        let step: InboundStep
        var claimed: ClaimedOutbound?
        if let done = steps[InboundStep.acknowledgment(sender: sender, interchange: control)] {
            step = done
        } else {
            (step, claimed) = try await store.recordInterchangeChecked(file, owner: lease.owner, sender: sender, interchange: control,
                                                                       envelopeCode: result.acknowledgmentCode, validation: [
                "interchange": .text(control), "sender": .text(sender), "ta1": .text(result.acknowledgmentCode),
                "groups": .list(result.groups.map { "\($0.functionalID) \($0.control) \($0.acknowledgmentCode)" }),
            ], acknowledgment: acknowledgment(for: result), uploadLease: lease, at: now())
            FaultPoint.reach("acknowledged")
        }
        if step.outcome != "none" { ackLabels.append(step.outcome) }
        // Just queued: uploaded on the claim it was queued with; from an earlier attempt: claimed first.
        if let claimed {
            _ = await upload(claimed, findings: &findings)
        } else if let outbound = step.outboundID {
            _ = await upload(outbound, findings: &findings)
        }
        if result.acknowledgmentCode == "R" {
            findings.problem = findings.problem ?? .envelopeRejected(partner: profile.id, inbound: file.id, interchange: control, noteCode: result.noteCode,
                                                                     reason: result.envelopeErrors.first?.message ?? "")
            return false
        }
        let anyAccepted = result.groups.contains { group in group.acknowledgmentCode != "R" && group.sets.contains(where: \.isAccepted) }
        if !anyAccepted, result.groups.contains(where: { $0.functionalID != "FA" }) {
            findings.problem = findings.problem ?? .allSetsRejected(partner: profile.id, inbound: file.id, interchange: control)
        }
        return true
    }

    /// The partner's TA1s and 997/999s in the file, matched to the groups we sent it that still
    /// await an answer; the store keeps the first verdict and audits it.
    private func reconcile(_ answers: AcknowledgmentCollector.Collected) async throws -> [String] {
        guard !answers.functional.isEmpty || !answers.interchange.isEmpty else { return [] }
        let awaiting = try await store.sentGroups(partner: profile.id, outcome: .awaiting).map(\.group)
        guard !awaiting.isEmpty else { return [] }
        let window = Int64(profile.acknowledgments.expectWithinMinutes) * 60
        let outcomes = AcknowledgmentReconciler(window: window).reconcile(sent: awaiting, functional: answers.functional, interchange: answers.interchange, now: Int64(now().timeIntervalSince1970))
        let decided = try await store.markAcknowledged(outcomes, at: now())
        return decided.map { "\($0.group.functionalID) \($0.group.groupControl) \($0.outcome.rawValue)" }
    }

    /// Why an interchange from the right sender must still be refused, as the TA1 note a
    /// partner understands: addressed to someone else (ISA08, GS03), a test/production mix-up
    /// (ISA15 against the profile's usage), or an ISA13 this sender already used in an
    /// earlier file within the profile's window. Nil when none applies.
    private func envelopeRefusal(header: InterchangeHeader, groups: [(control: String, receiverCode: String)], file: InboundFile, sender: String) async throws -> EnvelopeError? {
        if let refusal = profile.envelopeRefusal(header: header, groups: groups, file: file.name) { return refusal }
        let since = now().addingTimeInterval(-Double(profile.processing.duplicateWindowDays) * 86_400)
        if let earlier = try await store.earlierInterchange(partner: profile.id, sender: sender, control: header.controlNumber, before: file.id, since: since) {
            return EnvelopeError(code: .ta1(TA1NoteCode.duplicateControlNumber),
                                 message: "ISA13 \(header.controlNumber) from \(sender) was already received in inbound/\(earlier.inbound) on \(GatewayTimestamp.text(earlier.receivedAt)); this file is not decided again",
                                 file: file.name, byteOffset: 0, segmentPosition: 1, segmentID: "ISA", elementPosition: 13, value: header.controlNumber)
        }
        return nil
    }

    /// The TA1/997/999 the profile asks for, to be built inside the store's transaction; nil
    /// when nothing is owed. X12's builder says how many control numbers it takes.
    private func acknowledgment(for result: InterchangeResult) -> QueuedInterchange? {
        let options = profile.acknowledgmentOptions
        let builder = AcknowledgmentBuilder(options: options, timestamp: X12Timestamp(now()).acknowledgment)
        guard let need = builder.controlNumbersNeeded(for: result) else { return nil }
        let functionalType = options.kind == .implementation999 ? "999" : "997"
        var labels: [String] = []
        if need.ta1 { labels.append("TA1 \(result.acknowledgmentCode)") }
        if need.groups > 0 {
            let codes = result.groups.filter { $0.functionalID != "FA" }.map(\.acknowledgmentCode)
            labels.append("\(functionalType) \(codes.joined(separator: "/"))")
        }
        let partner = profile.id
        return QueuedInterchange(type: need.groups == 0 ? "TA1" : functionalType, label: labels.joined(separator: ", "), need: need) { numbers in
            var keyed = ProfileKeyedControlNumbers(numbers)
            guard let ack = try builder.build(for: result, controlNumbers: &keyed) else {
                throw PipelineError.outboundUnreadable(partner: partner, type: functionalType, reason: "the builder owed nothing after asking for control numbers")
            }
            return ack.written
        }
    }

    /// One accepted 850: translate, record the order, ERP, 855. Returns the 855's ISA13 when
    /// the file has one for the order (sent now or on an earlier attempt).
    private func answerOrder(_ set: TransactionSet, version: String, interchange: String, _ file: InboundFile, translator: DocumentTranslator,
                             steps: [String: InboundStep], findings: inout Findings) async throws -> (type: String, control: String)? {
        let purchaseOrder = try translate(set, version: version, file, translator: translator, expecting: "PurchaseOrder") { document in
            if case .purchaseOrder(let order) = document { return order }
            return nil
        }
        let po = purchaseOrder.poNumber
        if let done = steps[InboundStep.orderAnswered(poNumber: po)] {
            guard let outbound = done.outboundID else { return nil }
            return await upload(outbound, findings: &findings).map { ("855", $0.interchangeControl) }
        }
        if purchaseOrder.purpose == "05", let standing = try await store.order(partner: profile.id, poNumber: po), standing.inboundID != file.id {
            // A replacing 850 for an order on record is a change to it, answered like an 860.
            return try await answerChange(ChangeOrder(replacing: standing, with: purchaseOrder), key: "replace \(interchange)/\(set.control)",
                                          set: set, file, steps: steps, findings: &findings).map { ("865", $0) }
        }
        let order: OrderRecord
        switch try await store.registerOrder(purchaseOrder, from: file, interchange: interchange, set: set.control, at: now()) {
        case .new(let recorded), .resumed(let recorded):
            order = recorded
        case .receivedBefore(let earlier):
            findings.holds.append(ProcessingHold(reason: "PO \(po) was already received in inbound/\(earlier.inboundID) (\(earlier.documentReference)); "
                                                 + "a second order under the same number is not decided again and waits for a person", waitsForPerson: true))
            return nil
        }

        // A location the partner's list proposed is not the ERP's until a person approves it.
        let approved = try await approvedLocation(of: purchaseOrder)
        if let code = purchaseOrder.shipTo?.id, let waiting = approved.open {
            let reason = "PO \(po): ship-to \(code) awaits approval (\(waiting.documentReference), \(waiting.kind.rawValue) location from inbound/\(waiting.inboundID), "
                + "\(waiting.status.rawValue)); the order is decided once the change is applied, or released by a person"
            try await store.recordOrderHeld(order, reason: reason, retriesByItself: false, awaitingLocation: code, at: now())
            findings.holds.append(ProcessingHold(reason: reason, waitsForPerson: true))
            return nil
        }
        let promised = try await PublishedPrices.promised(to: purchaseOrder, profile: profile, store: store)
        let erpOrder = profile.erpOrder(purchaseOrder, approvedLocations: approved.mapping)
        let outcome = await orders.process(erpOrder, account: profile.erpAccount, policy: profile.erpPolicy, published: promised)
        FaultPoint.reach("decided")
        switch outcome {
        case .held(let reason):
            try await store.recordOrderHeld(order, reason: reason.description, retriesByItself: reason.retriesByItself, at: now())
            findings.holds.append(ProcessingHold(reason: "PO \(po): \(reason)", waitsForPerson: !reason.retriesByItself))
            return nil
        case .decided(let decided):
            let acknowledgment = profile.partnerAcknowledgment(decided.acknowledgment, order: purchaseOrder)
            let answer = profile.documents.send.contains("855") ? orderAcknowledgment(acknowledgment, file) : nil
            let recorded = try await store.recordOrderDecided(order, file: file, owner: lease.owner, acknowledgment: acknowledgment,
                                                             erpOrderNumber: decided.erpOrderNumber, erpCreated: decided.erpCreated,
                                                             erpLines: try decided.submission.map { try OrderChangeBasis.json($0.lines) },
                                                             findings: decided.findings.map { "\($0)" },
                                                             publishedCatalogs: PublishedPrices.catalogs(of: purchaseOrder, promised: promised), answer: answer,
                                                             uploadLease: lease, at: now())
            FaultPoint.reach("855-pending")
            guard let claimed = recorded.upload else { return nil }
            return await upload(claimed, findings: &findings).map { ("855", $0.interchangeControl) }
        }
    }

    /// The order's ship-to as the partner's location lists left it: the ERP id a person approved
    /// for its code (as a mapping `erpOrder` takes), and a change to it still open.
    func approvedLocation(of order: PurchaseOrder) async throws -> (mapping: [String: String], open: ShipToChangeRecord?) {
        guard let code = order.shipTo?.id, !code.isEmpty else { return ([:], nil) }
        let standing = try await store.shipToStanding(partner: profile.id, locationCode: code)
        return (standing.location.map { [code: $0.erpShipToID] } ?? [:], standing.open)
    }

    /// The set as the canonical document its map yields; any failure is the set's
    /// `untranslatable` problem, named by its type and ST02.
    func translate<Document>(_ set: TransactionSet, version: String, _ file: InboundFile, translator: DocumentTranslator, expecting name: String,
                             _ extract: (CanonicalDocument) -> Document?) throws(PipelineError) -> Document {
        let translated: CanonicalDocument
        do { translated = try translator.translate(set, version: version) } catch {
            throw .untranslatable(partner: profile.id, inbound: file.id, set: "\(set.type) \(set.control)", reason: "\(error)")
        }
        guard let document = extract(translated) else {
            throw .untranslatable(partner: profile.id, inbound: file.id, set: "\(set.type) \(set.control)", reason: "the map did not yield a \(name)")
        }
        return document
    }

    private func orderAcknowledgment(_ acknowledgment: OrderAcknowledgment, _ file: InboundFile) -> QueuedInterchange {
        let (partner, inbound) = (profile.id, file.id)
        return .single(.orderAcknowledgment(acknowledgment), type: "855", profile: profile,
                       generator: DocumentGenerator(catalog: maps, library: library, partner: profile.id), stamp: X12Timestamp(now())) { error in
            PipelineError.acknowledgmentNotGenerated(partner: partner, inbound: inbound, poNumber: acknowledgment.poNumber, reason: "\(error)")
        }
    }

    /// Uploads one queued interchange now; a failure leaves it pending for the next poll and is
    /// noted, never a reason to process the file again. Returns the document as stored.
    func upload(_ id: Int64, findings: inout Findings) async -> OutboundDocument? {
        do {
            if let sent = try await uploader.upload(id) { return sent }
            return try await store.outboundDocument(id: id)
        } catch {
            findings.uploadFailures.append("\(error)")
            return try? await store.outboundDocument(id: id)
        }
    }

    /// The same for an interchange just queued claimed for this processor's lease.
    func upload(_ claimed: ClaimedOutbound, findings: inout Findings) async -> OutboundDocument? {
        do {
            return try await uploader.upload(claimed)
        } catch {
            findings.uploadFailures.append("\(error)")
            return try? await store.outboundDocument(id: claimed.document.id)
        }
    }
}
