import Documents
import Foundation
import Mapping
import Partners
import Transport
import X12

/// Turns an ERP shipment or invoice event (a canonical ShipNotice or Invoice) into an 856 or
/// 810 for one partner: checked against the order the partner sent us, generated with the
/// partner's maps and durable control numbers, recorded, uploaded, audited.
///
/// Everything that can refuse the document (profile, order checks, generator, outbound checks,
/// validator) runs before anything is recorded or uploaded, so a refusal leaves no trace at the
/// partner and no record awaiting an acknowledgment. Control numbers are drawn just before
/// generation; a generator refusal leaves a gap, as the store allows.
public struct OutboundDocumentSender: Sendable {
    let store: GatewayStore
    let controlNumbers: DurableControlNumberSource
    let profile: PartnerProfile
    let transport: any Transport
    let library: SchemaLibrary
    let maps: MapCatalog
    let now: @Sendable () -> Date

    public init(store: GatewayStore, profile: PartnerProfile, transport: any Transport, library: SchemaLibrary, maps: MapCatalog,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.controlNumbers = store.controlNumbers()
        self.profile = profile
        self.transport = transport
        self.library = library
        self.maps = maps
        self.now = now
    }

    /// Sends one 856 or 810. Throws `OutboundSendRefusal` when the document is refused (nothing
    /// recorded or uploaded); store and transport errors are passed on as they are.
    public func send(_ document: CanonicalDocument) async throws -> OutboundSendReport {
        let type = document.type.transactionSet
        let checked: [(poNumber: String, quantities: [String: Decimal])]
        switch document {
        case .shipNotice(let notice):
            guard profile.documents.send.contains(type) else { throw OutboundSendRefusal.notExchanged(partner: profile.id, type: type) }
            checked = try await check(notice)
        case .invoice(let invoice):
            guard profile.documents.send.contains(type) else { throw OutboundSendRefusal.notExchanged(partner: profile.id, type: type) }
            checked = [(invoice.poNumber, try await check(invoice))]
        case .purchaseOrder, .orderAcknowledgment:
            throw OutboundSendRefusal.unsupportedDocument(partner: profile.id, type: type)
        }
        let poNumbers = checked.map(\.poNumber).joined(separator: ",")

        var numbers = try await controlNumbers.reserve(partner: profile.id, at: now())
        let stamp = X12Timestamp(now())
        let envelope = profile.outboundEnvelope(interchangeControl: numbers.next(.interchange, partner: profile.id),
                                                groupControl: numbers.next(.group, partner: profile.id),
                                                setControl: numbers.next(.transactionSet, partner: profile.id),
                                                date: stamp.date, time: stamp.time)
        let bytes: [UInt8]
        do {
            bytes = try DocumentGenerator(catalog: maps, library: library, partner: profile.id).generate(document, envelope: envelope)
        } catch {
            throw OutboundSendRefusal.notGenerated(partner: profile.id, type: type, poNumber: poNumbers, reason: "\(error)")
        }

        let sent = try await OutboundPublisher(store: store, profile: profile, transport: transport, now: now).publish(bytes, type: type)
        // Under the outbound document, tied to the PO: what the next 856/810 for it adds up against.
        let kind: AuditEventKind = type == "810" ? .orderInvoiced : .orderShipped
        let reference: String
        switch document {
        case .invoice(let invoice): reference = invoice.invoiceNumber
        case .shipNotice(let notice): reference = notice.shipmentId
        default: reference = ""
        }
        for order in checked {
            try await store.audit.append(AuditEvent(partner: profile.id, document: sent.document.documentReference, kind: kind, details: [
                "poNumber": .text(order.poNumber), type == "810" ? "invoiceNumber" : "shipmentId": .text(reference),
                OrderOnRecord.sentLinesKey: .list(OrderOnRecord.sentLines(order.quantities)),
                "interchange": .text(sent.document.interchangeControl), "file": .text(sent.name),
            ]), at: now())
        }
        return OutboundSendReport(partner: profile.id, type: type, poNumber: poNumbers, interchange: sent.document.interchangeControl,
                                  file: sent.name, outbound: sent.document.documentReference, outcome: .sent)
    }

    /// Each order of the shipment against its own PO.
    private func check(_ notice: ShipNotice) async throws -> [(poNumber: String, quantities: [String: Decimal])] {
        var checked: [(poNumber: String, quantities: [String: Decimal])] = []
        for order in notice.orders {
            let items = order.packs.flatMap(\.items) + order.tares.flatMap { $0.packs.flatMap(\.items) }
            let lines = items.map {
                OrderConformance.SentLine(lineNumber: $0.lineNumber, buyerPartNumber: $0.buyerPartNumber, vendorPartNumber: $0.vendorPartNumber,
                                          quantity: $0.quantity, uom: $0.uom)
            }
            let conformance = OrderConformance(order: try await orderOnRecord(order.poNumber, type: "856"), type: "856")
            checked.append((order.poNumber, try conformance.check(lines)))
        }
        return checked
    }

    private func check(_ invoice: Invoice) async throws -> [String: Decimal] {
        let lines = invoice.lines.map {
            OrderConformance.SentLine(lineNumber: $0.lineNumber, buyerPartNumber: $0.buyerPartNumber, vendorPartNumber: $0.vendorPartNumber,
                                      quantity: $0.quantity, uom: $0.uom, unitPrice: $0.unitPrice)
        }
        return try OrderConformance(order: try await orderOnRecord(invoice.poNumber, type: "810"), type: "810").check(lines)
    }

    private func orderOnRecord(_ poNumber: String, type: String) async throws -> OrderOnRecord {
        guard let order = try await OrderOnRecord.find(poNumber: poNumber, partner: profile.id, in: store) else {
            throw OutboundSendRefusal.unknownOrder(partner: profile.id, type: type, poNumber: poNumber)
        }
        return order
    }
}
