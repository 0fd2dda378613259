import Foundation

/// One step in an order's life, as `edigate trace` shows it (read from the audit trail, for a
/// person: nothing decides from it).
public struct TraceEvent: Sendable, Hashable, Encodable {
    public var sequence: Int64
    public var recordedAt: String
    public var event: String
    public var document: String
    public var details: String
}

extension GatewayStore {
    /// Everything recorded about a PO: its 850's file, the acknowledgments and 855 answering it,
    /// the buyer's changes and the 865s answering them, its shipments and invoices and the partner's acknowledgments of them, holds and retries,
    /// in the order they happened.
    public func trace(poNumber: String, partner: String? = nil) async throws -> [TraceEvent] {
        try await database.read { db in
            var orderSQL = "SELECT id, partner, inbound_id, acknowledgment_outbound_id FROM orders WHERE po_number = ?"
            var arguments: StoreArguments = [poNumber]
            if let partner { orderSQL += " AND partner = ?"; arguments += [partner] }
            var documents: Set<String> = []
            var partners: Set<String> = []
            for row in try db.fetchAll(sql: orderSQL, arguments: arguments) {
                let inbound: Int64 = row["inbound_id"]
                let owner: String = row["partner"]
                partners.insert(owner)
                documents.insert("inbound/\(inbound)")
                if let answer: Int64 = row["acknowledgment_outbound_id"] { documents.insert("outbound/\(answer)") }
                for id in try db.fetchAll(Int64.self, sql: "SELECT outbound_id FROM inbound_steps WHERE inbound_id = ? AND outbound_id IS NOT NULL", arguments: [inbound]) {
                    documents.insert("outbound/\(id)")
                }
                for id in try db.fetchAll(Int64.self, sql: "SELECT outbound_id FROM shipments WHERE partner = ? AND po_numbers LIKE ?", arguments: [owner, "%\"\(poNumber)\"%"]) {
                    documents.insert("outbound/\(id)")
                }
                for id in try db.fetchAll(Int64.self, sql: "SELECT outbound_id FROM invoices WHERE partner = ? AND po_number = ?", arguments: [owner, poNumber]) {
                    documents.insert("outbound/\(id)")
                }
                // The buyer's changes: the files they came in and the 865s answering them.
                for change in try db.fetchAll(sql: "SELECT inbound_id, acknowledgment_outbound_id FROM order_changes WHERE partner = ? AND po_number = ?", arguments: [owner, poNumber]) {
                    documents.insert("inbound/\(change["inbound_id"] as Int64)")
                    if let answer: Int64 = change["acknowledgment_outbound_id"] { documents.insert("outbound/\(answer)") }
                }
            }
            guard !partners.isEmpty else { return [] }
            // Also entries that name the PO without one of those documents (a second file with
            // the same PO held for a person, a refused invoice).
            let marker = "%\"poNumber\":\"\(poNumber)\"%"
            let placeholders = documents.map { _ in "?" }.joined(separator: ",")
            var sql = "SELECT sequence, recorded_at, event, document, details FROM audit_log WHERE partner IN (\(partners.map { _ in "?" }.joined(separator: ","))) AND (details LIKE ?"
            var traceArguments: StoreArguments = StoreArguments(partners.sorted())
            traceArguments += [marker]
            if !documents.isEmpty {
                sql += " OR document IN (\(placeholders))"
                traceArguments += StoreArguments(documents.sorted())
            }
            sql += ") ORDER BY sequence"
            return try db.fetchAll(sql: sql, arguments: traceArguments).map {
                TraceEvent(sequence: $0["sequence"], recordedAt: $0["recorded_at"], event: $0["event"], document: $0["document"], details: $0["details"])
            }
        }
    }
}
