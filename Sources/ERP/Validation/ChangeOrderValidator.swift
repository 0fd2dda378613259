import Documents
import Foundation

/// A decided change order: the 865 to send, and the order as it stands after it (what the ERP
/// now holds and each line's agreed quantity and price), for the store.
public struct DecidedChange: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public var lineNumber: String
        /// Nil when the line left the order.
        public var line: PurchaseOrder.Line?
        public var erp: OrderSubmission.Line?
        public var status: String
    }

    public var acknowledgment: ChangeAcknowledgment
    /// Every line of the order after the change, changed or not.
    public var lines: [Line]
    public var cancelsOrder: Bool
    /// What was sent to the ERP; nil when nothing changed for it.
    public var erpChange: OrderChange?
    /// Whether the ERP applied the change on this call (false: it had before, or no call).
    public var erpApplied: Bool
    public var findings: [String]
}

public enum ChangeOutcome: Sendable, Hashable {
    case decided(DecidedChange)
    case held(HoldReason)
}

/// Answers a buyer's change order: `ChangeDecision` plans it, lines that ask for more (or a
/// new price, or a new line) are validated with the ERP like an order (price, availability,
/// ship-to, and credit for what they add), then the order's new lines go to the ERP in one
/// idempotent change call. Any ERP failure holds the change: never answered on a guess.
public struct ChangeOrderValidator: Sendable {
    public let client: any ERPClient

    public init(client: any ERPClient) {
        self.client = client
    }

    public func process(_ change: ChangeOrder, changeId: String, basis: OrderChangeBasis, account: PartnerAccount, policy: ValidationPolicy,
                        today: String = OrderValidator.today()) async -> ChangeOutcome {
        let plan = ChangeDecision.plan(change, basis: basis)
        var statuses: [ChangeAcknowledgment.Line] = change.lines.map {
            ChangeAcknowledgment.Line(lineNumber: $0.lineNumber, change: $0.change, quantity: $0.quantity, uom: $0.uom, unitPrice: $0.unitPrice, buyerPartNumber: $0.buyerPartNumber,
                                      vendorPartNumber: $0.vendorPartNumber, gtin: $0.gtin, productIds: $0.productIds, status: LineStatusCode.accepted.rawValue)
        }
        var reasons: [String] = []
        var findings: [String] = []
        if let refusal = plan.refusal {
            for index in statuses.indices { statuses[index].status = LineStatusCode.rejected.rawValue; statuses[index].reason = refusal }
            let ack = ChangeAcknowledgment(poNumber: change.poNumber, poDate: change.poDate, changeSequence: change.changeSequence, ackDate: today,
                                           changeDate: change.changeDate, status: .rejected, lines: statuses, reasons: [refusal])
            return .decided(DecidedChange(acknowledgment: ack, lines: Self.unchanged(basis), cancelsOrder: false, erpChange: nil, erpApplied: false, findings: [refusal]))
        }

        // The lines to ask the ERP about, as one order per date they are wanted by (the order's
        // own dates for lines that keep theirs).
        var asked: [(line: PurchaseOrder.Line, cost: Decimal, date: String?)] = []
        for step in plan.steps {
            if case .ask(let line, let cost, let date) = step { asked.append((line, cost, date)) }
        }
        var validated: [String: (ack: OrderAcknowledgment.Line, erp: OrderSubmission.Line?)] = [:]
        for date in Set(asked.map(\.date)).sorted(by: { ($0 ?? "") < ($1 ?? "") }) {
            let group = asked.filter { $0.date == date }
            let order = Self.asked(group.map(\.line), of: basis, by: date)
            let committed = group.reduce(Decimal(0)) { $0 + $1.cost }
            switch await OrderValidator(client: client).validate(order, account: account, policy: policy, committed: committed, today: today) {
            case .held(let reason):
                return .held(reason)
            case .decided(let decided):
                findings += decided.findings.map { "\($0)" }
                let entered = Dictionary((decided.submission?.lines ?? []).map { ($0.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
                for line in decided.acknowledgment.lines { validated[line.lineNumber] = (line, entered[line.lineNumber]) }
                if decided.acknowledgment.status == .rejected, !decided.acknowledgment.reasons.isEmpty { reasons += decided.acknowledgment.reasons }
            }
        }

        // The order after the change: every line, in order, added lines last.
        var after: [String: DecidedChange.Line] = [:]
        var order: [String] = []
        for current in basis.lines {
            order.append(current.line.lineNumber)
            after[current.line.lineNumber] = DecidedChange.Line(lineNumber: current.line.lineNumber, line: current.line, erp: current.erp, status: "")
        }
        for (index, step) in plan.steps.enumerated() {
            let number = change.lines[index].lineNumber
            switch step {
            case .refuse(let reason):
                statuses[index].status = LineStatusCode.rejected.rawValue
                statuses[index].reason = reason
            case .cancel:
                statuses[index].status = "ID"
                statuses[index].ackQuantity = 0
                if after[number] != nil { after[number] = DecidedChange.Line(lineNumber: number, line: nil, erp: nil, status: "ID") }
            case .keep:
                statuses[index].ackQuantity = after[number]?.line?.quantity
            case .apply(let line):
                statuses[index].ackQuantity = line.quantity
                var erp = after[number]?.erp
                erp?.quantity = line.quantity
                after[number] = DecidedChange.Line(lineNumber: number, line: line, erp: erp, status: LineStatusCode.accepted.rawValue)
            case .ask(let line, _, let date):
                guard let answer = validated[line.lineNumber] else {
                    return .held(.contractViolation(endpoint: ERPEndpoint.prices.rawValue, detail: "no decision for changed line \(line.lineNumber)"))
                }
                statuses[index].status = answer.ack.status
                statuses[index].ackQuantity = answer.ack.ackQuantity
                statuses[index].scheduledDate = answer.ack.scheduledDate ?? date
                statuses[index].reason = answer.ack.reason
                let rejected = LineStatusCode(rawValue: answer.ack.status)?.isRejection ?? false
                guard !rejected else { continue }
                guard var erp = answer.erp else {
                    return .held(.contractViolation(endpoint: ERPEndpoint.prices.rawValue, detail: "line \(line.lineNumber) accepted but not entered"))
                }
                var agreed = line
                agreed.quantity = erp.quantity
                agreed.unitPrice = erp.unitPrice
                // The date the line is promised for: the ERP's own (a backorder's fill date), else the one asked.
                if erp.scheduledDate == nil { erp.scheduledDate = date }
                if after[number] == nil { order.append(number) }
                after[number] = DecidedChange.Line(lineNumber: number, line: agreed, erp: erp, status: answer.ack.status)
            }
        }
        // A new date in the header moves the whole order, all or nothing: every line standing
        // after this change is asked of the ERP by that date (CT lines without a date of their
        // own were asked already); the order moves only if all of them can ship complete by then.
        let headerDate = change.requestedShipDate ?? change.requestedDeliveryDate
        let orderDate = change.requestedShipDate != nil ? basis.order.requestedShipDate : basis.order.requestedDeliveryDate
        let headerDateUsed = change.lines.contains { $0.change == "dateChange" && $0.requestedShipDate == nil && $0.requestedDeliveryDate == nil }
        var orderNotMoved = false
        if !plan.cancelsOrder, let headerDate, headerDate != orderDate, !headerDateUsed {
            let standing = order.compactMap { after[$0] }.filter { $0.line != nil && $0.erp != nil && $0.erp?.scheduledDate != headerDate }
            switch await Self.readyBy(headerDate, standing, basis: basis, client: client, account: account, policy: policy, today: today) {
            case .held(let reason):
                return .held(reason)
            case .ready:
                for line in standing { after[line.lineNumber]?.erp?.scheduledDate = headerDate }
                reasons.append("the order moves to \(headerDate)")
            case .late(let late):
                orderNotMoved = true
                reasons.append("the order cannot ship complete by \(headerDate) (\(late.joined(separator: "; "))): its dates are unchanged")
            }
        }
        let lines = order.compactMap { after[$0] }
        let erpLines = lines.compactMap(\.erp)
        let status: OrderAcknowledgment.Status
        let codes = statuses.map(\.status)
        if orderNotMoved, !codes.allSatisfy({ LineStatusCode(rawValue: $0)?.isRejection ?? false }) { status = .acceptedWithChanges }
        else if plan.cancelsOrder || codes.allSatisfy({ $0 == "IA" || $0 == "ID" }) { status = .accepted }
        else if codes.allSatisfy({ LineStatusCode(rawValue: $0)?.isRejection ?? false }) { status = .rejected }
        else { status = .acceptedWithChanges }
        let ack = ChangeAcknowledgment(poNumber: change.poNumber, poDate: change.poDate, changeSequence: change.changeSequence, ackDate: today,
                                       changeDate: change.changeDate, status: status, lines: statuses, reasons: reasons)

        var erpChange: OrderChange?
        if plan.cancelsOrder {
            erpChange = OrderChange(partnerId: account.partnerId, poNumber: change.poNumber, changeId: changeId, lines: [], cancelled: true)
        } else if erpLines != basis.erpLines {
            guard !erpLines.isEmpty else {
                // Every line cancelled one by one: the order is cancelled as a whole.
                let cancel = OrderChange(partnerId: account.partnerId, poNumber: change.poNumber, changeId: changeId, lines: [], cancelled: true)
                return await apply(cancel, ack: ack, lines: lines, cancelsOrder: true, findings: findings)
            }
            erpChange = OrderChange(partnerId: account.partnerId, poNumber: change.poNumber, changeId: changeId, lines: erpLines)
        }
        guard let erpChange else {
            return .decided(DecidedChange(acknowledgment: ack, lines: lines, cancelsOrder: false, erpChange: nil, erpApplied: false, findings: findings))
        }
        return await apply(erpChange, ack: ack, lines: plan.cancelsOrder ? Self.cancelled(basis) : lines, cancelsOrder: erpChange.cancelled, findings: findings)
    }

    private func apply(_ erpChange: OrderChange, ack: ChangeAcknowledgment, lines: [DecidedChange.Line], cancelsOrder: Bool, findings: [String]) async -> ChangeOutcome {
        switch await capture({ () async throws(ERPError) in try await client.changeOrder(erpChange) }) {
        case .failure(let error):
            return .held(.failedCall(error))
        case .success(let receipt):
            guard receipt.lines == erpChange.lines, receipt.cancelled == erpChange.cancelled else {
                // Applied now or before, the ERP holds something else: an 865 from this decision
                // would promise what the ERP does not back.
                return .held(.enteredDifferently(erpOrderNumber: receipt.erpOrderNumber,
                                                 detail: "change \(erpChange.changeId): " + OrderValidator.difference(submitted: erpChange.lines, held: receipt.lines)))
            }
            return .decided(DecidedChange(acknowledgment: ack, lines: lines, cancelsOrder: cancelsOrder, erpChange: erpChange, erpApplied: receipt.applied, findings: findings))
        }
    }

    /// Lines asked of the ERP as one order: the order on record with only these lines, no
    /// charges, and wanted by `date` when one is given (availability counts receipts due by then).
    static func asked(_ lines: [PurchaseOrder.Line], of basis: OrderChangeBasis, by date: String?) -> PurchaseOrder {
        var order = basis.order
        order.lines = lines
        order.charges = []
        if let date {
            order.requestedShipDate = date
            order.requestedDeliveryDate = nil
        }
        return order
    }

    /// The lines the ERP cannot have complete by `date` (as "line N: why"); empty when all can.
    static func readyBy(_ date: String, _ lines: [DecidedChange.Line], basis: OrderChangeBasis, client: any ERPClient, account: PartnerAccount,
                        policy: ValidationPolicy, today: String) async -> Readiness {
        guard !lines.isEmpty else { return .ready }
        let order = Self.asked(lines.compactMap(\.line), of: basis, by: date)
        let committed = lines.reduce(Decimal(0)) { $0 + ($1.line?.quantity ?? 0) * ($1.erp?.unitPrice ?? $1.line?.unitPrice ?? 0) }
        switch await OrderValidator(client: client).validate(order, account: account, policy: policy, committed: committed, today: today) {
        case .held(let reason):
            return .held(reason)
        case .decided(let decided):
            var late: [String] = []
            for line in order.lines {
                guard let answer = decided.acknowledgment.lines.first(where: { $0.lineNumber == line.lineNumber }) else {
                    return .held(.contractViolation(endpoint: ERPEndpoint.availability.rawValue, detail: "no decision for line \(line.lineNumber) by \(date)"))
                }
                let rejected = LineStatusCode(rawValue: answer.status)?.isRejection ?? false
                let quantity = answer.ackQuantity ?? line.quantity
                if rejected || quantity < line.quantity || (answer.scheduledDate.map { $0 > date } ?? false) {
                    late.append("line \(line.lineNumber): " + (answer.reason ?? (answer.scheduledDate.map { "ready \($0)" } ?? "\(quantity) of \(line.quantity) by then")))
                }
            }
            return late.isEmpty ? .ready : .late(late)
        }
    }

    enum Readiness {
        case ready
        /// "line N: why" for each line that cannot ship complete by the date.
        case late([String])
        case held(HoldReason)
    }

    static func unchanged(_ basis: OrderChangeBasis) -> [DecidedChange.Line] {
        basis.lines.map { DecidedChange.Line(lineNumber: $0.line.lineNumber, line: $0.line, erp: $0.erp, status: "") }
    }

    static func cancelled(_ basis: OrderChangeBasis) -> [DecidedChange.Line] {
        basis.lines.map { DecidedChange.Line(lineNumber: $0.line.lineNumber, line: nil, erp: nil, status: "ID") }
    }
}
