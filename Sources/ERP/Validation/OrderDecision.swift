import Documents
import Foundation

/// The decision table: turns the ERP's answers for one order into line statuses and a header
/// status under a partner's policy. Pure — no I/O — so every path is cheap to reason about.
struct OrderDecision {
    enum OrderState: Equatable {
        case open
        case rejected
        case hold(Finding)
    }

    struct LineDecision {
        var rejectedAs: LineStatusCode?
        var priceChanged = false
        var quantityChanged = false
        var backordered = false
        var ackQuantity: Decimal
        var ackUnitPrice: Decimal?
        var scheduledDate: String?
        var itemId: String?
        var reasons: [String] = []

        var status: LineStatusCode {
            if let rejectedAs { return rejectedAs }
            let changes = [priceChanged, quantityChanged || backordered].filter { $0 }.count
            if changes > 1 { return .changesMade }
            if backordered { return .backordered }
            if quantityChanged { return .quantityChanged }
            if priceChanged { return .priceChanged }
            return .accepted
        }
    }

    let order: PurchaseOrder
    let policy: ValidationPolicy
    private(set) var findings: [Finding] = []
    private(set) var orderState: OrderState = .open
    private(set) var orderReasons: [String] = []
    private(set) var lines: [LineDecision]
    /// Where the ERP's answers break its contract (docs/erp-api.yaml); any one holds the order.
    private(set) var contractViolations: [(endpoint: String, detail: String)] = []

    /// Prices we published to the partner that hold on the order's date, by line index.
    let published: [Int: PublishedPrice]

    init(order: PurchaseOrder, policy: ValidationPolicy, published: [Int: PublishedPrice] = [:]) {
        self.order = order
        self.policy = policy
        self.published = published
        lines = order.lines.map { LineDecision(ackQuantity: $0.quantity, ackUnitPrice: $0.unitPrice) }
        if order.lines.isEmpty {
            orderState = .rejected
            orderReasons.append("the order has no lines")
        }
        for (index, line) in order.lines.enumerated() {
            if line.quantity <= 0 {
                rejectLine(index, as: .rejected, .invalidLine(line: line.lineNumber, reason: "quantity \(line.quantity) \(line.uom) is not positive"), .rejectLine)
            } else if let price = line.unitPrice, price < 0 {
                rejectLine(index, as: .rejected, .invalidLine(line: line.lineNumber, reason: "unit price \(price) is negative"), .rejectLine)
            }
        }
    }

    /// The lines to ask the ERP about: every line not already rejected on its own terms.
    var askedLines: [Int] { lines.indices.filter { lines[$0].rejectedAs == nil } }

    /// A rejection outranks a hold: there is nothing for a person to release.
    private mutating func escalate(_ finding: Finding, _ action: ValidationPolicy.AccountAction) {
        findings.append(finding)
        orderReasons.append(finding.description)
        switch (action, orderState) {
        case (.reject, _): orderState = .rejected
        case (.hold, .open): orderState = .hold(finding)
        case (.hold, _): break
        }
    }

    mutating func applyShipTo(_ answer: ShipToResponse) {
        let named = order.shipTo?.id ?? order.shipTo?.name ?? "(none given)"
        switch answer.status {
        case .valid:
            break
        case .unknown:
            escalate(.shipToUnknown(answer.reason ?? named), policy.unknownShipTo)
        case .notAuthorised:
            escalate(.shipToNotAuthorised(answer.reason ?? named), .reject)
        }
    }

    mutating func applyLines(prices: PriceResponse, stock: AvailabilityResponse) {
        let priceByRef = Dictionary(prices.results.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        let stockByRef = Dictionary(stock.results.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        var currencyChecked = false
        for index in askedLines {
            let line = order.lines[index]
            let ref = Self.ref(index)
            guard let price = priceByRef[ref] else {
                contractViolations.append((ERPEndpoint.prices.rawValue, "no result for line \(line.lineNumber) (ref \(ref))"))
                continue
            }
            guard let availability = stockByRef[ref] else {
                contractViolations.append((ERPEndpoint.availability.rawValue, "no result for line \(line.lineNumber) (ref \(ref))"))
                continue
            }
            if price.status == .priced {
                guard price.netUnitPrice != nil, let item = price.itemId, !item.isEmpty else {
                    contractViolations.append((ERPEndpoint.prices.rawValue, "line \(line.lineNumber) is priced without \(price.netUnitPrice == nil ? "a netUnitPrice" : "an itemId")"))
                    continue
                }
                if let net = price.netUnitPrice, net < 0 {
                    contractViolations.append((ERPEndpoint.prices.rawValue, "line \(line.lineNumber) is priced at a negative \(net)"))
                    continue
                }
            }
            let itemName = price.itemId ?? ItemReference(vendorPartNumber: line.vendorPartNumber, gtin: line.gtin, buyerPartNumber: line.buyerPartNumber).display
            lines[index].itemId = price.itemId

            if price.status == .unknownItem || availability.status == .unknownItem {
                rejectLine(index, as: .itemNotFound, .unknownItem(line: line.lineNumber, item: itemName), policy.unknownItem)
                continue
            }
            if price.status == .unknownUOM || availability.status == .unknownUOM {
                rejectLine(index, as: .rejected, .unknownUOM(line: line.lineNumber, item: itemName, uom: line.uom), policy.unknownUOM)
                continue
            }
            // Checked above for `priced`; an available line of an unpriced item cannot be decided.
            guard let net = price.netUnitPrice else {
                contractViolations.append((ERPEndpoint.prices.rawValue, "line \(line.lineNumber) has status \(price.status.rawValue) and no price"))
                continue
            }

            if !currencyChecked, let ordered = order.currency, let erp = price.currency, ordered != erp {
                currencyChecked = true
                escalate(.currencyMismatch(ordered: ordered, erp: erp), policy.currencyMismatch)
            }
            currencyChecked = true

            applyPrice(index, line: line, net: net, price: price)
            if lines[index].rejectedAs != nil { continue }
            applyAvailability(index, line: line, availability: availability)
        }
    }

    private mutating func applyPrice(_ index: Int, line: PurchaseOrder.Line, net: Decimal, price: PriceResponse.Result) {
        let mismatch: Bool
        if let offered = line.unitPrice {
            mismatch = !policy.priceWithinTolerance(offered: offered, net: net)
        } else {
            mismatch = policy.missingPriceIsMismatch
            // Nothing to compare: the partner takes our price.
            if !mismatch { lines[index].ackUnitPrice = net }
        }
        guard mismatch else { return }
        if let offered = line.unitPrice, let promised = published[index], promised.price == offered {
            // A price we published and that still holds is a price we promised: honoured.
            findings.append(.publishedPrice(line: line.lineNumber, price: offered, catalog: promised.catalog, net: net))
            return
        }
        let finding = Finding.priceMismatch(line: line.lineNumber, offered: line.unitPrice, net: net, source: price.priceSource, currency: price.currency)
        switch policy.priceMismatch {
        case .change:
            findings.append(finding)
            lines[index].priceChanged = true
            lines[index].ackUnitPrice = net
            lines[index].reasons.append(finding.description)
        case .reject:
            rejectLine(index, as: .rejected, finding, .rejectLine)
        case .rejectOrder:
            rejectLine(index, as: .rejected, finding, .rejectOrder)
        }
    }

    private mutating func applyAvailability(_ index: Int, line: PurchaseOrder.Line, availability: AvailabilityResponse.Result) {
        guard availability.status == .short else { return }
        let available = availability.availableToPromise ?? 0
        let finding = Finding.shortage(line: line.lineNumber, requested: line.quantity, available: available, uom: line.uom, fillDate: availability.fillDate, substitutes: availability.substitutes.map(\.itemId))
        var action = policy.shortage
        if action == .backorder, availability.fillDate == nil { action = .change }
        switch action {
        case .backorder:
            findings.append(finding)
            lines[index].backordered = true
            lines[index].scheduledDate = availability.fillDate
            lines[index].reasons.append(finding.description)
        case .change where available > 0:
            findings.append(finding)
            lines[index].quantityChanged = true
            lines[index].ackQuantity = available
            lines[index].reasons.append(finding.description)
        case .change, .reject:
            rejectLine(index, as: .rejected, finding, .rejectLine)
        }
    }

    private mutating func rejectLine(_ index: Int, as code: LineStatusCode, _ finding: Finding, _ action: ValidationPolicy.LineRejectAction) {
        findings.append(finding)
        lines[index].rejectedAs = code
        lines[index].ackQuantity = 0
        // Nothing will be sold on this line, so no price is acknowledged for it.
        lines[index].ackUnitPrice = nil
        lines[index].reasons.append(finding.description)
        if action == .rejectOrder {
            orderState = .rejected
            orderReasons.append("\(finding.description) — the partner's policy rejects the whole order")
        }
    }

    mutating func applyCredit(_ answer: CreditResponse) {
        let money = answer.currency.map { " \($0)" } ?? ""
        switch answer.decision {
        case .approved, .unknownCustomer:
            break
        case .hold:
            escalate(.creditHold(answer.reason ?? "credit department hold"), policy.creditHold)
        case .overLimit:
            let available = answer.availableCredit.map { "\($0.moneyText)\(money)" } ?? "unknown"
            escalate(.overLimit("order \(shippingAmount.moneyText)\(money), available credit \(available)"), policy.overLimit)
        }
    }

    var hasLinesToShip: Bool {
        lines.contains { $0.rejectedAs == nil }
    }

    /// What the ERP would invoice: kept lines at the acknowledged price, plus charges.
    var shippingAmount: Decimal {
        let goods = lines.reduce(Decimal(0)) { total, line in
            line.rejectedAs == nil ? total + line.ackQuantity * (line.ackUnitPrice ?? 0) : total
        }
        return order.charges.reduce(goods) { $0 + ($1.kind == .charge ? $1.amount : -$1.amount) }
    }

    func acknowledgment(today: String) -> OrderAcknowledgment {
        let rejected = orderState == .rejected || !hasLinesToShip
        var reasons = orderReasons
        if rejected, orderState != .rejected, !order.lines.isEmpty {
            reasons.append("no line of the order can be supplied")
        }
        let ackLines = order.lines.indices.map { index -> OrderAcknowledgment.Line in
            let line = order.lines[index]
            let decision = lines[index]
            var status = decision.status
            var reason = decision.reasons.joined(separator: "; ")
            var quantity = decision.ackQuantity
            if rejected, !status.isRejection {
                status = .rejected
                quantity = 0
                if reason.isEmpty { reason = "order rejected" }
            }
            return OrderAcknowledgment.Line(lineNumber: line.lineNumber, quantity: line.quantity, uom: line.uom, unitPrice: line.unitPrice, buyerPartNumber: line.buyerPartNumber, vendorPartNumber: line.vendorPartNumber, gtin: line.gtin, productIds: line.productIds, status: status.rawValue, ackQuantity: quantity, ackUnitPrice: decision.ackUnitPrice, scheduledDate: decision.scheduledDate, reason: reason.isEmpty ? nil : reason)
        }
        let status: OrderAcknowledgment.Status
        if rejected {
            status = .rejected
        } else if ackLines.allSatisfy({ $0.status == LineStatusCode.accepted.rawValue }) {
            status = .accepted
        } else {
            status = .acceptedWithChanges
        }
        if !rejected {
            reasons += findings.filter { !orderReasons.contains($0.description) }.map(\.description)
        } else {
            reasons += findings.map(\.description).filter { !reasons.contains($0) }
        }
        return OrderAcknowledgment(poNumber: order.poNumber, poDate: order.poDate, ackDate: today, status: status, shipTo: order.shipTo, lines: ackLines, reasons: reasons)
    }

    func submission(partnerId: String, customerId: String, shipToId: String?) -> OrderSubmission {
        let kept = order.lines.indices.compactMap { index -> OrderSubmission.Line? in
            let decision = lines[index]
            guard decision.rejectedAs == nil, let itemId = decision.itemId, let price = decision.ackUnitPrice else { return nil }
            let line = order.lines[index]
            return OrderSubmission.Line(lineNumber: line.lineNumber, itemId: itemId, quantity: decision.ackQuantity, uom: line.uom, unitPrice: price, scheduledDate: decision.scheduledDate)
        }
        return OrderSubmission(partnerId: partnerId, poNumber: order.poNumber, customerId: customerId, shipToId: shipToId, currency: order.currency, lines: kept)
    }

    /// Lines are keyed by position, not PO101: partners do send duplicate line numbers.
    static func ref(_ index: Int) -> String { String(index + 1) }
}
