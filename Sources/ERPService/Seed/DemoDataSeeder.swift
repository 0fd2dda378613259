import Foundation
import GRDB

/// The demo data set: the retailers of the bundled X12 samples (XYZ RETAIL's 850s with
/// buyer catalog numbers 065322-117 …, vendor parts AB3542 …) plus accounts chosen to
/// exercise every decision: a customer near its credit limit, one on credit hold, one
/// billed in CAD; items sold by the case and the box, quantity tiers, a dated promotion,
/// items short with and without a receipt due, and substitutes. Tests and the benchmark
/// use this same data, so the figures in docs/erp.md can be checked by hand.
public enum DemoDataSeeder {
    /// Orders dated this day see the November paint promotion and the receipts due after it.
    public static let referenceDate = "2026-11-26"
    /// Generated catalog items for volume (CAT-0001 …), all in stock, 20 per benchmark order.
    public static let catalogSize = 40

    public static func seed(_ database: DatabasePool) throws {
        try database.write { db in
            try seed(db)
        }
    }

    static func seed(_ db: Database) throws {
        func run(_ sql: String, _ arguments: StatementArguments) throws {
            try db.execute(sql: sql, arguments: arguments)
        }
        for (id, name) in [("WH-EAST", "Columbus, OH distribution centre"), ("WH-WEST", "Reno, NV distribution centre")] {
            try run("INSERT INTO warehouses (id, name) VALUES (?, ?)", [id, name])
        }

        // id, name, currency, credit limit, open receivables, hold, hold reason, warehouse
        let customers: [(String, String, String, String, String, Bool, String?, String)] = [
            ("C1001", "XYZ Retail Inc.", "USD", "250000.00", "40000.00", false, nil, "WH-EAST"),
            ("C1002", "Northwind Hardware LLC", "USD", "50000.00", "48500.00", false, nil, "WH-WEST"),
            ("C1003", "Blue Ridge Supply Co.", "USD", "100000.00", "12000.00", true, "invoice 88213 is 94 days past due", "WH-EAST"),
            ("C1004", "Maple Leaf Distribution Ltd.", "CAD", "80000.00", "0.00", false, nil, "WH-EAST"),
            // The example partner profiles (Partners/acme-retail.yaml, Partners/globex-stores.yaml).
            ("C-ACME", "Acme Retail Corp.", "USD", "500000.00", "125000.00", false, nil, "WH-EAST"),
            ("C-GLOBEX", "Globex Stores Inc.", "USD", "200000.00", "20000.00", false, nil, "WH-WEST"),
        ]
        for c in customers {
            try run("INSERT INTO customers (id, name, currency, credit_limit, open_receivables, on_hold, hold_reason, default_warehouse) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [c.0, c.1, c.2, c.3, c.4, c.5, c.6, c.7])
        }

        // id, customer, partner location code (N104), default, name, street, city, state, zip, country, warehouse
        let shipTos: [(String, String, String?, Bool, String, String, String, String, String, String, String)] = [
            ("ST-1001-01", "C1001", "0003947268292", true, "XYZ RETAIL DC 1", "100 Commerce Way", "Columbus", "OH", "43215", "US", "WH-EAST"),
            ("ST-1001-02", "C1001", "0003947268300", false, "XYZ RETAIL STORE 12", "4500 Sunset Blvd", "Reno", "NV", "89502", "US", "WH-WEST"),
            ("ST-1002-01", "C1002", "NW-01", true, "Northwind Hardware Main", "77 Harbor Rd", "Sparks", "NV", "89431", "US", "WH-WEST"),
            ("ST-1003-01", "C1003", "BR-01", true, "Blue Ridge Supply Yard", "9 Mill St", "Roanoke", "VA", "24011", "US", "WH-EAST"),
            ("ST-1004-01", "C1004", "ML-TOR", true, "Maple Leaf Toronto", "250 Front St W", "Toronto", "ON", "M5V 3G5", "CA", "WH-EAST"),
            ("ST-ACME-0012", "C-ACME", "0012", true, "ACME STORE 12", "12 Main St", "Springfield", "IL", "62701", "US", "WH-EAST"),
            ("ST-ACME-0047", "C-ACME", "0047", false, "ACME STORE 47", "47 Lake Ave", "Madison", "WI", "53703", "US", "WH-EAST"),
            ("ST-GLOBEX-DC1", "C-GLOBEX", "0614141000012", true, "GLOBEX DC 1", "1 Globex Pkwy", "Reno", "NV", "89502", "US", "WH-WEST"),
            ("ST-GLOBEX-STORE-29", "C-GLOBEX", "0614141000029", false, "GLOBEX STORE 29", "29 Oak St", "Sparks", "NV", "89431", "US", "WH-WEST"),
        ]
        for s in shipTos {
            try run("INSERT INTO ship_tos (id, customer_id, partner_code, is_default, name, address1, city, state, postal_code, country, warehouse_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [s.0, s.1, s.2, s.3, s.4, s.5, s.6, s.7, s.8, s.9, s.10])
        }

        // id, description, base UOM, GTIN, other UOMs with factors, USD list price per base unit
        let items: [(String, String, String, String?, [(String, String)], String)] = [
            ("AB3542", "Tempered glass shelf 24in", "EA", "00012345000012", [("CA", "12")], "11.00"),
            ("RD5322", "Glass door hinge pair", "EA", "00012345000029", [("CA", "6")], "15.00"),
            ("XY5266", "Shelf bracket chrome", "EA", "00012345000036", [("CA", "24")], "12.50"),
            ("VX2332", "Cabinet knob brushed nickel", "EA", "00012345000043", [("CA", "50")], "4.95"),
            ("RV0524", "Drawer slide 18in", "EA", "00012345000050", [("PR", "2")], "8.25"),
            ("0054321", "Utility widget", "EA", nil, [], "19.95"),
            ("HB-M8-40", "Hex bolt M8 x 40 zinc", "EA", "00012345000067", [("BX", "100"), ("CA", "1200")], "0.50"),
            ("PAINT-WHT-1G", "Interior paint white 1 gal", "EA", "00012345000074", [("CA", "4")], "24.00"),
            ("PAINT-WHT-1G-V", "Interior paint white 1 gal, value line", "EA", "00012345000081", [("CA", "4")], "21.00"),
            ("LADDER-6", "Step ladder 6 ft fiberglass", "EA", "00012345000098", [], "89.00"),
            ("TAPE-DUCT", "Duct tape 2in x 60yd", "EA", "00012345000104", [("CA", "24")], "5.00"),
        ]
        for item in items {
            try run("INSERT INTO items (id, description, base_uom, gtin) VALUES (?, ?, ?, ?)", [item.0, item.1, item.2, item.3])
            try run("INSERT INTO item_uoms (item_id, uom, factor) VALUES (?, ?, '1')", [item.0, item.2])
            for (uom, factor) in item.4 {
                try run("INSERT INTO item_uoms (item_id, uom, factor) VALUES (?, ?, ?)", [item.0, uom, factor])
            }
            try run("INSERT INTO list_prices (item_id, currency, price, uom) VALUES (?, 'USD', ?, ?)", [item.0, item.5, item.2])
        }
        // The CAD account buys from a CAD list.
        try run("INSERT INTO list_prices (item_id, currency, price, uom) VALUES ('TAPE-DUCT', 'CAD', '6.75', 'EA')", [])

        // Acme Retail (the acme-retail example partner): its BP numbers, and contract prices.
        for (buyer, item) in [("ACM-1001", "AB3542"), ("ACM-1002", "RD5322"), ("ACM-2001", "TAPE-DUCT"), ("ACM-3001", "LADDER-6")] {
            try run("INSERT INTO customer_items (customer_id, buyer_part_number, item_id) VALUES ('C-ACME', ?, ?)", [buyer, item])
        }
        for (id, item, price) in [("K-ACME-1", "AB3542", "10.50"), ("K-ACME-2", "RD5322", "14.25"), ("K-ACME-3", "TAPE-DUCT", "4.60")] {
            try run("INSERT INTO contracts (id, customer_id, item_id, price, uom, starts_on, ends_on) VALUES (?, 'C-ACME', ?, ?, 'EA', '2026-01-01', NULL)", [id, item, price])
        }
        // XYZ RETAIL orders with its own catalog numbers (PO107 CB) and our part numbers.
        for (buyer, item) in [("065322-117", "AB3542"), ("066850-116", "RD5322"), ("060733-110", "XY5266"), ("065308-116", "VX2332"), ("065374-118", "RV0524")] {
            try run("INSERT INTO customer_items (customer_id, buyer_part_number, item_id) VALUES ('C1001', ?, ?)", [buyer, item])
        }
        // The prices on XYZ RETAIL's sample 850s are its contract prices.
        for (id, item, price) in [("K-1001-1", "AB3542", "9.25"), ("K-1001-2", "RD5322", "13.79"), ("K-1001-3", "XY5266", "10.99"), ("K-1001-4", "VX2332", "4.35"), ("K-1001-5", "RV0524", "7.50")] {
            try run("INSERT INTO contracts (id, customer_id, item_id, price, uom, starts_on, ends_on) VALUES (?, 'C1001', ?, ?, 'EA', '2010-01-01', NULL)", [id, item, price])
        }
        // A contract quoted per case: 105.00 per CA of 12 = 8.75 per EA, from 2027 only.
        try run("INSERT INTO contracts (id, customer_id, item_id, price, uom, starts_on, ends_on) VALUES ('K-1002-1', 'C1002', 'AB3542', '105.00', 'CA', '2027-01-01', '2027-12-31')", [])

        // Bolts: tiers by base quantity (a case of 1200 reaches the first break) and a
        // December promotion that beats the list price but not the 6000+ tier.
        try run("INSERT INTO price_tiers (item_id, currency, min_base_quantity, price, uom) VALUES ('HB-M8-40', 'USD', '1200', '0.42', 'EA')", [])
        try run("INSERT INTO price_tiers (item_id, currency, min_base_quantity, price, uom) VALUES ('HB-M8-40', 'USD', '6000', '38.00', 'BX')", [])
        try run("INSERT INTO promotions (id, item_id, currency, price, uom, starts_on, ends_on, description) VALUES ('PR-BOLT-DEC', 'HB-M8-40', 'USD', '0.40', 'EA', '2026-12-01', '2026-12-31', 'December fastener event')", [])
        try run("INSERT INTO promotions (id, item_id, currency, price, uom, starts_on, ends_on, description) VALUES ('PR-PAINT-BF', 'PAINT-WHT-1G', 'USD', '19.99', 'EA', '2026-11-20', '2026-11-30', 'Paint week')", [])

        // item, warehouse, on hand, allocated, safety stock
        let stock: [(String, String, String, String, String)] = [
            ("AB3542", "WH-EAST", "500", "60", "20"),
            ("RD5322", "WH-EAST", "800", "100", "50"),
            ("XY5266", "WH-EAST", "400", "0", "24"),
            ("VX2332", "WH-EAST", "2000", "500", "100"),
            ("RV0524", "WH-EAST", "300", "0", "0"),
            ("0054321", "WH-EAST", "50", "0", "0"),
            ("HB-M8-40", "WH-EAST", "20000", "2000", "1000"),
            ("HB-M8-40", "WH-WEST", "5000", "0", "600"),
            // 40 − 10 − 6 = 24 available now; 100 more on 2026-12-10.
            ("PAINT-WHT-1G", "WH-EAST", "40", "10", "6"),
            ("PAINT-WHT-1G-V", "WH-EAST", "200", "0", "0"),
            // None now and none coming.
            ("LADDER-6", "WH-EAST", "0", "0", "0"),
            ("LADDER-6", "WH-WEST", "3", "0", "0"),
            ("TAPE-DUCT", "WH-EAST", "1000", "0", "48"),
            ("TAPE-DUCT", "WH-WEST", "240", "0", "0"),
            ("AB3542", "WH-WEST", "100", "0", "0"),
        ]
        for s in stock {
            try run("INSERT INTO stock (item_id, warehouse_id, on_hand, allocated, safety_stock) VALUES (?, ?, ?, ?, ?)", [s.0, s.1, s.2, s.3, s.4])
        }
        // Receipts: one due before the reference date's horizon, two after it.
        try run("INSERT INTO receipts (id, item_id, warehouse_id, quantity, due_on) VALUES ('PO-IN-1', 'PAINT-WHT-1G', 'WH-EAST', '100', '2026-12-10')", [])
        try run("INSERT INTO receipts (id, item_id, warehouse_id, quantity, due_on) VALUES ('PO-IN-2', 'RV0524', 'WH-EAST', '200', '2026-12-01')", [])
        try run("INSERT INTO receipts (id, item_id, warehouse_id, quantity, due_on) VALUES ('PO-IN-3', 'TAPE-DUCT', 'WH-EAST', '480', '2026-11-28')", [])
        try run("INSERT INTO substitutes (item_id, substitute_id, rank) VALUES ('PAINT-WHT-1G', 'PAINT-WHT-1G-V', 1)", [])

        // The volume catalog: list prices 1.37, 1.74, …; every third item has a tier at 100
        // EA; all in stock at both warehouses; XYZ RETAIL has contracts on every fifth.
        for n in 1...catalogSize {
            let id = catalogItemId(n)
            let list = Decimal(100 + 37 * n) / 100
            try run("INSERT INTO items (id, description, base_uom, gtin) VALUES (?, ?, 'EA', NULL)", [id, "Catalog item \(n)"])
            try run("INSERT INTO item_uoms (item_id, uom, factor) VALUES (?, 'EA', '1')", [id])
            try run("INSERT INTO item_uoms (item_id, uom, factor) VALUES (?, 'CA', '12')", [id])
            try run("INSERT INTO list_prices (item_id, currency, price, uom) VALUES (?, 'USD', ?, 'EA')", [id, "\(list)"])
            if n % 3 == 0 {
                try run("INSERT INTO price_tiers (item_id, currency, min_base_quantity, price, uom) VALUES (?, 'USD', '100', ?, 'EA')", [id, "\(list * Decimal(string: "0.9")!)"])
            }
            if n % 5 == 0 {
                try run("INSERT INTO contracts (id, customer_id, item_id, price, uom, starts_on, ends_on) VALUES (?, 'C1001', ?, ?, 'EA', '2020-01-01', NULL)", ["K-CAT-\(n)", id, "\(list * Decimal(string: "0.8")!)"])
            }
            for warehouse in ["WH-EAST", "WH-WEST"] {
                try run("INSERT INTO stock (item_id, warehouse_id, on_hand, allocated, safety_stock) VALUES (?, ?, '100000', '0', '0')", [id, warehouse])
            }
        }
    }

    public static func catalogItemId(_ n: Int) -> String {
        "CAT-" + String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n)
    }

    /// Creates `path` with the schema and the demo data; refuses to overwrite a file.
    public static func createDemoDatabase(at path: String) throws -> DatabasePool {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ReferenceERPError.invalidRequest("\(path) already exists; remove it first")
        }
        let pool = try ReferenceERPDatabase.open(path: path)
        try seed(pool)
        return pool
    }
}
