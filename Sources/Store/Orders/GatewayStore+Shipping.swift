import Documents
import Foundation

/// A ship notice or an invoice we send from an ERP event: the table it is kept in and the key
/// that makes it unique per partner.
public enum ShippingDocumentKind: String, Sendable, Hashable {
    /// 856, unique by shipment id.
    case shipment
    /// 810, unique by invoice number.
    case invoice

    var table: String { self == .shipment ? "shipments" : "invoices" }
    var keyColumn: String { self == .shipment ? "shipment_id" : "invoice_number" }
    var keyName: String { self == .shipment ? "shipmentId" : "invoiceNumber" }
    var quantityColumn: String { self == .shipment ? "shipped_quantity" : "invoiced_quantity" }
    var auditKind: AuditEventKind { self == .shipment ? .orderShipped : .orderInvoiced }
}

/// What a shipping document's check found: the quantity per PO and line number it sends, and
/// for an invoice its three-way match, recorded with it.
package struct ShippingCheck: Sendable {
    package var quantities: [String: [String: Decimal]]
    package var review: InvoiceReview?

    package init(quantities: [String: [String: Decimal]], review: InvoiceReview?) {
        self.quantities = quantities
        self.review = review
    }
}

/// What `recordShippingDocument` did.
public enum ShippingRecord: Sendable, Hashable {
    /// Checked, recorded and queued in the outbox now.
    case queued(OutboundDocument)
    /// The same document (same content) was recorded before: nothing new is sent; this is the
    /// interchange that answered it (pending or sent).
    case alreadyRecorded(OutboundDocument)
}

extension GatewayStore {
    /// Records an 856 or 810 for sending: `check` runs inside the write transaction against the
    /// orders as they stand (so two sends cannot both pass on the same quantities) and returns
    /// the quantity per PO and line number; the quantities are added to the order lines, the
    /// interchange is queued, and each PO gets an `order.shipped` / `order.invoiced` entry —
    /// one transaction. A second call with the same key and the same content returns the first
    /// interchange; with different content it is refused.
    package func recordShippingDocument(_ kind: ShippingDocumentKind, partner: String, key: String, poNumbers: [String], contentSHA256: String,
                                check: @escaping @Sendable ([String: OrderRecord]) throws -> ShippingCheck,
                                answer: QueuedInterchange, at date: Date) async throws -> ShippingRecord {
        let controlNumbers = controlNumbers()
        return try await database.write { db in
            if let row = try db.fetchOne(sql: "SELECT document_sha256, outbound_id FROM \(kind.table) WHERE partner = ? AND \(kind.keyColumn) = ?",
                                          arguments: [partner, key]) {
                let outbound: Int64 = row["outbound_id"]
                guard row["document_sha256"] as String == contentSHA256 else {
                    throw GatewayStoreError.conflictingDocument(partner: partner, type: kind.rawValue, key: key, outbound: outbound)
                }
                return .alreadyRecorded(try Self.outboundDocument(id: outbound, in: db))
            }
            var orders: [String: OrderRecord] = [:]
            for po in poNumbers { orders[po] = try Self.order(partner: partner, poNumber: po, in: db) }
            let checked = try check(orders)
            let quantities = checked.quantities
            let document = try Self.queueOutbound(partner: partner, type: answer.type, need: answer.need, controlNumbers: controlNumbers,
                                                  build: answer.build, at: date, in: db).document
            let lines = try StoredJSON.encode(quantities.mapValues { $0.mapValues { "\($0)" } })
            if kind == .shipment {
                try db.execute(sql: """
                    INSERT INTO shipments (partner, shipment_id, po_numbers, lines, document_sha256, outbound_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [partner, key, try StoredJSON.encode(poNumbers), lines, contentSHA256, document.id, GatewayTimestamp.text(date)])
            } else {
                try db.execute(sql: """
                    INSERT INTO invoices (partner, invoice_number, po_number, lines, document_sha256, outbound_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [partner, key, poNumbers.joined(separator: ","), lines, contentSHA256, document.id, GatewayTimestamp.text(date)])
            }
            for (po, perLine) in quantities.sorted(by: { $0.key < $1.key }) {
                guard let order = orders[po] else { continue }
                for (lineNumber, quantity) in perLine {
                    guard let line = order.lines.first(where: { $0.lineNumber == lineNumber }) else { continue }
                    let total = (kind == .shipment ? line.shipped : line.invoiced) + quantity
                    try db.execute(sql: "UPDATE order_lines SET \(kind.quantityColumn) = ? WHERE order_id = ? AND position = ?",
                                   arguments: ["\(total)", order.id, line.position])
                }
                try AuditTrail.append(AuditEvent(partner: partner, document: document.documentReference, kind: kind.auditKind, details: [
                    "poNumber": .text(po), kind.keyName: .text(key), "order": .text(order.documentReference),
                    "lines": .list(perLine.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }),
                    "interchange": .text(document.interchangeControl), "file": .text(document.fileName),
                ]), at: date, in: db)
            }
            if let review = checked.review { try Self.insertInvoiceReview(review, partner: partner, outbound: document, reason: nil, at: date, in: db) }
            return .queued(document)
        }
    }
}
