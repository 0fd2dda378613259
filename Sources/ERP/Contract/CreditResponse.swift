import Foundation

public struct CreditResponse: Codable, Sendable, Hashable {
    public enum Decision: String, Codable, Sendable, Hashable {
        case approved
        /// Credit department hold on the account, whatever the amount.
        case hold
        case overLimit
        case unknownCustomer
    }

    public var customerId: String
    public var decision: Decision
    public var creditLimit: Decimal?
    public var openReceivables: Decimal?
    public var availableCredit: Decimal?
    public var currency: String?
    public var reason: String?

    public init(customerId: String, decision: Decision, creditLimit: Decimal? = nil, openReceivables: Decimal? = nil, availableCredit: Decimal? = nil, currency: String? = nil, reason: String? = nil) {
        self.customerId = customerId
        self.decision = decision
        self.creditLimit = creditLimit
        self.openReceivables = openReceivables
        self.availableCredit = availableCredit
        self.currency = currency
        self.reason = reason
    }
}
