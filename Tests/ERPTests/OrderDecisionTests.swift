import Documents
import ERP
import ERPService
import XCTest

/// Every decision path of the 855, against the reference ERP over loopback HTTP.
final class OrderDecisionTests: XCTestCase {
    func testSampleOrderAtContractPricesIsAcceptedAndEnteredOnce() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            let order = Orders.xyzSample()
            let first = try await validator.process(order, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(first.acknowledgment.status, .accepted)
            XCTAssertEqual(first.acknowledgment.lines.map(\.status), ["IA", "IA", "IA", "IA", "IA"])
            XCTAssertEqual(first.acknowledgment.lines.map(\.ackUnitPrice), [decimal("9.25"), decimal("13.79"), decimal("10.99"), decimal("4.35"), decimal("7.5")])
            XCTAssertEqual(first.acknowledgment.reasons, [])
            XCTAssertEqual(first.submission?.lines.map(\.itemId), ["AB3542", "RD5322", "XY5266", "VX2332", "RV0524"])
            let number = try XCTUnwrap(first.erpOrderNumber)
            XCTAssertTrue(number.hasPrefix("SO"))

            // A retry (lost answer, gateway restart) returns the same ERP order, not a second one.
            let again = try await validator.process(order, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(again.erpOrderNumber, number)
            let other = try await validator.process(Orders.xyzSample(po: "08292233295"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertNotEqual(other.erpOrderNumber, number)
        }
    }

    func testItemsResolveByBuyerPartNumberAndGTIN() async throws {
        try await withReferenceERP { erp in
            let order = PurchaseOrder(poNumber: "X", poDate: Orders.today, shipTo: Orders.xyzDC, lines: [
                Orders.line("1", 10, "EA", "9.25", buyer: "065322-117"),
                Orders.line("2", 10, "EA", "4.35", gtin: "00012345000043"),
            ])
            let decided = try await erp.validator().validate(order, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(decided.acknowledgment.status, .accepted)
            XCTAssertEqual(decided.submission?.lines.map(\.itemId), ["AB3542", "VX2332"])
        }
    }

    func testPriceMismatchChangesTheLineToTheERPPrice() async throws {
        try await withReferenceERP { erp in
            let order = Orders.single("AB3542", 10, "EA", price: "9.00")
            let decided = try await erp.validator().validate(order, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            let ack = decided.acknowledgment
            XCTAssertEqual(ack.status, .acceptedWithChanges)
            XCTAssertEqual(ack.lines[0].status, "IP")
            XCTAssertEqual(ack.lines[0].ackUnitPrice, decimal("9.25"))
            XCTAssertEqual(ack.lines[0].ackQuantity, 10)
            XCTAssertEqual(ack.lines[0].reason, "line 1: price 9.00 USD differs from our price 9.25 USD (contract price)")
            XCTAssertEqual(decided.submission?.lines.first?.unitPrice, decimal("9.25"))
        }
    }

    func testPriceWithinTheProfileToleranceIsAcceptedAsSent() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            let order = Orders.single("AB3542", 10, "EA", price: "9.40")
            // 0.15 off 9.25 is 1.6 %.
            let lenient = try await validator.validate(order, account: Orders.xyz, policy: ValidationPolicy(priceTolerancePercent: 2), today: Orders.today).decided()
            XCTAssertEqual(lenient.acknowledgment.lines[0].status, "IA")
            XCTAssertEqual(lenient.acknowledgment.lines[0].ackUnitPrice, decimal("9.40"))
            let strict = try await validator.validate(order, account: Orders.xyz, policy: ValidationPolicy(priceTolerancePercent: 1), today: Orders.today).decided()
            XCTAssertEqual(strict.acknowledgment.lines[0].status, "IP")
            let absolute = try await validator.validate(order, account: Orders.xyz, policy: ValidationPolicy(priceToleranceAbsolute: decimal("0.20")), today: Orders.today).decided()
            XCTAssertEqual(absolute.acknowledgment.lines[0].status, "IA")
        }
    }

    func testPriceMismatchRejectsTheLineOrTheOrderByPolicy() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            let order = PurchaseOrder(poNumber: "P", poDate: Orders.today, currency: "USD", shipTo: Orders.xyzDC, lines: [
                Orders.line("1", 10, "EA", "9.00", vendor: "AB3542"),
                Orders.line("2", 10, "EA", "4.35", vendor: "VX2332"),
            ])
            let lineReject = try await validator.validate(order, account: Orders.xyz, policy: ValidationPolicy(priceMismatch: .reject), today: Orders.today).decided()
            XCTAssertEqual(lineReject.acknowledgment.status, .acceptedWithChanges)
            XCTAssertEqual(lineReject.acknowledgment.lines.map(\.status), ["IR", "IA"])
            XCTAssertEqual(lineReject.acknowledgment.lines[0].ackQuantity, 0)
            XCTAssertNil(lineReject.acknowledgment.lines[0].ackUnitPrice)
            XCTAssertEqual(lineReject.submission?.lines.map(\.lineNumber), ["2"])

            let orderReject = try await validator.validate(order, account: Orders.xyz, policy: ValidationPolicy(priceMismatch: .rejectOrder), today: Orders.today).decided()
            XCTAssertEqual(orderReject.acknowledgment.status, .rejected)
            XCTAssertEqual(orderReject.acknowledgment.lines.map(\.status), ["IR", "IR"])
            XCTAssertNil(orderReject.submission)
            XCTAssertTrue(orderReject.acknowledgment.reasons.contains { $0.contains("rejects the whole order") }, "\(orderReject.acknowledgment.reasons)")
        }
    }

    func testMissingPriceTakesTheERPPrice() async throws {
        try await withReferenceERP { erp in
            let order = Orders.single("RD5322", 6, "EA", price: nil)
            let decided = try await erp.validator().validate(order, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(decided.acknowledgment.lines[0].status, "IA")
            XCTAssertEqual(decided.acknowledgment.lines[0].ackUnitPrice, decimal("13.79"))
            let strict = try await erp.validator().validate(order, account: Orders.xyz, policy: ValidationPolicy(missingPriceIsMismatch: true), today: Orders.today).decided()
            XCTAssertEqual(strict.acknowledgment.lines[0].status, "IP")
        }
    }

    func testUnknownItemIsR2AndUnknownUnitIsIR() async throws {
        try await withReferenceERP { erp in
            let order = PurchaseOrder(poNumber: "U", poDate: Orders.today, shipTo: Orders.xyzDC, lines: [
                Orders.line("1", 5, "EA", "1.00", vendor: "NO-SUCH-ITEM"),
                Orders.line("2", 5, "PL", "1.00", vendor: "AB3542"),
                Orders.line("3", 5, "EA", "9.25", vendor: "AB3542"),
            ])
            let validator = try erp.validator()
            let decided = try await validator.validate(order, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(decided.acknowledgment.status, .acceptedWithChanges)
            XCTAssertEqual(decided.acknowledgment.lines.map(\.status), ["R2", "IR", "IA"])
            XCTAssertEqual(decided.acknowledgment.lines[0].reason, "line 1: item VP NO-SUCH-ITEM is not known to us")
            XCTAssertEqual(decided.acknowledgment.lines[1].reason, "line 2: item AB3542 is not sold in unit PL")

            let strict = try await validator.validate(order, account: Orders.xyz, policy: ValidationPolicy(unknownItem: .rejectOrder), today: Orders.today).decided()
            XCTAssertEqual(strict.acknowledgment.status, .rejected)
            XCTAssertEqual(strict.acknowledgment.lines.map(\.status), ["R2", "IR", "IR"])

            let nothingKnown = PurchaseOrder(poNumber: "U2", poDate: Orders.today, shipTo: Orders.xyzDC, lines: [Orders.line("1", 5, "EA", "1.00", vendor: "NO-SUCH-ITEM")])
            let rejected = try await validator.validate(nothingKnown, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(rejected.acknowledgment.status, .rejected)
            XCTAssertTrue(rejected.acknowledgment.reasons.contains("no line of the order can be supplied"))
        }
    }

    func testShortageIsBackorderedWithTheFillDateAndSubstitutes() async throws {
        try await withReferenceERP { erp in
            // 40 on hand − 10 allocated − 6 safety stock = 24 now; 100 due 2026-12-10.
            let order = Orders.single("PAINT-WHT-1G", 48, "EA", price: "19.99")
            let decided = try await erp.validator().validate(order, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            let line = decided.acknowledgment.lines[0]
            XCTAssertEqual(line.status, "IB")
            XCTAssertEqual(line.ackQuantity, 48)
            XCTAssertEqual(line.scheduledDate, "2026-12-10")
            XCTAssertEqual(line.reason, "line 1: 48 EA ordered, 24 EA available; full quantity available 2026-12-10; substitutes: PAINT-WHT-1G-V")
            XCTAssertEqual(decided.submission?.lines.first?.scheduledDate, "2026-12-10")
        }
    }

    func testShortageChangesQuantityOrRejectsByPolicy() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            let order = Orders.single("PAINT-WHT-1G", 48, "EA", price: "19.99")
            let change = try await validator.validate(order, account: Orders.xyz, policy: ValidationPolicy(shortage: .change), today: Orders.today).decided()
            XCTAssertEqual(change.acknowledgment.lines[0].status, "IQ")
            XCTAssertEqual(change.acknowledgment.lines[0].ackQuantity, 24)
            XCTAssertEqual(change.submission?.lines.first?.quantity, 24)
            let reject = try await validator.validate(order, account: Orders.xyz, policy: ValidationPolicy(shortage: .reject), today: Orders.today).decided()
            XCTAssertEqual(reject.acknowledgment.status, .rejected)
            XCTAssertEqual(reject.acknowledgment.lines[0].status, "IR")
            // Ordered in cases: 24 EA is 6 CA of 4, so 12 CA → IQ 6.
            let cases = try await validator.validate(Orders.single("PAINT-WHT-1G", 12, "CA", price: "79.96"), account: Orders.xyz, policy: ValidationPolicy(shortage: .change), today: Orders.today).decided()
            XCTAssertEqual(cases.acknowledgment.lines[0].status, "IQ")
            XCTAssertEqual(cases.acknowledgment.lines[0].ackQuantity, 6)
        }
    }

    func testShortageWithNoReceiptDueFallsBackFromBackorder() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            // Ladders: none at WH-EAST and none coming → nothing to promise → IR.
            let east = try await validator.validate(Orders.single("LADDER-6", 5, "EA", price: "89.00"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(east.acknowledgment.lines[0].status, "IR")
            XCTAssertEqual(east.acknowledgment.lines[0].reason, "line 1: 5 EA ordered, 0 EA available; no receipt scheduled")
            // The Reno store is served from WH-WEST, which has 3 → IQ 3.
            let reno = Party(id: "0003947268300", idQualifier: "92", name: "XYZ RETAIL STORE 12")
            let west = try await validator.validate(Orders.single("LADDER-6", 5, "EA", price: "89.00", shipTo: reno), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(west.acknowledgment.lines[0].status, "IQ")
            XCTAssertEqual(west.acknowledgment.lines[0].ackQuantity, 3)
            // The same store named by its address only: resolved first, then WH-WEST is asked.
            let renoByAddress = Party(name: "XYZ RETAIL STORE 12", address: ["4500 Sunset Blvd"], city: "Reno", state: "NV", postalCode: "89502", country: "US")
            let byAddress = try await validator.validate(Orders.single("LADDER-6", 5, "EA", price: "89.00", shipTo: renoByAddress), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(byAddress.acknowledgment.lines[0].status, "IQ")
            XCTAssertEqual(byAddress.acknowledgment.lines[0].ackQuantity, 3)
            XCTAssertEqual(byAddress.submission?.shipToId, "ST-1001-02")
        }
    }

    func testPriceAndQuantityChangeOnOneLineIsIC() async throws {
        try await withReferenceERP { erp in
            let order = Orders.single("PAINT-WHT-1G", 48, "EA", price: "24.00")
            let decided = try await erp.validator().validate(order, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            let line = decided.acknowledgment.lines[0]
            XCTAssertEqual(line.status, "IC")
            XCTAssertEqual(line.ackUnitPrice, decimal("19.99"))
            XCTAssertEqual(line.scheduledDate, "2026-12-10")
        }
    }

    func testUOMConversionPricesCasesFromEachPrices() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            // Contract 9.25 per EA; a case holds 12 → 111.00 per CA.
            let right = try await validator.validate(Orders.single("AB3542", 2, "CA", price: "111.00"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(right.acknowledgment.lines[0].status, "IA")
            // The partner sent the each price on a case line: IP at the case price.
            let wrong = try await validator.validate(Orders.single("AB3542", 2, "CA", price: "9.25"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(wrong.acknowledgment.lines[0].status, "IP")
            XCTAssertEqual(wrong.acknowledgment.lines[0].ackUnitPrice, decimal("111"))

            let answer = try await erp.client().prices(PriceRequest(customerId: "C1001", date: Orders.today, lines: [.init(ref: "1", item: ItemReference(vendorPartNumber: "AB3542"), quantity: 2, uom: "CA")]), maxCacheAge: .zero)
            XCTAssertEqual(answer.results[0].uomConversion, UOMConversion(from: "CA", to: "EA", factor: 12))
            XCTAssertEqual(answer.results[0].listUnitPrice, decimal("132"))
        }
    }

    func testTiersPromotionsAndContractsByDate() async throws {
        try await withReferenceERP { erp in
            let client = try erp.client()
            func price(_ customer: String, _ item: String, _ quantity: Decimal, _ uom: String, on date: String) async throws -> (Decimal?, PriceSource?) {
                let r = try await client.prices(PriceRequest(customerId: customer, date: date, lines: [.init(ref: "1", item: ItemReference(vendorPartNumber: item), quantity: quantity, uom: uom)]), maxCacheAge: .zero).results[0]
                return (r.netUnitPrice, r.priceSource)
            }
            // Bolts: list 0.50/EA; ≥1200 EA 0.42; ≥6000 EA 38.00/BX of 100; December promotion 0.40.
            var p = try await price("C1002", "HB-M8-40", 1, "BX", on: "2026-11-26")
            XCTAssertEqual(p.0, decimal("50")); XCTAssertEqual(p.1, .list)
            p = try await price("C1002", "HB-M8-40", 1, "CA", on: "2026-11-26")
            XCTAssertEqual(p.0, decimal("504")); XCTAssertEqual(p.1, .tier)
            p = try await price("C1002", "HB-M8-40", 1, "CA", on: "2026-12-05")
            XCTAssertEqual(p.0, decimal("480")); XCTAssertEqual(p.1, .promotion)
            p = try await price("C1002", "HB-M8-40", 5, "CA", on: "2026-12-05")
            XCTAssertEqual(p.0, decimal("456")); XCTAssertEqual(p.1, .tier)
            p = try await price("C1002", "HB-M8-40", 1, "BX", on: "2027-01-01")
            XCTAssertEqual(p.0, decimal("50")); XCTAssertEqual(p.1, .list)
            // A contract quoted per case, valid in 2027 only: 105.00/CA = 8.75/EA.
            p = try await price("C1002", "AB3542", 1, "EA", on: "2027-02-01")
            XCTAssertEqual(p.0, decimal("8.75")); XCTAssertEqual(p.1, .contract)
            p = try await price("C1002", "AB3542", 1, "EA", on: "2026-11-26")
            XCTAssertEqual(p.0, decimal("11")); XCTAssertEqual(p.1, .list)
            // The CAD account is priced from the CAD list.
            let cad = try await client.prices(PriceRequest(customerId: "C1004", date: Orders.today, lines: [.init(ref: "1", item: ItemReference(vendorPartNumber: "TAPE-DUCT"), quantity: 1, uom: "CA")]), maxCacheAge: .zero).results[0]
            XCTAssertEqual(cad.netUnitPrice, decimal("162")); XCTAssertEqual(cad.currency, "CAD")
        }
    }

    func testCreditHoldHoldsOrRejectsByPolicy() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            let order = Orders.single("TAPE-DUCT", 24, "EA", price: "5.00", shipTo: Party(id: "BR-01"))
            let held = await validator.validate(order, account: Orders.blueRidge, policy: ValidationPolicy(creditHold: .hold), today: Orders.today)
            XCTAssertEqual(held.holdReason, .account(.creditHold("invoice 88213 is 94 days past due")))
            XCTAssertEqual(held.holdReason?.retriesByItself, false)
            let rejected = try await validator.validate(order, account: Orders.blueRidge, policy: ValidationPolicy(creditHold: .reject), today: Orders.today).decided()
            XCTAssertEqual(rejected.acknowledgment.status, .rejected)
            XCTAssertEqual(rejected.acknowledgment.reasons.first, "account on credit hold: invoice 88213 is 94 days past due")
        }
    }

    func testOverLimitIsJudgedOnWhatWouldShip() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            let nw = Party(id: "NW-01")
            // Northwind has 1500.00 available. 240 tape at 5.00 = 1200 → approved.
            let small = try await validator.validate(Orders.single("TAPE-DUCT", 240, "EA", price: "5.00", shipTo: nw), account: Orders.northwind, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(small.acknowledgment.status, .accepted)
            // Add 100 shelves at 11.00: 1200 + 1100 = 2300 > 1500.
            let big = PurchaseOrder(poNumber: "NW-2", poDate: Orders.today, currency: "USD", shipTo: nw, lines: [
                Orders.line("1", 240, "EA", "5.00", vendor: "TAPE-DUCT"),
                Orders.line("2", 100, "EA", "11.00", vendor: "AB3542"),
            ])
            let held = await validator.validate(big, account: Orders.northwind, policy: ValidationPolicy(), today: Orders.today)
            XCTAssertEqual(held.holdReason, .account(.overLimit("order 2300.00 USD, available credit 1500.00 USD")))
            let rejected = try await validator.validate(big, account: Orders.northwind, policy: ValidationPolicy(overLimit: .reject), today: Orders.today).decided()
            XCTAssertEqual(rejected.acknowledgment.status, .rejected)
            XCTAssertEqual(rejected.acknowledgment.lines.map(\.status), ["IR", "IR"])
            // Priced at what would ship: the same lines with a wrong (low) partner price
            // still count at our price.
            var lowball = big
            lowball.lines[1].unitPrice = 1
            let stillHeld = await validator.validate(lowball, account: Orders.northwind, policy: ValidationPolicy(), today: Orders.today)
            XCTAssertEqual(stillHeld.holdReason, .account(.overLimit("order 2300.00 USD, available credit 1500.00 USD")))
        }
    }

    func testShipToUnknownAndForeign() async throws {
        try await withReferenceERP { erp in
            let validator = try erp.validator()
            let unknown = try await validator.validate(Orders.single("AB3542", 1, "EA", price: "9.25", shipTo: Party(id: "9999999999999")), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(unknown.acknowledgment.status, .rejected)
            XCTAssertEqual(unknown.acknowledgment.reasons.first, "ship-to not known: no ship-to 9999999999999")
            let heldUnknown = await validator.validate(Orders.single("AB3542", 1, "EA", price: "9.25", shipTo: Party(id: "9999999999999")), account: Orders.xyz, policy: ValidationPolicy(unknownShipTo: .hold), today: Orders.today)
            XCTAssertEqual(heldUnknown.holdReason, .account(.shipToUnknown("no ship-to 9999999999999")))

            // Northwind's dock on an XYZ RETAIL order: never shipped, whatever the policy.
            let foreign = try await validator.validate(Orders.single("AB3542", 1, "EA", price: "9.25", shipTo: Party(id: "NW-01")), account: Orders.xyz, policy: ValidationPolicy(unknownShipTo: .hold), today: Orders.today).decided()
            XCTAssertEqual(foreign.acknowledgment.status, .rejected)
            XCTAssertEqual(foreign.acknowledgment.lines[0].status, "IR")
            XCTAssertEqual(foreign.acknowledgment.reasons.first, "ship-to not authorised for this customer: ship-to NW-01 belongs to another customer")

            // Identified by address only (no N104).
            let byAddress = Party(name: "XYZ RETAIL DC", address: ["100 Commerce Way"], city: "Columbus", state: "OH", postalCode: "43215", country: "US")
            let valid = try await validator.validate(Orders.single("AB3542", 1, "EA", price: "9.25", shipTo: byAddress), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(valid.acknowledgment.status, .accepted)
            XCTAssertEqual(valid.submission?.shipToId, "ST-1001-01")
        }
    }

    func testCurrencyOtherThanTheAccountsIsRejected() async throws {
        try await withReferenceERP { erp in
            let decided = try await erp.validator().validate(Orders.single("AB3542", 1, "EA", price: "9.25", currency: "CAD"), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(decided.acknowledgment.status, .rejected)
            XCTAssertEqual(decided.acknowledgment.reasons.first, "order currency CAD is not the account currency USD")
        }
    }

    func testEmptyOrderIsRejected() async throws {
        try await withReferenceERP { erp in
            let decided = try await erp.validator().validate(PurchaseOrder(poNumber: "E", poDate: Orders.today, shipTo: Orders.xyzDC), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(decided.acknowledgment.status, .rejected)
            XCTAssertEqual(decided.acknowledgment.reasons, ["the order has no lines"])
        }
    }

    func testLongOrdersAreSplitIntoBatches() async throws {
        try await withReferenceERP { erp in
            let split = try await erp.validator { $0.maxBatchLines = 2 }.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.prices.rawValue), 3, "5 lines in batches of 2")
            XCTAssertEqual(erp.server.statistics.count(ERPEndpoint.availability.rawValue), 3)
            let whole = try await erp.validator().validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today).decided()
            XCTAssertEqual(split.acknowledgment, whole.acknowledgment)
            XCTAssertEqual(split.acknowledgment.status, .accepted)
        }
    }

    func testInProcessClientDecidesLikeTheHTTPClient() async throws {
        try await withReferenceERP { erp in
            let order = PurchaseOrder(poNumber: "S", poDate: Orders.today, currency: "USD", shipTo: Orders.xyzDC, lines: [
                Orders.line("1", 48, "EA", "24.00", vendor: "PAINT-WHT-1G"),
                Orders.line("2", 2, "CA", "9.25", vendor: "AB3542"),
                Orders.line("3", 1, "EA", "1", vendor: "NOPE"),
            ])
            let http = try await erp.validator().validate(order, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            let local = await OrderValidator(client: InProcessERPClient(store: erp.store)).validate(order, account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            XCTAssertEqual(http, local)
            XCTAssertEqual(try http.decided().acknowledgment.lines.map(\.status), ["IC", "IP", "R2"])
        }
    }
}
