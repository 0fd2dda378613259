import Documents

/// The checks every outbound document passes before it is mapped: whatever they refuse is
/// never written. Returns the document as it will be written (an invoice gains its total).
public enum OutboundChecks {
    public static func check(_ document: CanonicalDocument) throws(OutboundCheckError) -> CanonicalDocument {
        switch document {
        case .invoice(let invoice):
            return .invoice(try InvoiceTotals.settled(invoice))
        case .shipNotice(let notice):
            try check(notice)
            return document
        case .orderAcknowledgment(let ack):
            try check(ack)
            return document
        case .purchaseOrder(let order):
            if order.lines.isEmpty { throw .missing(field: "lines", reason: "a purchase order needs at least one line") }
            return document
        }
    }

    static func check(_ notice: ShipNotice) throws(OutboundCheckError) {
        guard !notice.orders.isEmpty else { throw .missing(field: "orders", reason: "a ship notice needs at least one order") }
        var seen: Set<String> = []
        func pack(_ p: ShipNotice.Pack, _ field: String) throws(OutboundCheckError) {
            let sscc = try SSCC.validated(p.sscc, field: "\(field).sscc")
            guard seen.insert(sscc).inserted else { throw .duplicateSSCC(field: "\(field).sscc", value: p.sscc) }
            guard !p.items.isEmpty else { throw .missing(field: "\(field).items", reason: "a pack needs at least one item") }
            for (k, item) in p.items.enumerated() where item.quantity <= 0 {
                throw .invalidValue(field: "\(field).items[\(k)].quantity", value: "\(item.quantity)", reason: "must be positive")
            }
        }
        for (i, order) in notice.orders.enumerated() {
            let field = "orders[\(i)]"
            guard !order.packs.isEmpty || !order.tares.isEmpty else { throw .missing(field: "\(field).packs", reason: "an order needs at least one pack") }
            for (j, p) in order.packs.enumerated() { try pack(p, "\(field).packs[\(j)]") }
            for (t, tare) in order.tares.enumerated() {
                let sscc = try SSCC.validated(tare.sscc, field: "\(field).tares[\(t)].sscc")
                guard seen.insert(sscc).inserted else { throw .duplicateSSCC(field: "\(field).tares[\(t)].sscc", value: tare.sscc) }
                guard !tare.packs.isEmpty else { throw .missing(field: "\(field).tares[\(t)].packs", reason: "a tare needs at least one pack") }
                for (j, p) in tare.packs.enumerated() { try pack(p, "\(field).tares[\(t)].packs[\(j)]") }
            }
        }
    }

    static func check(_ ack: OrderAcknowledgment) throws(OutboundCheckError) {
        for (i, line) in ack.lines.enumerated() {
            guard line.status.count == 2 else { throw .invalidValue(field: "lines[\(i)].status", value: line.status, reason: "is not an ACK01 line item status code (IA, IP, IQ, IB, IR, R2 …)") }
        }
        if ack.status == .accepted, let line = ack.lines.first(where: { $0.status != "IA" && $0.status != "AC" }) {
            throw .invalidValue(field: "status", value: "accepted", reason: "contradicts line \(line.lineNumber) with status \(line.status); use acceptedWithChanges")
        }
        if ack.status == .rejected, let line = ack.lines.first(where: { $0.status == "IA" }) {
            throw .invalidValue(field: "status", value: "rejected", reason: "contradicts line \(line.lineNumber) accepted (IA)")
        }
    }
}
