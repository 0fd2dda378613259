import Foundation

/// `POST /v1/credit-checks`: may this customer take on an order of this amount?
public struct CreditRequest: Codable, Sendable, Hashable {
    public var customerId: String
    public var amount: Decimal
    public var currency: String?

    public init(customerId: String, amount: Decimal, currency: String? = nil) {
        self.customerId = customerId
        self.amount = amount
        self.currency = currency
    }
}
