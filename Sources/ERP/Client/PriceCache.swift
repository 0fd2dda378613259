import Foundation
import NIOConcurrencyHelpers

/// Approved price answers kept for a short time. Busy portals send the same items for the
/// same customer many times a minute; a price list does not change that fast, and the
/// profile's TTL bounds how stale an answer may be. Only `priced` answers are kept: an
/// unknown item may be set up in the ERP a minute later.
public final class PriceCache: Sendable {
    public struct Key: Hashable, Sendable {
        var customerId: String
        var date: String
        var currency: String?
        var item: ItemReference
        var quantity: Decimal
        var uom: String
    }

    private struct Entry {
        var result: PriceResponse.Result
        var storedAt: ContinuousClock.Instant
    }

    private let entries = NIOLockedValueBox([Key: Entry]())
    private let capacity: Int

    public init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    public static func key(_ request: PriceRequest, _ line: PriceRequest.Line) -> Key {
        Key(customerId: request.customerId, date: request.date, currency: request.currency, item: line.item, quantity: line.quantity, uom: line.uom)
    }

    public func lookup(_ key: Key, maxAge: Duration, now: ContinuousClock.Instant = .now) -> PriceResponse.Result? {
        guard maxAge > .zero else { return nil }
        return entries.withLockedValue { e in
            guard let entry = e[key] else { return nil }
            if now - entry.storedAt > maxAge {
                e[key] = nil
                return nil
            }
            return entry.result
        }
    }

    public func store(_ key: Key, _ result: PriceResponse.Result, now: ContinuousClock.Instant = .now) {
        guard result.status == .priced else { return }
        entries.withLockedValue { e in
            // Crude but bounded: a full cache is emptied rather than grown without limit.
            if e.count >= capacity { e.removeAll(keepingCapacity: true) }
            e[key] = Entry(result: result, storedAt: now)
        }
    }

    public var count: Int { entries.withLockedValue { $0.count } }

    public func removeAll() {
        entries.withLockedValue { $0.removeAll() }
    }
}
