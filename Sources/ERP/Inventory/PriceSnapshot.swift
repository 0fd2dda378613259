import Foundation

/// The prices the ERP would honour today on an order from this customer, for the items a
/// partner is published: the contract's price endpoint (one batched call, one unit of each
/// item), checked against the contract before anyone is told a price.
public struct PriceSnapshot: Sendable {
    public struct Price: Sendable, Hashable {
        public var ref: String
        public var unitPrice: Decimal
        public var source: PriceSource?
        /// The last day it holds, when the ERP said.
        public var validUntil: String?
    }

    public struct Result: Sendable, Hashable {
        public var prices: [Price]
        /// Items the ERP does not price (unknown, or not in that unit), with why.
        public var unpriced: [String]
    }

    public let client: any ERPClient

    public init(client: any ERPClient) {
        self.client = client
    }

    public func take(customerId: String, currency: String?, items: [InventorySnapshot.Item], date: String) async throws(ERPError) -> Result {
        let request = PriceRequest(customerId: customerId, date: date, currency: currency,
                                   lines: items.map { .init(ref: $0.ref, item: $0.item, quantity: 1, uom: $0.uom) })
        // Never a cached price: a catalog promises it.
        let answer = try await client.prices(request, maxCacheAge: .zero)
        let endpoint = ERPEndpoint.prices.rawValue
        guard answer.customerId == customerId else {
            throw .malformedResponse(endpoint: endpoint, detail: "prices answer customer \(answer.customerId), asked for \(customerId)")
        }
        let asked = Set(items.map(\.ref))
        var answered: Set<String> = []
        var prices: [Price] = []
        var unpriced: [String] = []
        for result in answer.results {
            guard asked.contains(result.ref), answered.insert(result.ref).inserted else {
                throw .malformedResponse(endpoint: endpoint, detail: "result for ref \(result.ref) that was not asked, or twice")
            }
            switch result.status {
            case .priced:
                guard let price = result.netUnitPrice, price > 0 else {
                    throw .malformedResponse(endpoint: endpoint, detail: "ref \(result.ref) priced without a positive netUnitPrice")
                }
                if let until = result.validUntil, until < date {
                    throw .malformedResponse(endpoint: endpoint, detail: "ref \(result.ref): a price valid until \(until), before \(date)")
                }
                prices.append(Price(ref: result.ref, unitPrice: price, source: result.priceSource, validUntil: result.validUntil))
            case .unknownItem, .unknownUOM:
                unpriced.append("\(result.ref): \(result.status.rawValue)\(result.detail.map { " (\($0))" } ?? "")")
            }
        }
        if answered.count != asked.count {
            throw .malformedResponse(endpoint: endpoint, detail: "\(asked.count - answered.count) item(s) got no price answer")
        }
        return Result(prices: prices, unpriced: unpriced)
    }
}
