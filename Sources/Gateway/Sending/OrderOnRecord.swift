import Documents
import Foundation

/// A purchase order as the gateway received it from a partner, and the 855 it answered with
/// (if one was sent): what a ship notice or invoice for that PO is checked against.
///
/// Both come from the audit trail: the pipeline writes the canonical purchase order into
/// `order.translated` and the canonical acknowledgment into `order.acknowledged`
/// (`purchaseOrder` / `acknowledgment` details, sorted-key JSON whose Decimals are exact). The
/// trail is append-only and hash-chained, and holds what was decided at the time, so the check
/// does not depend on today's maps re-reading yesterday's 850 the same way.
public struct OrderOnRecord: Sendable, Hashable {
    public let partner: String
    public let purchaseOrder: PurchaseOrder
    /// The 855 sent for the order; nil when the partner gets none (or it was not sent yet).
    public let acknowledgment: OrderAcknowledgment?
    /// `inbound/<id>` of the file the order came in.
    public let inbound: String
    /// Quantity per PO line number already sent in earlier 856s / 810s for this order
    /// (`order.shipped` / `order.invoiced`), so that partial shipments add up to no more than ordered.
    public let alreadyShipped: [String: Decimal]
    public let alreadyInvoiced: [String: Decimal]

    static let purchaseOrderKey = "purchaseOrder"
    static let acknowledgmentKey = "acknowledgment"
    static let sentLinesKey = "lines"

    /// `<PO line>=<quantity>` items, as `OutboundDocumentSender` writes them.
    static func sentLines(_ quantities: [String: Decimal]) -> [String] {
        quantities.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    private static func add(_ value: Any?, to quantities: inout [String: Decimal]) {
        for item in value as? [String] ?? [] {
            guard let separator = item.lastIndex(of: "="), let quantity = Decimal(string: String(item[item.index(after: separator)...])) else { continue }
            quantities[String(item[..<separator]), default: 0] += quantity
        }
    }

    /// The latest order with that PO number from that partner; nil when the gateway never
    /// translated one (or only before orders were kept in the trail).
    public static func find(poNumber: String, partner: String, in store: GatewayStore) async throws -> OrderOnRecord? {
        var translated: (document: String, order: PurchaseOrder)?
        var acknowledged: OrderAcknowledgment?
        var shipped: [String: Decimal] = [:]
        var invoiced: [String: Decimal] = [:]
        let kinds: Set<String> = [AuditEventKind.orderTranslated, .orderAcknowledged, .orderShipped, .orderInvoiced].map(\.rawValue).reduce(into: []) { $0.insert($1) }
        // Oldest first, so the last match wins: a PO sent again replaces the earlier one.
        for entry in try await store.audit.entries(partner: partner) {
            guard kinds.contains(entry.event) else { continue }
            let details = (try? JSONSerialization.jsonObject(with: Data(entry.details.utf8))) as? [String: Any] ?? [:]
            guard details["poNumber"] as? String == poNumber else { continue }
            if entry.event == AuditEventKind.orderTranslated.rawValue, let text = details[purchaseOrderKey] as? String {
                translated = (entry.document, try decode(PurchaseOrder.self, text, entry: entry))
                // What was acknowledged or sent for an earlier order with the same number says nothing about this one.
                acknowledged = nil
                shipped = [:]
                invoiced = [:]
            } else if entry.event == AuditEventKind.orderAcknowledged.rawValue, let text = details[acknowledgmentKey] as? String {
                acknowledged = try decode(OrderAcknowledgment.self, text, entry: entry)
            } else if entry.event == AuditEventKind.orderShipped.rawValue {
                add(details[sentLinesKey], to: &shipped)
            } else if entry.event == AuditEventKind.orderInvoiced.rawValue {
                add(details[sentLinesKey], to: &invoiced)
            }
        }
        guard let translated else { return nil }
        return OrderOnRecord(partner: partner, purchaseOrder: translated.order, acknowledgment: acknowledged, inbound: translated.document,
                             alreadyShipped: shipped, alreadyInvoiced: invoiced)
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String, entry: AuditEntry) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw GatewayStoreError.corruptRow(table: "audit_log", key: "\(entry.sequence)", detail: "\(entry.event) details do not decode as \(type): \(error)")
        }
    }
}
