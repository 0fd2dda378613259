import Foundation
import GRDB

/// The reference ERP's SQLite file. Money and quantities are stored as TEXT and read back
/// as Decimal so that no price passes through a binary float.
public enum ReferenceERPDatabase {
    public static func open(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        // Readers run in parallel (WAL); the pool size bounds SQLite connections, not requests.
        configuration.maximumReaderCount = 8
        let pool = try DatabasePool(path: path, configuration: configuration)
        try migrator.migrate(pool)
        return pool
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE warehouses (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL
                );
                CREATE TABLE customers (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    credit_limit TEXT NOT NULL,
                    open_receivables TEXT NOT NULL,
                    on_hold INTEGER NOT NULL DEFAULT 0,
                    hold_reason TEXT,
                    default_warehouse TEXT REFERENCES warehouses(id)
                );
                CREATE TABLE ship_tos (
                    id TEXT PRIMARY KEY,
                    customer_id TEXT NOT NULL REFERENCES customers(id),
                    partner_code TEXT,
                    is_default INTEGER NOT NULL DEFAULT 0,
                    name TEXT NOT NULL,
                    address1 TEXT NOT NULL,
                    address2 TEXT,
                    city TEXT NOT NULL,
                    state TEXT,
                    postal_code TEXT NOT NULL,
                    country TEXT NOT NULL,
                    warehouse_id TEXT REFERENCES warehouses(id)
                );
                CREATE INDEX ship_tos_partner_code ON ship_tos(partner_code);
                CREATE INDEX ship_tos_customer ON ship_tos(customer_id);
                CREATE TABLE items (
                    id TEXT PRIMARY KEY,
                    description TEXT NOT NULL,
                    base_uom TEXT NOT NULL,
                    gtin TEXT UNIQUE
                );
                -- How many base units one `uom` holds; the base unit has a row with factor 1.
                CREATE TABLE item_uoms (
                    item_id TEXT NOT NULL REFERENCES items(id),
                    uom TEXT NOT NULL,
                    factor TEXT NOT NULL,
                    PRIMARY KEY (item_id, uom)
                );
                CREATE TABLE customer_items (
                    customer_id TEXT NOT NULL REFERENCES customers(id),
                    buyer_part_number TEXT NOT NULL,
                    item_id TEXT NOT NULL REFERENCES items(id),
                    PRIMARY KEY (customer_id, buyer_part_number)
                );
                CREATE TABLE list_prices (
                    item_id TEXT NOT NULL REFERENCES items(id),
                    currency TEXT NOT NULL,
                    price TEXT NOT NULL,
                    uom TEXT NOT NULL,
                    PRIMARY KEY (item_id, currency)
                );
                -- Quantity breaks, measured in base units.
                CREATE TABLE price_tiers (
                    item_id TEXT NOT NULL REFERENCES items(id),
                    currency TEXT NOT NULL,
                    min_base_quantity TEXT NOT NULL,
                    price TEXT NOT NULL,
                    uom TEXT NOT NULL
                );
                CREATE INDEX price_tiers_item ON price_tiers(item_id, currency);
                CREATE TABLE promotions (
                    id TEXT PRIMARY KEY,
                    item_id TEXT NOT NULL REFERENCES items(id),
                    currency TEXT NOT NULL,
                    price TEXT NOT NULL,
                    uom TEXT NOT NULL,
                    starts_on TEXT NOT NULL,
                    ends_on TEXT NOT NULL,
                    description TEXT
                );
                CREATE INDEX promotions_item ON promotions(item_id, currency);
                CREATE TABLE contracts (
                    id TEXT PRIMARY KEY,
                    customer_id TEXT NOT NULL REFERENCES customers(id),
                    item_id TEXT NOT NULL REFERENCES items(id),
                    price TEXT NOT NULL,
                    uom TEXT NOT NULL,
                    starts_on TEXT NOT NULL,
                    ends_on TEXT
                );
                CREATE INDEX contracts_customer_item ON contracts(customer_id, item_id);
                CREATE TABLE stock (
                    item_id TEXT NOT NULL REFERENCES items(id),
                    warehouse_id TEXT NOT NULL REFERENCES warehouses(id),
                    on_hand TEXT NOT NULL,
                    allocated TEXT NOT NULL,
                    safety_stock TEXT NOT NULL,
                    PRIMARY KEY (item_id, warehouse_id)
                );
                CREATE TABLE receipts (
                    id TEXT PRIMARY KEY,
                    item_id TEXT NOT NULL REFERENCES items(id),
                    warehouse_id TEXT NOT NULL REFERENCES warehouses(id),
                    quantity TEXT NOT NULL,
                    due_on TEXT NOT NULL
                );
                CREATE INDEX receipts_item ON receipts(item_id, warehouse_id, due_on);
                CREATE TABLE substitutes (
                    item_id TEXT NOT NULL REFERENCES items(id),
                    substitute_id TEXT NOT NULL REFERENCES items(id),
                    rank INTEGER NOT NULL DEFAULT 1,
                    PRIMARY KEY (item_id, substitute_id)
                );
                CREATE TABLE sales_orders (
                    number INTEGER PRIMARY KEY AUTOINCREMENT,
                    partner_id TEXT NOT NULL,
                    po_number TEXT NOT NULL,
                    customer_id TEXT NOT NULL REFERENCES customers(id),
                    ship_to_id TEXT,
                    payload TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    UNIQUE (partner_id, po_number)
                );
                """)
        }
        // Changes applied to entered orders, by the caller's change id: what makes a change
        // call idempotent.
        migrator.registerMigration("v2-order-changes") { db in
            try db.execute(sql: """
                CREATE TABLE sales_order_changes (
                    partner_id TEXT NOT NULL,
                    po_number TEXT NOT NULL,
                    change_id TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    applied_at TEXT NOT NULL,
                    PRIMARY KEY (partner_id, po_number, change_id)
                );
                """)
        }
        // Ship-tos a partner closed (816) stay for the orders that name them, refused for new ones.
        migrator.registerMigration("v3-ship-to-upserts") { db in
            try db.execute(sql: "ALTER TABLE ship_tos ADD COLUMN closed_at TEXT")
        }
        // The availability change feed: every write to stock or receipts notes the item and
        // warehouse, in order; POST /v1/availability/changes reads it from a cursor (the seq).
        migrator.registerMigration("v4-availability-feed") { db in
            try db.execute(sql: """
                CREATE TABLE availability_changes (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id TEXT NOT NULL,
                    warehouse_id TEXT NOT NULL
                );
                CREATE INDEX availability_changes_warehouse ON availability_changes(warehouse_id, seq);
                CREATE TRIGGER stock_inserted AFTER INSERT ON stock BEGIN
                    INSERT INTO availability_changes (item_id, warehouse_id) VALUES (NEW.item_id, NEW.warehouse_id);
                END;
                CREATE TRIGGER stock_updated AFTER UPDATE ON stock BEGIN
                    INSERT INTO availability_changes (item_id, warehouse_id) VALUES (NEW.item_id, NEW.warehouse_id);
                END;
                CREATE TRIGGER receipts_inserted AFTER INSERT ON receipts BEGIN
                    INSERT INTO availability_changes (item_id, warehouse_id) VALUES (NEW.item_id, NEW.warehouse_id);
                END;
                CREATE TRIGGER receipts_updated AFTER UPDATE ON receipts BEGIN
                    INSERT INTO availability_changes (item_id, warehouse_id) VALUES (NEW.item_id, NEW.warehouse_id);
                END;
                CREATE TRIGGER receipts_deleted AFTER DELETE ON receipts BEGIN
                    INSERT INTO availability_changes (item_id, warehouse_id) VALUES (OLD.item_id, OLD.warehouse_id);
                END;
                """)
        }
        return migrator
    }
}
