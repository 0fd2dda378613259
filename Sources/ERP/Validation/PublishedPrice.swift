import Foundation

/// A price we published to the partner (832) that holds on the order's date: an order line at
/// it is at a price we promised, whatever the ERP's price is today.
public struct PublishedPrice: Sendable, Hashable {
    public var price: Decimal
    /// Which catalog published it, for the audit trail (`outbound/12`).
    public var catalog: String

    public init(price: Decimal, catalog: String) {
        self.price = price
        self.catalog = catalog
    }
}
