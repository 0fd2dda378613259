/// The contract's endpoints, one place for client, server and breaker names.
public enum ERPEndpoint: String, Sendable, Hashable, CaseIterable {
    case token = "/oauth/token"
    case prices = "/v1/prices/batch"
    case credit = "/v1/credit-checks"
    case shipTo = "/v1/ship-to-validations"
    case availability = "/v1/availability/batch"
    case orders = "/v1/orders"
    case orderChanges = "/v1/order-changes"
    case shipTos = "/v1/ship-tos"
    case availabilityChanges = "/v1/availability/changes"
}
