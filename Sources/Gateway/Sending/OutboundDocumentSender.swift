import Documents
import Foundation
import Mapping
import Partners
import Store
import Transport
import X12

/// Turns an ERP shipment or invoice event (a canonical ShipNotice or Invoice) into an 856 or
/// 810 for one partner: checked against the order the partner sent us, generated with the
/// partner's maps and durable control numbers, recorded in the outbox, uploaded, audited.
///
/// The order checks and generation run inside the store's transaction that records the
/// document, so a refusal leaves no trace (no record, no control number, nothing at the
/// partner), and two sends cannot both pass on the same quantities. Shipments and invoices are
/// unique per partner by shipment id / invoice number: the same event again returns the first
/// interchange (uploading it if it is still pending), a different one under the same number is
/// refused.
public struct OutboundDocumentSender: Sendable {
    let store: GatewayStore
    let profile: PartnerProfile
    let transport: any Transport
    let library: SchemaLibrary
    let maps: MapCatalog
    let lease: Lease
    let now: @Sendable () -> Date

    public init(store: GatewayStore, profile: PartnerProfile, transport: any Transport, library: SchemaLibrary, maps: MapCatalog,
                lease: Lease = Lease(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.profile = profile
        self.transport = transport
        self.library = library
        self.maps = maps
        self.lease = lease
        self.now = now
    }

    /// Sends one 856 or 810. Throws `OutboundSendRefusal` when the document is refused (nothing
    /// recorded or uploaded); store and transport errors are passed on as they are (a document
    /// recorded before a failed upload stays in the outbox).
    /// `correction`: the ERP marks the document a deliberate correction: an invoice that does not
    /// match the order, our 855 and the shipments is then sent and flagged (`variance`) instead of
    /// refused, and a ship notice may ship beyond what our 855 acknowledged.
    public func send(_ document: CanonicalDocument, correction: Bool = false) async throws -> OutboundSendReport {
        let type = document.type.transactionSet
        let partner = profile.id
        let kind: ShippingDocumentKind
        let key: String
        let lines: [String: [OrderConformance.SentLine]]
        let content: Data
        var invoiceDocument: Invoice?
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch document {
        case .shipNotice(let notice):
            kind = .shipment
            key = notice.shipmentId
            lines = Dictionary(notice.orders.map { order in
                let items = order.packs.flatMap(\.items) + order.tares.flatMap { $0.packs.flatMap(\.items) }
                return (order.poNumber, items.map {
                    OrderConformance.SentLine(lineNumber: $0.lineNumber, buyerPartNumber: $0.buyerPartNumber, vendorPartNumber: $0.vendorPartNumber,
                                              quantity: $0.quantity, uom: $0.uom)
                })
            }, uniquingKeysWith: +)
            content = try encoder.encode(notice)
        case .invoice(let invoice):
            kind = .invoice
            key = invoice.invoiceNumber
            lines = [invoice.poNumber: invoice.lines.map {
                OrderConformance.SentLine(lineNumber: $0.lineNumber, buyerPartNumber: $0.buyerPartNumber, vendorPartNumber: $0.vendorPartNumber,
                                          quantity: $0.quantity, uom: $0.uom, unitPrice: $0.unitPrice)
            }]
            content = try encoder.encode(invoice)
            invoiceDocument = invoice
        case .purchaseOrder, .orderAcknowledgment, .changeOrder, .changeAcknowledgment, .inventoryAdvice, .priceCatalog, .locationList:
            throw OutboundSendRefusal.unsupportedDocument(partner: partner, type: type)
        }
        guard profile.documents.send.contains(type) else { throw OutboundSendRefusal.notExchanged(partner: partner, type: type) }
        let poNumbers = lines.keys.sorted()
        let poText = poNumbers.joined(separator: ",")

        // The buyer's own item ids, from the orders on record (their lines never change once
        // received), go back in what we send.
        var ordered: [String: PurchaseOrder] = [:]
        for po in poNumbers {
            if let order = try await store.order(partner: partner, poNumber: po) { ordered[po] = order.purchaseOrder }
        }
        let document = BuyerItemEcho.echo(document, orders: ordered)
        let generator = DocumentGenerator(catalog: maps, library: library, partner: partner)
        let profile = self.profile
        let stamp = X12Timestamp(now())
        let answer = QueuedInterchange.single(document, type: type, profile: profile, generator: generator, stamp: stamp) { error in
            OutboundSendRefusal.notGenerated(partner: partner, type: type, poNumber: poText, reason: "\(error)")
        }
        let record: ShippingRecord
        let invoice = invoiceDocument
        do {
            record = try await store.recordShippingDocument(kind, partner: partner, key: key, poNumbers: poNumbers,
                                                            contentSHA256: ContentDigest.sha256(content), check: { orders in
                var checked = ShippingCheck(quantities: [:], review: nil)
                for po in poNumbers {
                    guard let order = orders[po] else { throw OutboundSendRefusal.unknownOrder(partner: partner, type: type, poNumber: po) }
                    checked.quantities[po] = try OrderConformance(order: OrderOnRecord(order), type: type).check(lines[po] ?? [], checkPrices: !correction)
                    if invoice == nil, !correction {
                        let variances = ShipmentMatch.variances(checked.quantities[po] ?? [:], order: order)
                        if !variances.isEmpty { throw OutboundSendRefusal.shipmentVariance(partner: partner, poNumber: po, variances: variances) }
                    }
                    if let invoice {
                        let variances = InvoiceMatch.variances(invoice, order: order)
                        if !variances.isEmpty, !correction { throw OutboundSendRefusal.invoiceVariance(partner: partner, poNumber: po, variances: variances) }
                        checked.review = InvoiceReview(status: variances.isEmpty ? .matched : .variance, correction: correction, variances: variances, invoice: invoice)
                    }
                }
                return checked
            }, answer: answer, at: now())
        } catch GatewayStoreError.conflictingDocument(_, _, let key, let outbound) {
            throw OutboundSendRefusal.conflictingDuplicate(partner: partner, type: type, key: key, outbound: outbound)
        } catch let refusal as OutboundSendRefusal {
            // Finance sees refused invoices too, with what did not match.
            if let invoice {
                var variances: [InvoiceVariance] = []
                if case .invoiceVariance(_, _, let found) = refusal { variances = found }
                else if let order = try? await store.order(partner: partner, poNumber: invoice.poNumber) { variances = InvoiceMatch.variances(invoice, order: order) }
                try? await store.recordInvoiceRefused(InvoiceReview(status: .refused, correction: correction, variances: variances, invoice: invoice),
                                                      partner: partner, reason: refusal.description, at: now())
            }
            throw refusal
        }

        let uploader = OutboxUploader(store: store, profile: profile, transport: transport, lease: lease, now: now)
        switch record {
        case .queued(let queued):
            let sent = try await uploader.upload(queued.id) ?? queued
            return OutboundSendReport(partner: partner, type: type, poNumber: poText, interchange: sent.interchangeControl,
                                      file: sent.fileName, outbound: sent.documentReference, outcome: .sent)
        case .alreadyRecorded(let earlier):
            // Still pending after a crash or a failed upload: this is the moment to finish it.
            if earlier.state == .pending { try await uploader.upload(earlier.id) }
            return OutboundSendReport(partner: partner, type: type, poNumber: poText, interchange: earlier.interchangeControl,
                                      file: earlier.fileName, outbound: earlier.documentReference, outcome: .alreadySent,
                                      reason: "\(type) \(key) was sent before as \(earlier.documentReference); nothing new was sent")
        }
    }
}
