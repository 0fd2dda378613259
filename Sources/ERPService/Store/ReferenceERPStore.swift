import ERP
import Foundation
import GRDB

/// The reference ERP's business logic over its SQLite tables: pricing, credit, ship-to,
/// available-to-promise and order entry, exactly as the HTTP contract describes them.
public final class ReferenceERPStore: Sendable {
    public let database: DatabasePool

    public init(database: DatabasePool) {
        self.database = database
    }

    public convenience init(path: String) throws {
        self.init(database: try ReferenceERPDatabase.open(path: path))
    }

    // MARK: - Pricing

    public func prices(_ request: PriceRequest) throws -> PriceResponse {
        try database.read { db in
            let customer = try Self.customer(db, request.customerId)
            let currency: String = customer["currency"]
            let results = try request.lines.map { line in
                try Self.price(db, customerId: request.customerId, currency: currency, date: request.date, line: line)
            }
            return PriceResponse(customerId: request.customerId, results: results)
        }
    }

    static func price(_ db: Database, customerId: String, currency: String, date: String, line: PriceRequest.Line) throws -> PriceResponse.Result {
        guard let item = try resolveItem(db, customerId: customerId, line.item) else {
            return .init(ref: line.ref, status: .unknownItem, detail: "no item \(line.item.display)")
        }
        let itemId: String = item["id"]
        let baseUOM: String = item["base_uom"]
        guard let requestedFactor = try factor(db, itemId: itemId, uom: line.uom) else {
            return .init(ref: line.ref, status: .unknownUOM, itemId: itemId, detail: "\(itemId) has no conversion from \(line.uom) to \(baseUOM)")
        }
        let baseQuantity = line.quantity * requestedFactor

        // Every candidate as a price per base unit, so they compare whatever UOM they are quoted in.
        func perBase(_ row: Row) throws -> Decimal? {
            guard let f = try factor(db, itemId: itemId, uom: row["uom"]), f != 0 else { return nil }
            return row.decimal("price") / f
        }

        var list: Decimal?
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT price, uom FROM list_prices WHERE item_id = ? AND currency = ?"), arguments: [itemId, currency]) {
            list = try perBase(row)
        }
        var chosen: (price: Decimal, source: PriceSource, until: String?)?
        if let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT price, uom, ends_on FROM contracts WHERE customer_id = ? AND item_id = ? AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?)
            ORDER BY starts_on DESC LIMIT 1
            """), arguments: [customerId, itemId, date, date]), let p = try perBase(row) {
            // A negotiated contract price stands even when a promotion is lower: that is what
            // the customer signed, and promotions are for the open market.
            chosen = (p, .contract, row["ends_on"])
        } else {
            var candidates: [(Decimal, PriceSource, String?)] = []
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT price, uom, ends_on FROM promotions WHERE item_id = ? AND currency = ? AND starts_on <= ? AND ends_on >= ?"), arguments: [itemId, currency, date, date]) {
                if let p = try perBase(row) { candidates.append((p, .promotion, row["ends_on"])) }
            }
            var bestTier: (min: Decimal, price: Decimal)?
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT min_base_quantity, price, uom FROM price_tiers WHERE item_id = ? AND currency = ?"), arguments: [itemId, currency]) {
                let minimum = row.decimal("min_base_quantity")
                guard minimum <= baseQuantity, let p = try perBase(row) else { continue }
                if bestTier == nil || minimum > bestTier!.min { bestTier = (minimum, p) }
            }
            if let bestTier { candidates.append((bestTier.price, .tier, nil)) }
            if let list { candidates.append((list, .list, nil)) }
            // Lowest wins; on a tie the first listed (promotion, tier, list) names the source.
            for candidate in candidates where chosen == nil || candidate.0 < chosen!.price {
                chosen = candidate
            }
        }
        guard let chosen else {
            return .init(ref: line.ref, status: .unknownItem, itemId: itemId, detail: "\(itemId) has no price in \(currency)")
        }
        let conversion = line.uom == baseUOM ? nil : UOMConversion(from: line.uom, to: baseUOM, factor: requestedFactor)
        return .init(ref: line.ref, status: .priced, itemId: itemId, netUnitPrice: (chosen.price * requestedFactor).rounded(scale: 4), currency: currency, priceSource: chosen.source, uomConversion: conversion, listUnitPrice: list.map { ($0 * requestedFactor).rounded(scale: 4) }, validUntil: chosen.until)
    }

    // MARK: - Credit

    public func credit(_ request: CreditRequest) throws -> CreditResponse {
        try database.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM customers WHERE id = ?"), arguments: [request.customerId]) else {
                return CreditResponse(customerId: request.customerId, decision: .unknownCustomer, reason: "no customer \(request.customerId)")
            }
            let limit = row.decimal("credit_limit")
            let receivables = row.decimal("open_receivables")
            let available = limit - receivables
            let currency: String = row["currency"]
            let decision: CreditResponse.Decision
            var reason: String?
            if (row["on_hold"] as Int) != 0 {
                decision = .hold
                reason = row["hold_reason"] ?? "account on credit hold"
            } else if request.amount > available {
                decision = .overLimit
                reason = "order \(request.amount.text) \(currency) exceeds available credit \(available.text) \(currency)"
            } else {
                decision = .approved
            }
            return CreditResponse(customerId: request.customerId, decision: decision, creditLimit: limit, openReceivables: receivables, availableCredit: available, currency: currency, reason: reason)
        }
    }

    // MARK: - Ship-to

    public func shipTo(_ request: ShipToRequest) throws -> ShipToResponse {
        try database.read { db in
            _ = try Self.customer(db, request.soldTo)
            return try Self.shipTo(db, request)
        }
    }

    static func shipTo(_ db: Database, _ request: ShipToRequest) throws -> ShipToResponse {
        var request = request
        if let a = request.address, a.postalCode == nil || a.lines.isEmpty {
            // A name alone identifies nothing.
            request.address = nil
        }
        if let code = request.shipToId, !code.isEmpty {
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM ship_tos WHERE id = ? OR partner_code = ?"), arguments: [code, code])
            if let own = rows.first(where: { ($0["customer_id"] as String) == request.soldTo }) {
                if let closed = own["closed_at"] as String? {
                    return ShipToResponse(status: .unknown, reason: "ship-to \(code) was closed on \(closed.prefix(10))")
                }
                return valid(own)
            }
            if !rows.isEmpty {
                return ShipToResponse(status: .notAuthorised, reason: "ship-to \(code) belongs to another customer")
            }
            if request.address == nil {
                return ShipToResponse(status: .unknown, reason: "no ship-to \(code)")
            }
        }
        if let address = request.address, let postal = address.postalCode, let street = address.lines.first {
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM ship_tos WHERE postal_code = ?"), arguments: [postal])
            let matching = rows.filter { normalised($0["address1"]) == normalised(street) }
            if let own = matching.first(where: { ($0["customer_id"] as String) == request.soldTo }) {
                return valid(own)
            }
            if !matching.isEmpty {
                return ShipToResponse(status: .notAuthorised, reason: "address \(street), \(postal) is another customer's ship-to")
            }
            return ShipToResponse(status: .unknown, reason: "no ship-to at \(street), \(postal)" + (request.shipToId.map { " and no ship-to \($0)" } ?? ""))
        }
        if request.shipToId == nil, request.address == nil,
           let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM ship_tos WHERE customer_id = ? AND is_default = 1"), arguments: [request.soldTo]) {
            return valid(row)
        }
        return ShipToResponse(status: .unknown, reason: "ship-to not identified: no id and no usable address")
    }

    /// Creates or updates the customer's ship-to kept under the partner's location code. The
    /// id of a new one is derived from the customer and the code, so a repeat finds it.
    public func upsertShipTo(_ upsert: ShipToUpsert, customerId: String, locationCode: String) throws -> ShipToUpsertReceipt {
        guard upsert.customerId == customerId, upsert.locationCode == locationCode else {
            throw ReferenceERPError.invalidRequest("the path names \(customerId)/\(locationCode), the body \(upsert.customerId)/\(upsert.locationCode)")
        }
        guard !locationCode.isEmpty, locationCode.count <= 80 else { throw ReferenceERPError.invalidRequest("a location code of 1 to 80 characters is required") }
        return try database.write { db in
            let customer = try Self.customer(db, customerId)
            let existing = try Row.fetchOne(db, sql: "SELECT * FROM ship_tos WHERE customer_id = ? AND partner_code = ?", arguments: [customerId, locationCode])
            let closedAt: String? = upsert.status == .closed ? Date().formatted(.iso8601) : nil
            if let existing {
                let id: String = existing["id"]
                if let address = upsert.address, upsert.status == .active {
                    try db.execute(sql: """
                        UPDATE ship_tos SET name = COALESCE(?, name), address1 = COALESCE(?, address1), address2 = ?, city = COALESCE(?, city), state = COALESCE(?, state),
                        postal_code = COALESCE(?, postal_code), country = COALESCE(?, country), closed_at = NULL WHERE id = ?
                        """, arguments: [address.name, address.lines.first, address.lines.dropFirst().first, address.city, address.state, address.postalCode, address.country, id])
                } else if upsert.status == .active {
                    try db.execute(sql: "UPDATE ship_tos SET closed_at = NULL WHERE id = ?", arguments: [id])
                } else if existing["closed_at"] as String? == nil {
                    try db.execute(sql: "UPDATE ship_tos SET closed_at = ? WHERE id = ?", arguments: [closedAt, id])
                }
                return ShipToUpsertReceipt(shipToId: id, status: upsert.status, created: false, warehouse: existing["warehouse_id"])
            }
            guard upsert.status == .active else { throw ReferenceERPError.unknownShipTo(customerId: customerId, locationCode: locationCode) }
            guard let address = upsert.address, let street = address.lines.first, let city = address.city, let postal = address.postalCode else {
                throw ReferenceERPError.invalidRequest("a new ship-to needs a name, a street, a city and a postal code")
            }
            let suffix = customerId.hasPrefix("C-") ? String(customerId.dropFirst(2)) : customerId
            let id = "ST-\(suffix)-\(locationCode)"
            let warehouse: String? = customer["default_warehouse"]
            try db.execute(sql: """
                INSERT INTO ship_tos (id, customer_id, partner_code, is_default, name, address1, address2, city, state, postal_code, country, warehouse_id)
                VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, customerId, locationCode, address.name ?? locationCode, street, address.lines.dropFirst().first, city, address.state, postal,
                                 address.country ?? "US", warehouse])
            return ShipToUpsertReceipt(shipToId: id, status: .active, created: true, warehouse: warehouse)
        }
    }

    static func valid(_ row: Row) -> ShipToResponse {
        let lines = [row["address1"] as String?, row["address2"] as String?].compactMap { $0 }
        return ShipToResponse(status: .valid, shipToId: row["id"], address: PostalAddress(name: row["name"], lines: lines, city: row["city"], state: row["state"], postalCode: row["postal_code"], country: row["country"]), warehouse: row["warehouse_id"])
    }

    static func normalised(_ text: String) -> String {
        text.uppercased().filter { $0.isLetter || $0.isNumber }
    }

    // MARK: - Availability

    public func availability(_ request: AvailabilityRequest) throws -> AvailabilityResponse {
        try database.read { db in
            let customer = try Self.customer(db, request.customerId)
            var warehouse = request.warehouse
            if warehouse == nil, let code = request.shipToId {
                let answer = try Self.shipTo(db, ShipToRequest(soldTo: request.customerId, shipToId: code))
                if answer.status == .valid { warehouse = answer.warehouse }
            }
            warehouse = warehouse ?? customer["default_warehouse"]
            guard let warehouse, try Row.fetchOne(db.cachedStatement(sql: "SELECT id FROM warehouses WHERE id = ?"), arguments: [warehouse]) != nil else {
                let detail = "no warehouse serves customer \(request.customerId)" + (warehouse.map { " (\($0) unknown)" } ?? "")
                return AvailabilityResponse(warehouse: warehouse, results: request.lines.map { .init(ref: $0.ref, status: .unknownWarehouse, detail: detail) })
            }
            let results = try request.lines.map { try Self.availability(db, customerId: request.customerId, warehouse: warehouse, date: request.date, line: $0) }
            return AvailabilityResponse(warehouse: warehouse, results: results)
        }
    }

    /// The change feed: items whose stock or receipts were written at the warehouses since
    /// `after` (a seq), oldest first; without `after`, where the feed stands.
    public func availabilityChanges(_ request: AvailabilityChangesRequest) throws -> AvailabilityChanges {
        guard (1...50_000).contains(request.limit) else { throw ReferenceERPError.invalidRequest("limit must be 1 to 50000") }
        guard !request.warehouses.isEmpty, request.warehouses.count <= 100 else { throw ReferenceERPError.invalidRequest("1 to 100 warehouses") }
        return try database.read { db in
            let head = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM availability_changes") ?? 0
            guard let text = request.after else { return AvailabilityChanges(changes: [], cursor: String(head), more: false) }
            guard let after = Int64(text), after >= 0 else { throw ReferenceERPError.invalidRequest("after: '\(text)' is not a cursor this ERP gave") }
            let marks = Array(repeating: "?", count: request.warehouses.count).joined(separator: ", ")
            var arguments: [any DatabaseValueConvertible] = [after]
            arguments += request.warehouses
            arguments.append(request.limit + 1)
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.seq, c.item_id, c.warehouse_id, i.gtin FROM availability_changes c LEFT JOIN items i ON i.id = c.item_id
                WHERE c.seq > ? AND c.warehouse_id IN (\(marks)) ORDER BY c.seq LIMIT ?
                """, arguments: StatementArguments(arguments))
            let more = rows.count > request.limit
            let taken = rows.prefix(request.limit)
            let changes = taken.map { AvailabilityChanges.Change(itemId: $0["item_id"], gtin: $0["gtin"], warehouse: $0["warehouse_id"]) }
            // Past the last change read, or to the head when nothing more is there to read.
            let cursor = more ? (taken.last.map { $0["seq"] as Int64 } ?? after) : max(after, head)
            return AvailabilityChanges(changes: changes, cursor: String(cursor), more: more)
        }
    }

    struct Supply {
        /// on hand − allocated − safety stock + receipts due by the date, base units.
        var availableBase: Decimal
        /// Later receipts, in due order.
        var laterReceipts: [(date: String, quantity: Decimal)]
    }

    static func supply(_ db: Database, itemId: String, warehouse: String, date: String) throws -> Supply {
        var available = Decimal(0)
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT on_hand, allocated, safety_stock FROM stock WHERE item_id = ? AND warehouse_id = ?"), arguments: [itemId, warehouse]) {
            available = row.decimal("on_hand") - row.decimal("allocated") - row.decimal("safety_stock")
        }
        var later: [(String, Decimal)] = []
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT quantity, due_on FROM receipts WHERE item_id = ? AND warehouse_id = ? ORDER BY due_on"), arguments: [itemId, warehouse]) {
            let due: String = row["due_on"]
            if due <= date { available += row.decimal("quantity") } else { later.append((due, row.decimal("quantity"))) }
        }
        return Supply(availableBase: available, laterReceipts: later)
    }

    static func availability(_ db: Database, customerId: String, warehouse: String, date: String, line: AvailabilityRequest.Line) throws -> AvailabilityResponse.Result {
        guard let item = try resolveItem(db, customerId: customerId, line.item) else {
            return .init(ref: line.ref, status: .unknownItem, warehouse: warehouse, detail: "no item \(line.item.display)")
        }
        let itemId: String = item["id"]
        let baseUOM: String = item["base_uom"]
        guard let requestedFactor = try factor(db, itemId: itemId, uom: line.uom), requestedFactor > 0 else {
            return .init(ref: line.ref, status: .unknownUOM, itemId: itemId, warehouse: warehouse, detail: "\(itemId) has no conversion from \(line.uom) to \(baseUOM)")
        }
        let needed = line.quantity * requestedFactor
        let supply = try supply(db, itemId: itemId, warehouse: warehouse, date: date)
        let atpBase = max(0, supply.availableBase)
        // Whole units of the requested UOM only: 30 EA is 2 CA available, not 2.5.
        let atp = (atpBase / requestedFactor).rounded(scale: 0, mode: .down)
        if supply.availableBase >= needed {
            return .init(ref: line.ref, status: .available, itemId: itemId, warehouse: warehouse, availableToPromise: atp, availableToPromiseBase: atpBase, baseUOM: baseUOM, nextReceiptDate: supply.laterReceipts.first?.date)
        }
        var running = supply.availableBase
        var fillDate: String?
        for receipt in supply.laterReceipts {
            running += receipt.quantity
            if running >= needed {
                fillDate = receipt.date
                break
            }
        }
        var substitutes: [AvailabilityResponse.Substitute] = []
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT s.substitute_id, i.description FROM substitutes s JOIN items i ON i.id = s.substitute_id WHERE s.item_id = ? ORDER BY s.rank"), arguments: [itemId]) {
            let substituteId: String = row["substitute_id"]
            let substituteSupply = try Self.supply(db, itemId: substituteId, warehouse: warehouse, date: date)
            let f = try factor(db, itemId: substituteId, uom: line.uom) ?? 1
            substitutes.append(.init(itemId: substituteId, description: row["description"], availableToPromise: (max(0, substituteSupply.availableBase) / f).rounded(scale: 0, mode: .down)))
        }
        return .init(ref: line.ref, status: .short, itemId: itemId, warehouse: warehouse, availableToPromise: atp, availableToPromiseBase: atpBase, baseUOM: baseUOM, fillDate: fillDate, nextReceiptDate: supply.laterReceipts.first?.date, substitutes: substitutes)
    }

    // MARK: - Orders

    public func submit(_ order: OrderSubmission, partnerId: String, poNumber: String) throws -> OrderReceipt {
        guard order.partnerId == partnerId, order.poNumber == poNumber else {
            throw ReferenceERPError.orderConflict(partnerId: partnerId, poNumber: poNumber)
        }
        return try database.write { db in
            _ = try Self.customer(db, order.customerId)
            if let existing = try Row.fetchOne(db, sql: "SELECT number, payload FROM sales_orders WHERE partner_id = ? AND po_number = ?", arguments: [partnerId, poNumber]) {
                // The first body stands; the receipt says what it was, so the caller can tell
                // its own retry from a different order under the same number.
                let payload: String = existing["payload"]
                let first = try? JSONDecoder().decode(OrderSubmission.self, from: Data(payload.utf8))
                return OrderReceipt(erpOrderNumber: Self.orderNumber(existing["number"]), created: false, lines: first?.lines)
            }
            let payload = String(decoding: try JSONEncoder().encode(order), as: UTF8.self)
            try db.execute(sql: "INSERT INTO sales_orders (partner_id, po_number, customer_id, ship_to_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)", arguments: [partnerId, poNumber, order.customerId, order.shipToId, payload, Date().formatted(.iso8601)])
            return OrderReceipt(erpOrderNumber: Self.orderNumber(db.lastInsertedRowID), created: true, lines: order.lines)
        }
    }

    /// Applies a change to an entered order once per change id; a repeat answers what the
    /// first application left, a different body under the same id is refused.
    public func change(_ change: OrderChange, partnerId: String, poNumber: String, changeId: String) throws -> OrderChangeReceipt {
        guard change.partnerId == partnerId, change.poNumber == poNumber, change.changeId == changeId else {
            throw ReferenceERPError.orderConflict(partnerId: partnerId, poNumber: poNumber)
        }
        guard change.cancelled || !change.lines.isEmpty else { throw ReferenceERPError.invalidRequest("a change that does not cancel the order needs its lines") }
        return try database.write { db in
            guard let order = try Row.fetchOne(db, sql: "SELECT number, payload FROM sales_orders WHERE partner_id = ? AND po_number = ?", arguments: [partnerId, poNumber]) else {
                throw ReferenceERPError.unknownOrder(partnerId: partnerId, poNumber: poNumber)
            }
            let number = Self.orderNumber(order["number"])
            let payload = String(decoding: try JSONEncoder().encode(change), as: UTF8.self)
            if let applied = try String.fetchOne(db, sql: "SELECT payload FROM sales_order_changes WHERE partner_id = ? AND po_number = ? AND change_id = ?",
                                                 arguments: [partnerId, poNumber, changeId]) {
                guard let first = try? JSONDecoder().decode(OrderChange.self, from: Data(applied.utf8)), first.lines == change.lines, first.cancelled == change.cancelled else {
                    throw ReferenceERPError.changeConflict(partnerId: partnerId, poNumber: poNumber, changeId: changeId)
                }
                return OrderChangeReceipt(erpOrderNumber: number, applied: false, lines: first.lines, cancelled: first.cancelled)
            }
            let stored: String = order["payload"]
            guard var submission = try? JSONDecoder().decode(OrderSubmission.self, from: Data(stored.utf8)) else {
                throw ReferenceERPError.invalidRequest("order \(number) cannot be read")
            }
            submission.lines = change.lines
            try db.execute(sql: "UPDATE sales_orders SET payload = ? WHERE number = ?",
                           arguments: [String(decoding: try JSONEncoder().encode(submission), as: UTF8.self), order["number"] as Int64])
            try db.execute(sql: "INSERT INTO sales_order_changes (partner_id, po_number, change_id, payload, applied_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [partnerId, poNumber, changeId, payload, Date().formatted(.iso8601)])
            return OrderChangeReceipt(erpOrderNumber: number, applied: true, lines: change.lines, cancelled: change.cancelled)
        }
    }

    static func orderNumber(_ number: Int64) -> String {
        "SO" + String(repeating: "0", count: max(0, 7 - String(number).count)) + String(number)
    }

    // MARK: - Shared look-ups

    static func customer(_ db: Database, _ id: String) throws -> Row {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM customers WHERE id = ?"), arguments: [id]) else {
            throw ReferenceERPError.unknownCustomer(id)
        }
        return row
    }

    /// Vendor part number, then GTIN, then the customer's cross-reference.
    static func resolveItem(_ db: Database, customerId: String, _ reference: ItemReference) throws -> Row? {
        if let vendor = reference.vendorPartNumber, !vendor.isEmpty,
           let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, base_uom FROM items WHERE id = ?"), arguments: [vendor]) {
            return row
        }
        if let gtin = reference.gtin, !gtin.isEmpty,
           let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, base_uom FROM items WHERE gtin = ?"), arguments: [gtin]) {
            return row
        }
        if let buyer = reference.buyerPartNumber, !buyer.isEmpty,
           let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT i.id, i.base_uom FROM customer_items c JOIN items i ON i.id = c.item_id WHERE c.customer_id = ? AND c.buyer_part_number = ?"), arguments: [customerId, buyer]) {
            return row
        }
        return nil
    }

    static func factor(_ db: Database, itemId: String, uom: String) throws -> Decimal? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT factor FROM item_uoms WHERE item_id = ? AND uom = ?"), arguments: [itemId, uom])?.decimal("factor")
    }
}
