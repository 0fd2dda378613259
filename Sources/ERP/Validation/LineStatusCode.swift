/// X12 ACK01 line item status codes the validator produces.
public enum LineStatusCode: String, Codable, Sendable, Hashable, CaseIterable {
    case accepted = "IA"
    case priceChanged = "IP"
    case quantityChanged = "IQ"
    case backordered = "IB"
    /// More than one kind of change on the line (price and quantity).
    case changesMade = "IC"
    case rejected = "IR"
    case itemNotFound = "R2"

    public var isRejection: Bool { self == .rejected || self == .itemNotFound }
}
