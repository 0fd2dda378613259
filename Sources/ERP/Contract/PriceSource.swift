/// Where a net price came from, in the order the ERP prefers them: a customer contract
/// overrides everything; otherwise the lowest of list, quantity tier and dated promotion.
public enum PriceSource: String, Codable, Sendable, Hashable {
    case contract
    case tier
    case promotion
    case list
}
