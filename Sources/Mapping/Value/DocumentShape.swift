/// The field structure of the canonical documents, for checking map field paths and for
/// writing the JSON Schemas in docs/schemas (a test keeps the two in step).
public indirect enum DocumentShape: Sendable, Hashable {
    case string(String)
    case date(String)
    case decimal(String)
    case integer(String)
    case code([String], String)
    case object(properties: [(String, DocumentShape)], required: [String], description: String)
    case array(DocumentShape, String)

    public static func == (a: DocumentShape, b: DocumentShape) -> Bool { a.jsonSchema() == b.jsonSchema() }
    public func hash(into hasher: inout Hasher) { hasher.combine(jsonSchema()) }

    /// The shape at a map field path (`carrier.scac`, `address[]`, `lines`), nil if none.
    public func resolve(_ path: String) -> DocumentShape? {
        var current = self
        for raw in path.split(separator: ".") {
            var name = String(raw)
            let appends = name.hasSuffix("[]")
            if appends { name.removeLast(2) }
            guard case .object(let properties, _, _) = current, let next = properties.first(where: { $0.0 == name })?.1 else { return nil }
            current = next
            if appends {
                guard case .array(let item, _) = current else { return nil }
                current = item
            }
        }
        return current
    }

    public var arrayItem: DocumentShape? {
        if case .array(let item, _) = self { return item }
        return nil
    }

    public static func of(_ type: CanonicalDocumentType) -> DocumentShape {
        switch type {
        case .purchaseOrder: return purchaseOrder
        case .orderAcknowledgment: return orderAcknowledgment
        case .shipNotice: return shipNotice
        case .invoice: return invoice
        case .changeOrder: return changeOrder
        case .changeAcknowledgment: return changeAcknowledgment
        case .inventoryAdvice: return inventoryAdvice
        case .priceCatalog: return priceCatalog
        case .locationList: return locationList
        }
    }

    static let party = DocumentShape.object(properties: [
        ("id", .string("Identification code (N104).")),
        ("idQualifier", .string("N103 identification code qualifier, e.g. 92 assigned by buyer, 1 DUNS, UL GLN.")),
        ("name", .string("N102.")),
        ("address", .array(.string("One address line (N301/N302)."), "Address lines.")),
        ("city", .string("N401.")), ("state", .string("N402.")), ("postalCode", .string("N403.")), ("country", .string("N404.")),
    ], required: [], description: "A trading party: ship-to, bill-to, buyer, seller, remit-to, ship-from.")

    static let productIds = DocumentShape.array(.object(properties: [
        ("qualifier", .string("Product/service ID qualifier (X12 235), e.g. BP, VP, UP.")),
        ("id", .string("The product/service ID after it.")),
    ], required: ["qualifier", "id"], description: "One product-id pair as the buyer sent it."), "Every product-id pair of the line, in the order sent; the named fields are views of some of them.")

    static let charges = DocumentShape.array(.object(properties: [
        ("kind", .code(["charge", "allowance"], "SAC01 C or A.")),
        ("code", .string("SAC02 code, e.g. D240 freight.")),
        ("amount", .decimal("Always positive; kind says whether it adds or subtracts.")),
        ("description", .string("SAC15.")),
    ], required: ["kind", "amount"], description: "A header-level charge or allowance (SAC)."), "Charges and allowances.")

    static let purchaseOrder = DocumentShape.object(properties: [
        ("poNumber", .string("BEG03.")), ("poDate", .date("BEG05.")),
        ("purpose", .string("BEG01 transaction set purpose code, e.g. 00 original.")),
        ("orderType", .string("BEG02 purchase order type code, e.g. SA stand-alone.")),
        ("currency", .string("CUR02 (CUR01 BY).")),
        ("shipTo", party), ("billTo", party), ("buyer", party), ("seller", party),
        ("requestedShipDate", .date("DTM 010.")), ("requestedDeliveryDate", .date("DTM 002.")),
        ("lines", .array(.object(properties: [
            ("lineNumber", .string("PO101, kept as text.")), ("quantity", .decimal("PO102.")), ("uom", .string("PO103.")),
            ("unitPrice", .decimal("PO104.")), ("buyerPartNumber", .string("Qualifier BP (or the partner's).")),
            ("vendorPartNumber", .string("Qualifier VN (or the partner's).")), ("gtin", .string("Qualifier UP/UK/EN.")),
            ("description", .string("PID05 (PID01 F).")), ("productIds", productIds),
        ], required: ["lineNumber", "quantity", "uom"], description: "One PO1 line."), "Order lines.")),
        ("charges", charges), ("notes", .array(.string("NTE02."), "Free-form notes.")),
    ], required: ["poNumber", "poDate"], description: "A purchase order (X12 850) in canonical form.")

    static let orderAcknowledgment = DocumentShape.object(properties: [
        ("poNumber", .string("BAK03.")), ("poDate", .date("BAK04.")), ("ackDate", .date("BAK09.")),
        ("status", .code(["accepted", "acceptedWithChanges", "rejected"], "BAK02: AD, AC, RD by default (a partner may map others).")),
        ("shipTo", party),
        ("lines", .array(.object(properties: [
            ("lineNumber", .string("PO101.")), ("quantity", .decimal("PO102 as ordered.")), ("uom", .string("PO103.")),
            ("unitPrice", .decimal("PO104 as ordered.")), ("buyerPartNumber", .string("")), ("vendorPartNumber", .string("")),
            ("gtin", .string("")), ("productIds", productIds),
            ("status", .string("ACK01 line item status code: IA, IP, IQ, IB, IR, R2 …")),
            ("ackQuantity", .decimal("ACK02.")), ("ackUnitPrice", .decimal("CTP03 (CTP02 ACT) where the price changed.")),
            ("scheduledDate", .date("ACK05 (ACK04 068).")), ("reason", .string("Why the line is changed or rejected: the line's N9*L1 with MSG01 (004010) or MTX02 (005010).")),
        ], required: ["lineNumber", "quantity", "uom", "status"], description: "One acknowledged line."), "Lines.")),
        ("reasons", .array(.string("One reason: MSG01 (004010) or MTX02 (005010) in the header N9*L1 loop."), "The decision's reasons, sent as notes.")),
    ], required: ["poNumber", "poDate", "ackDate", "status"], description: "A purchase order acknowledgment (X12 855) in canonical form.")

    static let shipItem = DocumentShape.object(properties: [
        ("lineNumber", .string("LIN01.")), ("buyerPartNumber", .string("")), ("vendorPartNumber", .string("")), ("gtin", .string("")),
        ("productIds", productIds), ("quantity", .decimal("SN102.")), ("uom", .string("SN103.")),
    ], required: ["quantity", "uom"], description: "Item level (HL I).")
    static let pack = DocumentShape.object(properties: [
        ("sscc", .string("SSCC-18 in MAN*GM; its GS1 check digit is verified.")),
        ("items", .array(shipItem, "Items in the pack.")),
    ], required: ["sscc", "items"], description: "Pack level (HL P).")

    static let shipNotice = DocumentShape.object(properties: [
        ("shipmentId", .string("BSN02.")), ("shipDate", .date("BSN03.")),
        ("carrier", .object(properties: [("scac", .string("TD503 (TD502 2).")), ("trackingNumber", .string("REF*CN."))], required: [], description: "Carrier.")),
        ("billOfLading", .string("REF*BM.")), ("shipFrom", party), ("shipTo", party),
        ("orders", .array(.object(properties: [
            ("poNumber", .string("PRF01.")), ("poDate", .date("PRF04.")),
            ("packs", .array(pack, "Packs directly under the order.")),
            ("tares", .array(.object(properties: [("sscc", .string("SSCC-18 of the pallet (MAN*GM).")), ("packs", .array(pack, "Packs on the pallet."))], required: ["sscc", "packs"], description: "Tare level (HL T): a pallet."), "Pallets, when packs travel on them.")),
        ], required: ["poNumber", "packs"], description: "Order level (HL O)."), "Orders in the shipment.")),
    ], required: ["shipmentId", "shipDate", "orders"], description: "An advance ship notice (X12 856): shipment → order → [tare] → pack → item.")

    static let invoice = DocumentShape.object(properties: [
        ("invoiceNumber", .string("BIG02.")), ("invoiceDate", .date("BIG01.")),
        ("poNumber", .string("BIG04.")), ("poDate", .date("BIG03.")), ("currency", .string("CUR02 (CUR01 SE).")),
        ("terms", .object(properties: [("discountPercent", .decimal("ITD03.")), ("discountDays", .integer("ITD05.")), ("netDays", .integer("ITD07."))], required: [], description: "Terms of sale (ITD).")),
        ("remitTo", party), ("billTo", party), ("shipTo", party),
        ("lines", .array(.object(properties: [
            ("lineNumber", .string("IT101.")), ("quantity", .decimal("IT102.")), ("uom", .string("IT103.")), ("unitPrice", .decimal("IT104.")),
            ("buyerPartNumber", .string("")), ("vendorPartNumber", .string("")), ("gtin", .string("")), ("description", .string("PID05.")),
            ("productIds", productIds),
        ], required: ["lineNumber", "quantity", "uom", "unitPrice"], description: "One IT1 line."), "Invoice lines.")),
        ("charges", charges), ("tax", .decimal("TXI02 (TXI01 TX).")),
        ("total", .decimal("TDS01 in cents; when given it must equal Σ round(quantity × unitPrice, 2) + charges − allowances + tax.")),
    ], required: ["invoiceNumber", "invoiceDate", "poNumber", "lines"], description: "An invoice (X12 810) in canonical form.")

    static let changeCodes = "POC02 change or response type code (670) as a word where the map knows it: add (AI), cancel (DI), quantityIncrease (QI), quantityDecrease (QD), priceChange (PC), priceAndQuantity (PQ), dateChange (CT), change (CA), replace (RZ), noChange (NC); any other code as sent."

    static let changeOrder = DocumentShape.object(properties: [
        ("poNumber", .string("BCH03: the order on record.")), ("poDate", .date("BCH06.")),
        ("purpose", .string("BCH01: 04 change, 01 cancellation of the whole order, 05 replace.")),
        ("orderType", .string("BCH02.")), ("changeSequence", .string("BCH05 change order sequence number.")),
        ("changeDate", .date("BCH10: the date of the change request.")),
        ("shipTo", party), ("requestedShipDate", .date("DTM 010.")), ("requestedDeliveryDate", .date("DTM 002.")),
        ("lines", .array(.object(properties: [
            ("lineNumber", .string("POC01: the order line changed or added.")), ("change", .string(changeCodes)),
            ("quantity", .decimal("POC03: the quantity after the change.")), ("uom", .string("POC05-01.")),
            ("unitPrice", .decimal("POC06: the unit price after the change.")), ("buyerPartNumber", .string("")),
            ("vendorPartNumber", .string("")), ("gtin", .string("")), ("productIds", productIds),
            ("description", .string("PID05 (PID01 F).")),
            ("requestedShipDate", .date("DTM 010 in the POC loop: the ship date the line moves to.")),
            ("requestedDeliveryDate", .date("DTM 002 in the POC loop: the delivery date the line moves to.")),
        ], required: ["lineNumber", "change"], description: "One POC line."), "Changed lines.")),
        ("notes", .array(.string("MSG01 (004010) or MTX02 (005010) in N9*L1."), "Free-form notes.")),
    ], required: ["poNumber", "poDate"], description: "A purchase order change request (X12 860) in canonical form.")

    static let changeAcknowledgment = DocumentShape.object(properties: [
        ("poNumber", .string("BCA03.")), ("poDate", .date("BCA06.")), ("changeSequence", .string("BCA05.")),
        ("ackDate", .date("BCA10.")), ("changeDate", .date("BCA11: the date of the change request answered.")),
        ("status", .code(["accepted", "acceptedWithChanges", "rejected"], "BCA02: AD, AC, RD by default.")),
        ("lines", .array(.object(properties: [
            ("lineNumber", .string("POC01.")), ("change", .string(changeCodes)),
            ("quantity", .decimal("POC03 as asked.")), ("uom", .string("POC05-01.")), ("unitPrice", .decimal("POC06 as asked.")),
            ("buyerPartNumber", .string("")), ("vendorPartNumber", .string("")), ("gtin", .string("")), ("productIds", productIds),
            ("status", .string("ACK01 line item status code: IA, IQ, IP, IR, ID …")), ("ackQuantity", .decimal("ACK02.")),
            ("scheduledDate", .date("ACK05 (ACK04 068).")),
            ("reason", .string("Why the line is changed or refused: the line's N9*L1 with MSG01 (004010) or MTX02 (005010).")),
        ], required: ["lineNumber", "change", "status"], description: "One acknowledged change line."), "Lines.")),
        ("reasons", .array(.string("One reason: MSG01 (004010) or MTX02 (005010) in the header N9*L1 loop."), "The decision's reasons.")),
    ], required: ["poNumber", "poDate", "ackDate", "status"], description: "A purchase order change acknowledgment (X12 865) in canonical form.")

    static let inventoryAdvice = DocumentShape.object(properties: [
        ("adviceNumber", .string("BIA03.")), ("adviceDate", .date("BIA04.")),
        ("purpose", .string("BIA01: 00 original, 05 replace.")), ("reportType", .string("BIA02 report type code: DD distributor inventory report.")),
        ("seller", party),
        ("items", .array(.object(properties: [
            ("lineNumber", .string("LIN01.")), ("buyerPartNumber", .string("")), ("vendorPartNumber", .string("")), ("gtin", .string("")),
            ("productIds", productIds), ("description", .string("PID05 (PID01 F).")), ("uom", .string("QTY03-01.")),
            ("quantityAvailable", .decimal("QTY02 (QTY01 33: available for sale).")), ("quantityOnHand", .decimal("QTY02 (QTY01 17: on hand).")),
            ("nextQuantity", .decimal("SCH01: the next quantity to become available.")), ("nextDate", .date("SCH06 (SCH05 018 available).")),
            ("warehouse", party),
        ], required: ["uom", "quantityAvailable"], description: "One item at one warehouse (LIN loop)."), "Items.")),
    ], required: ["adviceNumber", "adviceDate", "items"], description: "An inventory advice (X12 846) in canonical form.")

    static let priceCatalog = DocumentShape.object(properties: [
        ("catalogNumber", .string("BCT02.")), ("catalogPurpose", .string("BCT01 catalog purpose code: PC price catalog.")),
        ("purpose", .string("BCT10: 00 original, 04 change, 05 replace.")), ("catalogDate", .date("DTM 009.")),
        ("currency", .string("CUR02 (CUR01 SE).")), ("seller", party), ("buyer", party),
        ("items", .array(.object(properties: [
            ("lineNumber", .string("LIN01.")), ("buyerPartNumber", .string("")), ("vendorPartNumber", .string("")), ("gtin", .string("")),
            ("productIds", productIds), ("description", .string("PID05 (PID01 F).")), ("pack", .decimal("PO401: inner units per outer pack.")),
            ("priceCode", .string("CTP02 price identifier code: CON contract price.")), ("unitPrice", .decimal("CTP03.")),
            ("uom", .string("CTP05-01: the unit the price is per.")), ("effectiveDate", .date("DTM 007 in the CTP loop.")),
            ("expirationDate", .date("DTM 036 in the CTP loop.")),
        ], required: ["unitPrice", "uom", "effectiveDate"], description: "One item and its price (LIN loop, one CTP loop)."), "Items.")),
    ], required: ["catalogNumber", "catalogDate", "items"], description: "A price/sales catalog (X12 832) in canonical form.")

    static let location: DocumentShape = .object(properties: [
        ("level", .string("HL03.")), ("type", .string("N101 entity identifier code as sent: ST, SN, WH …")),
        ("id", .string("N104: the partner's location number.")), ("idQualifier", .string("N103.")), ("name", .string("N102.")),
        ("address", .array(.string("N301/N302."), "Address lines.")), ("city", .string("N401.")), ("state", .string("N402.")),
        ("postalCode", .string("N403.")), ("country", .string("N404.")),
        ("action", .string("ASI02 maintenance type as a word: new (021), changed (001), closed (024); any other code as sent.")),
        ("locations", .array(.object(properties: [
            ("level", .string("HL03.")), ("type", .string("N101.")), ("id", .string("N104.")), ("idQualifier", .string("N103.")), ("name", .string("N102.")),
            ("address", .array(.string("N301/N302."), "Address lines.")), ("city", .string("N401.")), ("state", .string("N402.")),
            ("postalCode", .string("N403.")), ("country", .string("N404.")), ("action", .string("ASI02 as a word.")),
        ], required: [], description: "A location under it (HL02 naming its HL01)."), "Locations under this one.")),
    ], required: [], description: "One HL level: an organization, a DC or a store.")

    static let locationList = DocumentShape.object(properties: [
        ("reference", .string("BHT03.")), ("date", .date("BHT04.")), ("purpose", .string("BHT02.")),
        ("sender", party), ("locations", .array(location, "The top HL levels, each with the locations under it.")),
    ], required: [], description: "A partner's organizational relationships (X12 816): stores and DCs, new, changed or closed.")

    /// JSON Schema (draft 2020-12) text, keys in a fixed order, two-space indents.
    public func jsonSchema(title: String? = nil) -> String {
        var out = ""
        write(into: &out, indent: 0, title: title)
        return out + (title != nil ? "\n" : "")
    }

    private func write(into out: inout String, indent: Int, title: String?) {
        let pad = String(repeating: "  ", count: indent + 1)
        let end = String(repeating: "  ", count: indent)
        var lines: [String] = []
        if let title {
            lines.append(#""$schema": "https://json-schema.org/draft/2020-12/schema""#)
            lines.append("\"title\": \(Self.quote(title))")
        }
        func describe(_ text: String) { if !text.isEmpty { lines.append("\"description\": \(Self.quote(text))") } }
        switch self {
        case .string(let d): lines.append(#""type": "string""#); describe(d)
        case .date(let d): lines.append(#""type": "string""#); lines.append(#""pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$""#); describe(d)
        case .decimal(let d): lines.append(#""type": "number""#); describe(d + (d.isEmpty ? "" : " ") + "Exact decimal; never rounded through binary floating point.")
        case .integer(let d): lines.append(#""type": "integer""#); describe(d)
        case .code(let values, let d): lines.append(#""type": "string""#); lines.append("\"enum\": [\(values.map(Self.quote).joined(separator: ", "))]"); describe(d)
        case .array(let item, let d):
            lines.append(#""type": "array""#); describe(d)
            var inner = ""
            item.write(into: &inner, indent: indent + 1, title: nil)
            lines.append("\"items\": \(inner)")
        case .object(let properties, let required, let d):
            lines.append(#""type": "object""#); describe(d)
            var props = "{\n"
            for (i, (name, shape)) in properties.enumerated() {
                var inner = ""
                shape.write(into: &inner, indent: indent + 2, title: nil)
                props += pad + "  " + Self.quote(name) + ": " + inner + (i == properties.count - 1 ? "\n" : ",\n")
            }
            props += pad + "}"
            lines.append("\"properties\": \(props)")
            if !required.isEmpty { lines.append("\"required\": [\(required.map(Self.quote).joined(separator: ", "))]") }
        }
        out += "{\n" + lines.map { pad + $0 }.joined(separator: ",\n") + "\n" + end + "}"
    }

    static func quote(_ s: String) -> String { CanonicalJSON.write(.string(s)) }
}
