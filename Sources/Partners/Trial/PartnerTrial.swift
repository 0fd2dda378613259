import Documents
import ERP
import Foundation
import Mapping
import X12

/// `edigate partner try`: everything the gateway would do with a partner's file — read it
/// with the profile's mode, check the envelope against the profile, build the TA1/997/999,
/// translate each 850, ask the ERP for its decision (read-only calls: nothing is entered) and
/// generate the 855 — without recording, numbering or uploading anything.
package struct PartnerTrial: Sendable {
    package let profile: PartnerProfile
    package let maps: MapCatalog
    package let library: SchemaLibrary
    /// nil: the ERP is not asked (`--no-erp`).
    package let orders: OrderValidator?
    package let now: Date

    package init(profile: PartnerProfile, maps: MapCatalog, library: SchemaLibrary, orders: OrderValidator?, now: Date = Date()) {
        self.profile = profile
        self.maps = maps
        self.library = library
        self.orders = orders
        self.now = now
    }

    package func run(bytes: [UInt8], file: String) async -> PartnerTrialReport {
        var report = PartnerTrialReport(partner: profile.id, file: file)
        let x12: InterchangeFile
        do {
            x12 = try InterchangeFile.read(bytes: bytes, file: file, mode: profile.readingMode)
        } catch {
            report.problems.append("cannot read the file: \(error)")
            return report
        }
        report.warnings += x12.warnings.map { "reading: \($0)" }
        for error in x12.errors where !x12.interchanges.contains(where: { $0.allErrors.contains(error) }) {
            report.problems.append("byte \(error.byteOffset): \(error.code): \(error.message)")
        }
        guard !x12.interchanges.isEmpty else {
            report.problems.append("no interchange in the file")
            return report
        }

        let validated = InterchangeValidator(library: library, acceptedSets: profile.acceptedSets).validate(x12)
        var accepted850s: [(set: TransactionSet, version: String)] = []
        var results: [InterchangeResult] = []
        for (interchange, validation) in zip(x12.interchanges, validated) {
            let header = validation.header
            let sender = "\(header.senderQualifier):\(header.senderID)"
            var result = validation
            if sender != profile.partnerInterchangeIdentity {
                // The pipeline leaves such a file alone: it is not this partner's.
                report.problems.append("ISA05/ISA06 \(sender) is not the profile's partner \(profile.partnerInterchangeIdentity) (interchange.partner): the gateway would not answer it")
            } else if let refusal = profile.envelopeRefusal(interchange, file: file) {
                result = validation.rejecting(refusal)
            }
            report.interchanges.append(.init(control: header.controlNumber, sender: sender, receiver: "\(header.receiverQualifier):\(header.receiverID)",
                                             version: interchange.groups.first?.version ?? header.version, result: result))
            guard sender == profile.partnerInterchangeIdentity else { continue }
            results.append(result)
            if !result.isValid { report.problems.append("interchange \(header.controlNumber) is not accepted as it stands (TA1 \(result.acknowledgmentCode); see the errors)") }
            if let version = interchange.groups.first?.version, SchemaLibrary.baseVersion(version) != profile.interchange.version {
                report.warnings.append("interchange \(header.controlNumber) is version \(version); we send the partner \(profile.interchange.version) (interchange.version)")
            }
            guard result.acknowledgmentCode != "R" else { continue }
            for (group, groupResult) in zip(interchange.groups, result.groups) where groupResult.acknowledgmentCode != "R" {
                for (set, setResult) in zip(group.transactionSets, groupResult.sets) where setResult.isAccepted {
                    if set.type == "850" {
                        accepted850s.append((set, group.version))
                    } else if !["997", "999"].contains(set.type) {
                        report.problems.append("\(set.type) \(set.control): the gateway does not process \(set.type)s from partners (documents.receive: \(profile.documents.receive.joined(separator: ", ")))")
                    }
                }
            }
        }

        // The acknowledgments it would send, numbered from 1 here; the store draws the real ones.
        let stamp = Self.timestamp(now)
        let builder = AcknowledgmentBuilder(options: profile.acknowledgmentOptions, timestamp: AcknowledgmentTimestamp(date: stamp.date, time: stamp.time))
        var numbers = InMemoryControlNumberSource()
        do {
            let built = try builder.build(for: results, controlNumbers: &numbers)
            if !built.isEmpty { report.acknowledgmentX12 = built.map { String(decoding: $0.bytes, as: UTF8.self) }.joined() }
        } catch {
            report.problems.append("no acknowledgment could be built: \(error)")
        }

        let translator = DocumentTranslator(catalog: maps, library: library, partner: profile.id)
        for (set, version) in accepted850s {
            report.orders.append(await tryOrder(set, version: version, translator: translator, stamp: stamp, report: &report))
        }
        return report
    }

    private func tryOrder(_ set: TransactionSet, version: String, translator: DocumentTranslator, stamp: (date: String, time: String),
                          report: inout PartnerTrialReport) async -> PartnerTrialReport.OrderFinding {
        var finding = PartnerTrialReport.OrderFinding(set: "850 \(set.control)")
        var unmapped: [UnmappedData] = []
        let order: PurchaseOrder
        do {
            guard case .purchaseOrder(let translated) = try translator.translate(set, version: version, unmapped: &unmapped) else {
                report.problems.append("\(finding.set): the map did not yield a PurchaseOrder")
                return finding
            }
            order = translated
        } catch {
            report.problems.append("\(finding.set): not translated: \(error)")
            return finding
        }
        report.warnings += unmapped.map { "\(finding.set): \($0)" }
        finding.poNumber = order.poNumber
        finding.order = order
        guard let orders else {
            finding.decision = "not asked (--no-erp)"
            return finding
        }
        // `validate`, not `process`: the ERP is asked for prices, stock, ship-to and credit,
        // and nothing is entered.
        switch await orders.validate(profile.erpOrder(order), account: profile.erpAccount, policy: profile.erpPolicy) {
        case .held(let reason):
            finding.decision = reason.description
            switch reason {
            case .erpUnavailable(let error) where !error.isTransient, .refusedByERP(let error):
                report.problems.append("PO \(order.poNumber): the ERP refused the request: \(error) (check erp.customer and erp.shipTo in the profile)")
            case .erpUnavailable(let error):
                report.problems.append("PO \(order.poNumber): the ERP could not answer (\(error)); try again, or --no-erp")
            case .contractViolation:
                report.problems.append("PO \(order.poNumber): \(reason)")
            case .account, .enteredDifferently:
                // A credit hold is the ERP's business answer, not a setup problem.
                report.warnings.append("PO \(order.poNumber): \(reason)")
            }
        case .decided(let decided):
            let acknowledgment = profile.partnerAcknowledgment(decided.acknowledgment, order: order)
            finding.acknowledgment = acknowledgment
            finding.decision = acknowledgment.status.rawValue
            finding.reasons = acknowledgment.reasons + acknowledgment.lines.compactMap(\.reason)
            guard profile.documents.send.contains("855") else { break }
            let envelope = profile.outboundEnvelope(interchangeControl: 1, groupControl: 1, setControl: 1, date: stamp.date, time: stamp.time)
            do {
                let written = try DocumentGenerator(catalog: maps, library: library, partner: profile.id).generateInterchange(.orderAcknowledgment(acknowledgment), envelope: envelope)
                finding.orderAcknowledgmentX12 = String(decoding: written.bytes, as: UTF8.self)
                report.warnings += written.adjustments.map { "PO \(order.poNumber): \($0)" }
            } catch {
                report.problems.append("PO \(order.poNumber): the 855 could not be generated: \(error)")
            }
        }
        return finding
    }

    /// CCYYMMDD and HHMM in UTC, as the gateway stamps what it sends.
    static func timestamp(_ date: Date) -> (date: String, time: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return (pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2), pad(parts.hour, 2) + pad(parts.minute, 2))
    }
}
