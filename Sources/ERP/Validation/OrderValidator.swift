import Documents
import Foundation

/// Validates purchase orders against the ERP and decides the 855.
///
/// Per order: price, availability and ship-to are asked concurrently (batched, bounded by
/// the client's limiter); then credit is checked for what would actually ship at the ERP's
/// prices. Any ERP failure holds the order — it is never accepted or rejected on a guess.
public struct OrderValidator: Sendable {
    public let client: any ERPClient

    public init(client: any ERPClient) {
        self.client = client
    }

    /// Validates and, unless rejected, enters the order in the ERP (idempotent by partner +
    /// PO number, so a retry after a lost answer is safe).
    /// `published`: prices we published to the partner (832) that hold on the order's date, by
    /// PO line number; a line at one of them is honoured even when the ERP's price moved.
    public func process(_ order: PurchaseOrder, account: PartnerAccount, policy: ValidationPolicy, published: [String: PublishedPrice] = [:],
                        today: String = OrderValidator.today()) async -> ValidationOutcome {
        let outcome = await validate(order, account: account, policy: policy, published: published, today: today)
        guard case .decided(var decided) = outcome, let submission = decided.submission else { return outcome }
        switch await capture({ () async throws(ERPError) in try await client.submitOrder(submission) }) {
        case .success(let receipt):
            decided.erpOrderNumber = receipt.erpOrderNumber
            decided.erpCreated = receipt.created
            if let lines = receipt.lines, lines != submission.lines {
                // Entered now or before, the ERP holds something other than what was decided:
                // an 855 from this decision would promise what the ERP does not back.
                let held = receipt.created ? HoldReason.contractViolation(endpoint: ERPEndpoint.orders.rawValue, detail: "order \(receipt.erpOrderNumber) was entered with other lines than submitted")
                    : .enteredDifferently(erpOrderNumber: receipt.erpOrderNumber, detail: Self.difference(submitted: submission.lines, held: lines))
                return .held(held)
            }
            if !receipt.created, receipt.lines == nil {
                // A repeat that cannot be compared: our own retry or another order, no one can say.
                return .held(.enteredDifferently(erpOrderNumber: receipt.erpOrderNumber, detail: "the ERP had the order already and did not say with which lines"))
            }
            return .decided(decided)
        case .failure(let error):
            return .held(.failedCall(error))
        }
    }

    /// `process`, retried while the ERP cannot answer, waiting `delays` between attempts.
    /// Holds for a person are returned at once.
    public func processRetryingWhileHeld(_ order: PurchaseOrder, account: PartnerAccount, policy: ValidationPolicy, delays: [Duration] = [.seconds(30), .seconds(120), .seconds(600), .seconds(1800)], today: String = OrderValidator.today()) async -> ValidationOutcome {
        let schedule = delays
        var outcome = await process(order, account: account, policy: policy, today: today)
        for delay in schedule {
            guard case .held(let reason) = outcome, reason.retriesByItself else { return outcome }
            do { try await Task.sleep(for: delay) } catch { return outcome }
            outcome = await process(order, account: account, policy: policy, today: today)
        }
        return outcome
    }

    /// `committed`: what the ERP already holds for these lines (a change order's lines before
    /// the change); credit is checked for the shipping amount beyond it, and not at all when
    /// the lines cost no more than before.
    public func validate(_ order: PurchaseOrder, account: PartnerAccount, policy: ValidationPolicy, committed: Decimal = 0, published: [String: PublishedPrice] = [:],
                         today: String = OrderValidator.today()) async -> ValidationOutcome {
        let customer = account.customerId
        let shipToCode = order.shipTo?.id
        let availabilityDate = order.requestedShipDate ?? order.requestedDeliveryDate ?? order.poDate
        let items = order.lines.map { ItemReference(vendorPartNumber: $0.vendorPartNumber, gtin: $0.gtin, buyerPartNumber: $0.buyerPartNumber) }

        // Lines that cannot be order lines (quantity not positive, negative price) are rejected
        // before the ERP is asked: they are neither priced, nor entered, nor counted for credit.
        var byIndex: [Int: PublishedPrice] = [:]
        for (index, line) in order.lines.enumerated() { if let price = published[line.lineNumber] { byIndex[index] = price } }
        var decision = OrderDecision(order: order, policy: policy, published: byIndex)
        let asked = decision.askedLines
        let priceRequest = PriceRequest(customerId: customer, date: order.poDate, currency: order.currency, lines: asked.map { PriceRequest.Line(ref: OrderDecision.ref($0), item: items[$0], quantity: order.lines[$0].quantity, uom: order.lines[$0].uom) })
        let shipToRequest = ShipToRequest(soldTo: customer, shipToId: shipToCode, address: order.shipTo.flatMap(Self.address))
        let cacheAge = Duration.milliseconds(Int64(policy.priceCacheTTLSeconds * 1000))
        let client = self.client

        // A ship-to named only by its address must be resolved first: its ERP id decides
        // the warehouse availability is checked at. With an id, all three go at once.
        var knownShipTo: Result<ShipToResponse, ERPError>?
        var availabilityShipTo = shipToCode
        if shipToCode == nil, shipToRequest.address != nil {
            let answer = await capture { () async throws(ERPError) in try await client.shipTo(shipToRequest) }
            knownShipTo = answer
            if case .success(let resolved) = answer, resolved.status == .valid { availabilityShipTo = resolved.shipToId }
        }
        let availabilityRequest = AvailabilityRequest(customerId: customer, warehouse: availabilityShipTo == nil ? account.defaultWarehouse : nil, shipToId: availabilityShipTo, date: availabilityDate, lines: asked.map { AvailabilityRequest.Line(ref: OrderDecision.ref($0), item: items[$0], quantity: order.lines[$0].quantity, uom: order.lines[$0].uom) })
        let alreadyAsked = knownShipTo

        // Nothing to price or check when every line was rejected on its own terms.
        async let pricesAnswer = capture { () async throws(ERPError) in
            asked.isEmpty ? PriceResponse(customerId: customer, results: []) : try await client.prices(priceRequest, maxCacheAge: cacheAge)
        }
        async let availabilityAnswer = capture { () async throws(ERPError) in
            asked.isEmpty ? AvailabilityResponse(results: []) : try await client.availability(availabilityRequest)
        }
        async let shipToAnswer = capture { () async throws(ERPError) in
            if let alreadyAsked { return try alreadyAsked.get() }
            return try await client.shipTo(shipToRequest)
        }

        let prices: PriceResponse, stock: AvailabilityResponse, shipTo: ShipToResponse
        switch (await pricesAnswer, await availabilityAnswer, await shipToAnswer) {
        case (.success(let p), .success(let a), .success(let s)):
            (prices, stock, shipTo) = (p, a, s)
        case (.failure(let e), _, _), (_, .failure(let e), _), (_, _, .failure(let e)):
            return .held(.erpUnavailable(e))
        }

        if let unserved = stock.results.first(where: { $0.status == .unknownWarehouse }) {
            // The ERP's own set-up is incomplete (a ship-to served by no warehouse): a person
            // must fix it; the partner's order is not at fault.
            return .held(.erpUnavailable(.malformedResponse(endpoint: ERPEndpoint.availability.rawValue, detail: unserved.detail ?? "no warehouse serves this ship-to")))
        }

        decision.applyShipTo(shipTo)
        decision.applyLines(prices: prices, stock: stock)
        if prices.customerId != customer {
            return .held(.contractViolation(endpoint: ERPEndpoint.prices.rawValue, detail: "prices answer customer \(prices.customerId), asked for \(customer)"))
        }
        if let violation = decision.contractViolations.first {
            return .held(.contractViolation(endpoint: violation.endpoint, detail: decision.contractViolations.map(\.detail).joined(separator: "; ")))
        }
        if case .hold(let finding) = decision.orderState { return .held(.account(finding)) }

        // Credit is judged on what would ship at our prices, not on what the partner wrote.
        if decision.orderState == .open, decision.hasLinesToShip, decision.shippingAmount > committed {
            let amount = decision.shippingAmount - committed
            switch await capture({ () async throws(ERPError) in try await client.credit(CreditRequest(customerId: customer, amount: amount, currency: order.currency)) }) {
            case .failure(let error):
                return .held(.erpUnavailable(error))
            case .success(let credit):
                if credit.decision == .unknownCustomer {
                    // The profile maps the partner to a customer the ERP does not have: a
                    // configuration error for a person, not a reason to reject the order.
                    return .held(.erpUnavailable(.rejectedRequest(endpoint: ERPEndpoint.credit.rawValue, status: 404, problem: ProblemDetails(title: "unknown customer", status: 404, detail: credit.reason ?? customer))))
                }
                decision.applyCredit(credit)
                if case .hold(let finding) = decision.orderState { return .held(.account(finding)) }
            }
        }

        let acknowledgment = decision.acknowledgment(today: today)
        let submission = acknowledgment.status == .rejected ? nil : decision.submission(partnerId: account.partnerId, customerId: customer, shipToId: shipTo.shipToId)
        // What the 855 accepts must be exactly what the ERP is asked to enter.
        let accepted = acknowledgment.status == .rejected ? [] : acknowledgment.lines.filter { !(LineStatusCode(rawValue: $0.status)?.isRejection ?? false) }.map(\.lineNumber)
        let entered = submission?.lines.map(\.lineNumber) ?? []
        guard accepted == entered else {
            return .held(.contractViolation(endpoint: ERPEndpoint.prices.rawValue,
                                            detail: "the 855 would accept lines \(accepted.joined(separator: ",")) but only \(entered.joined(separator: ",")) can be entered"))
        }
        return .decided(ValidatedOrder(acknowledgment: acknowledgment, submission: submission, findings: decision.findings))
    }

    /// What differs between the lines decided now and the lines the ERP holds, for a person.
    static func difference(submitted: [OrderSubmission.Line], held: [OrderSubmission.Line]) -> String {
        let ours = Dictionary(submitted.map { ($0.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
        let theirs = Dictionary(held.map { ($0.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
        var notes: [String] = []
        for number in Set(ours.keys).union(theirs.keys).sorted() {
            switch (ours[number], theirs[number]) {
            case (let a?, let b?) where a != b:
                notes.append("line \(number): decided \(a.quantity) \(a.uom) \(a.itemId) at \(a.unitPrice), ERP holds \(b.quantity) \(b.uom) \(b.itemId) at \(b.unitPrice)")
            case (_?, nil): notes.append("line \(number): decided, not in the ERP's order")
            case (nil, _?): notes.append("line \(number): in the ERP's order, not decided now")
            default: break
            }
        }
        return notes.isEmpty ? "lines differ" : notes.joined(separator: "; ")
    }

    /// Only an address that can identify a place (street and postal code) is sent.
    static func address(_ party: Party) -> PostalAddress? {
        guard !party.address.isEmpty, party.postalCode != nil else { return nil }
        return PostalAddress(name: party.name, lines: party.address, city: party.city, state: party.state, postalCode: party.postalCode, country: party.country)
    }

    /// Today as YYYY-MM-DD in UTC.
    public static func today(_ date: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}

/// Runs an ERP call and keeps its failure as a value, so concurrent calls can be awaited
/// together and any one failure turns into a hold.
func capture<T: Sendable>(_ body: () async throws(ERPError) -> T) async -> Result<T, ERPError> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}
