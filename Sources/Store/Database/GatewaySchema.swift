import GRDB

/// The gateway's tables (docs/gateway-store.md describes them column by column). Migrations are
/// append-only: a released migration is never edited, a change is a new one.
enum GatewaySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                -- Bytes of inbound files, by content: the same file sent to two partners or resent
                -- is kept once. Written in the same transaction as the inbound_files row.
                CREATE TABLE inbound_contents (
                    sha256 TEXT PRIMARY KEY,
                    size INTEGER NOT NULL,
                    bytes BLOB NOT NULL
                ) WITHOUT ROWID;

                -- One row per distinct (partner, content): the exactly-once key.
                CREATE TABLE inbound_files (
                    id INTEGER PRIMARY KEY,
                    partner TEXT NOT NULL,
                    name TEXT NOT NULL,
                    sha256 TEXT NOT NULL REFERENCES inbound_contents(sha256),
                    size INTEGER NOT NULL,
                    received_at TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('received', 'processing', 'done', 'failed', 'held')),
                    reason TEXT,
                    retry_at TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    updated_at TEXT NOT NULL,
                    UNIQUE (partner, sha256),
                    CHECK ((state IN ('failed', 'held')) = (reason IS NOT NULL)),
                    CHECK ((state = 'held') = (retry_at IS NOT NULL))
                );
                CREATE INDEX inbound_files_by_state ON inbound_files(state, received_at);

                -- What we sent: one row per interchange written to a partner.
                CREATE TABLE outbound_documents (
                    id INTEGER PRIMARY KEY,
                    partner TEXT NOT NULL,
                    type TEXT NOT NULL,
                    interchange_control TEXT NOT NULL,
                    group_controls TEXT NOT NULL,
                    set_controls TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    bytes BLOB NOT NULL,
                    sent_at TEXT NOT NULL
                );
                CREATE INDEX outbound_documents_by_partner ON outbound_documents(partner, sent_at);
                CREATE INDEX outbound_documents_by_interchange ON outbound_documents(partner, interchange_control);

                -- Groups that expect a 997/999: X12's SentGroup, plus the reconciler's verdict.
                CREATE TABLE sent_groups (
                    id INTEGER PRIMARY KEY,
                    outbound_id INTEGER NOT NULL REFERENCES outbound_documents(id),
                    partner TEXT NOT NULL,
                    interchange_control TEXT NOT NULL,
                    partner_interchange_id TEXT NOT NULL,
                    functional_id TEXT NOT NULL,
                    sender_code TEXT NOT NULL,
                    receiver_code TEXT NOT NULL,
                    group_control TEXT NOT NULL,
                    sets TEXT NOT NULL,
                    sent_at INTEGER NOT NULL,
                    outcome TEXT NOT NULL DEFAULT 'awaiting'
                        CHECK (outcome IN ('awaiting', 'accepted', 'acceptedWithErrors', 'rejected')),
                    decided_by TEXT,
                    set_outcomes TEXT,
                    notes TEXT,
                    acknowledged_at TEXT
                );
                CREATE INDEX sent_groups_by_outcome ON sent_groups(outcome, partner);
                CREATE INDEX sent_groups_by_control ON sent_groups(partner_interchange_id, functional_id, group_control);

                -- The last control number handed out per partner and envelope level.
                CREATE TABLE control_numbers (
                    partner TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('interchange', 'group', 'transactionSet')),
                    last INTEGER NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (partner, kind)
                ) WITHOUT ROWID;

                -- Append-only, hash-chained (AuditTrail). Empty partner/document mean "none", so
                -- that the hash input has no NULL to spell.
                CREATE TABLE audit_log (
                    sequence INTEGER PRIMARY KEY,
                    recorded_at TEXT NOT NULL,
                    partner TEXT NOT NULL,
                    document TEXT NOT NULL,
                    event TEXT NOT NULL,
                    details TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE INDEX audit_log_by_partner ON audit_log(partner, sequence);
                CREATE TRIGGER audit_log_refuses_update BEFORE UPDATE ON audit_log
                BEGIN
                    SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
                END;
                CREATE TRIGGER audit_log_refuses_delete BEFORE DELETE ON audit_log
                BEGIN
                    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
                END;
                """)
        }
        // State the pipeline used to read back from the audit trail now lives in tables
        // (docs/gateway-store.md): leases on claimed files, the steps done per file, the
        // interchanges received, orders with their lines, shipments and invoices, and an outbox.
        migrator.registerMigration("v2-state-outbox-leases") { db in
            try db.execute(sql: """
                -- inbound_files gains two states (quarantined, deadLetter), holds for a person
                -- (held without retry_at), a lease on claimed files, and the counts that decide
                -- quarantine and dead letters. SQLite cannot change a CHECK in place: rebuilt.
                CREATE TABLE inbound_files_v2 (
                    id INTEGER PRIMARY KEY,
                    partner TEXT NOT NULL,
                    name TEXT NOT NULL,
                    sha256 TEXT NOT NULL REFERENCES inbound_contents(sha256),
                    size INTEGER NOT NULL,
                    received_at TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('received', 'processing', 'done', 'failed', 'held', 'quarantined', 'deadLetter')),
                    reason TEXT,
                    retry_at TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    holds INTEGER NOT NULL DEFAULT 0,
                    interruptions INTEGER NOT NULL DEFAULT 0,
                    owner TEXT,
                    lease_expires_at TEXT,
                    updated_at TEXT NOT NULL,
                    UNIQUE (partner, sha256),
                    CHECK ((state IN ('failed', 'held', 'quarantined', 'deadLetter')) = (reason IS NOT NULL)),
                    CHECK (retry_at IS NULL OR state = 'held'),
                    CHECK ((state = 'processing') = (owner IS NOT NULL AND lease_expires_at IS NOT NULL))
                );
                -- A file left processing before leases existed gets an expired lease of an
                -- unknown owner: the next claim takes it over (and counts the interruption).
                INSERT INTO inbound_files_v2 (id, partner, name, sha256, size, received_at, state, reason, retry_at, attempts,
                                              owner, lease_expires_at, updated_at)
                SELECT id, partner, name, sha256, size, received_at, state, reason, retry_at, attempts,
                       CASE WHEN state = 'processing' THEN 'unknown' END,
                       CASE WHEN state = 'processing' THEN updated_at END,
                       updated_at
                FROM inbound_files;
                DROP TABLE inbound_files;
                ALTER TABLE inbound_files_v2 RENAME TO inbound_files;
                CREATE INDEX inbound_files_by_state ON inbound_files(state, received_at);

                -- The steps already done for each inbound file: a file processed again (restart,
                -- released hold) skips them instead of answering twice.
                CREATE TABLE inbound_steps (
                    inbound_id INTEGER NOT NULL REFERENCES inbound_files(id),
                    step TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    outbound_id INTEGER REFERENCES outbound_documents(id),
                    done_at TEXT NOT NULL,
                    PRIMARY KEY (inbound_id, step)
                ) WITHOUT ROWID;

                -- Every interchange a partner sent us (ISA05:ISA06 + ISA13), with the file it came in.
                CREATE TABLE received_interchanges (
                    partner TEXT NOT NULL,
                    sender TEXT NOT NULL,
                    control_number TEXT NOT NULL,
                    inbound_id INTEGER NOT NULL REFERENCES inbound_files(id),
                    envelope_code TEXT NOT NULL,
                    received_at TEXT NOT NULL,
                    PRIMARY KEY (partner, sender, control_number, inbound_id)
                ) WITHOUT ROWID;

                -- One row per purchase order (partner + PO number): the canonical order as
                -- received, and once decided the 855 (canonical JSON) and the ERP's order.
                CREATE TABLE orders (
                    id INTEGER PRIMARY KEY,
                    partner TEXT NOT NULL,
                    po_number TEXT NOT NULL,
                    inbound_id INTEGER NOT NULL REFERENCES inbound_files(id),
                    interchange_control TEXT NOT NULL,
                    set_control TEXT NOT NULL,
                    purchase_order TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('received', 'held', 'decided')),
                    hold_reason TEXT,
                    acknowledgment TEXT,
                    acknowledgment_status TEXT,
                    acknowledgment_outbound_id INTEGER REFERENCES outbound_documents(id),
                    erp_order_number TEXT,
                    erp_created INTEGER,
                    received_at TEXT NOT NULL,
                    decided_at TEXT,
                    updated_at TEXT NOT NULL,
                    UNIQUE (partner, po_number),
                    CHECK ((status = 'decided') = (acknowledgment IS NOT NULL)),
                    CHECK ((status = 'held') = (hold_reason IS NOT NULL))
                );

                -- Per PO line: ordered, acknowledged (855), shipped (856s) and invoiced (810s).
                -- Quantities and prices are decimal text, exact as the documents carry them.
                CREATE TABLE order_lines (
                    order_id INTEGER NOT NULL REFERENCES orders(id),
                    position INTEGER NOT NULL,
                    line_number TEXT NOT NULL,
                    uom TEXT NOT NULL,
                    ordered_quantity TEXT NOT NULL,
                    acknowledged_status TEXT,
                    acknowledged_quantity TEXT,
                    acknowledged_price TEXT,
                    shipped_quantity TEXT NOT NULL DEFAULT '0',
                    invoiced_quantity TEXT NOT NULL DEFAULT '0',
                    PRIMARY KEY (order_id, position)
                ) WITHOUT ROWID;

                -- 856s and 810s sent from ERP events, unique per partner and shipment id /
                -- invoice number; `lines` is {PO: {line: quantity}} as sent.
                CREATE TABLE shipments (
                    id INTEGER PRIMARY KEY,
                    partner TEXT NOT NULL,
                    shipment_id TEXT NOT NULL,
                    po_numbers TEXT NOT NULL,
                    lines TEXT NOT NULL,
                    document_sha256 TEXT NOT NULL,
                    outbound_id INTEGER NOT NULL REFERENCES outbound_documents(id),
                    recorded_at TEXT NOT NULL,
                    UNIQUE (partner, shipment_id)
                );
                CREATE TABLE invoices (
                    id INTEGER PRIMARY KEY,
                    partner TEXT NOT NULL,
                    invoice_number TEXT NOT NULL,
                    po_number TEXT NOT NULL,
                    lines TEXT NOT NULL,
                    document_sha256 TEXT NOT NULL,
                    outbound_id INTEGER NOT NULL REFERENCES outbound_documents(id),
                    recorded_at TEXT NOT NULL,
                    UNIQUE (partner, invoice_number)
                );

                -- The outbox: an interchange is recorded `pending` with its final file name and
                -- bytes in the transaction of the step it answers; the uploader claims it (lease),
                -- uploads it under that name and marks it `sent`. `sent_at` is when it was
                -- recorded, `uploaded_at` when the upload completed; `expecting` holds the groups
                -- that await the partner's 997/999, entered into sent_groups at upload.
                ALTER TABLE outbound_documents ADD COLUMN state TEXT NOT NULL DEFAULT 'sent' CHECK (state IN ('pending', 'sent'));
                ALTER TABLE outbound_documents ADD COLUMN file_name TEXT;
                ALTER TABLE outbound_documents ADD COLUMN uploaded_at TEXT;
                ALTER TABLE outbound_documents ADD COLUMN upload_attempts INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE outbound_documents ADD COLUMN last_error TEXT;
                ALTER TABLE outbound_documents ADD COLUMN expecting TEXT;
                ALTER TABLE outbound_documents ADD COLUMN owner TEXT;
                ALTER TABLE outbound_documents ADD COLUMN lease_expires_at TEXT;
                UPDATE outbound_documents SET file_name = type || '-' || interchange_control || '.edi', uploaded_at = sent_at;
                CREATE INDEX outbound_documents_by_state ON outbound_documents(state, partner, id);
                CREATE INDEX outbound_documents_by_file ON outbound_documents(partner, file_name);
                """)
        }
        // The service: acknowledgment alerts (raised once per subject, delivered to webhooks
        // with retries) and the answers of API calls by Idempotency-Key.
        migrator.registerMigration("v3-service") { db in
            try db.execute(sql: """
                CREATE TABLE alerts (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    partner TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    raised_at TEXT NOT NULL,
                    delivered_at TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at TEXT,
                    last_error TEXT,
                    UNIQUE (kind, subject)
                );
                CREATE INDEX alerts_undelivered ON alerts(delivered_at, next_attempt_at);

                CREATE TABLE api_requests (
                    endpoint TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    request_sha256 TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    caller TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (endpoint, idempotency_key)
                ) WITHOUT ROWID;
                """)
        }
        // Finance's invoice audit: every invoice we sent or refused, with its three-way match
        // and the audit entry that proves it.
        migrator.registerMigration("v4-invoice-matches") { db in
            try db.execute(sql: """
                CREATE TABLE invoice_matches (
                    partner TEXT NOT NULL,
                    invoice_number TEXT NOT NULL,
                    invoice_date TEXT NOT NULL,
                    po_number TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    lines INTEGER NOT NULL,
                    amount TEXT NOT NULL,
                    total TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('matched', 'variance', 'refused')),
                    correction INTEGER NOT NULL DEFAULT 0,
                    variances TEXT NOT NULL,
                    variance_amount TEXT NOT NULL,
                    reason TEXT,
                    outbound_id INTEGER REFERENCES outbound_documents(id),
                    audit_sequence INTEGER NOT NULL,
                    audit_hash TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    PRIMARY KEY (partner, invoice_number)
                ) WITHOUT ROWID;
                CREATE INDEX invoice_matches_by_date ON invoice_matches(invoice_date, partner);
                """)
        }
        // Files over `GatewayStore.largestInlineContent` are kept in the content folder beside
        // the database (`<store>.contents/ab/abcd…`, by SHA-256) and read as a stream: a
        // SQLite value stops at 1 GB, and a blob is held whole in memory while it is written
        // or read. Their row keeps an empty `bytes`.
        migrator.registerMigration("v5-content-folder") { db in
            try db.execute(sql: """
                ALTER TABLE inbound_contents ADD COLUMN kept TEXT NOT NULL DEFAULT 'store' CHECK (kept IN ('store', 'folder'));
                """)
        }
        // Instances sharing a store share out the partners: one poller per partner at a time,
        // under a lease (GatewayStore+PartnerPolls).
        migrator.registerMigration("v6-partner-polls") { db in
            try db.execute(sql: """
                CREATE TABLE partner_polls (
                    partner TEXT PRIMARY KEY,
                    owner TEXT NOT NULL,
                    lease_expires_at TEXT NOT NULL,
                    claimed_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        // Buyers' change orders (860, or an 850 that replaces the order), and each order's
        // lines as they stand after them and as the ERP holds them (GatewayStore+Changes);
        // the quantities last advised to each partner (846, GatewayStore+Inventory); every price
        // published to a partner (832, GatewayStore+Catalog).
        migrator.registerMigration("v7-changes-inventory") { db in
            try db.execute(sql: """
                ALTER TABLE orders ADD COLUMN current_lines TEXT;
                ALTER TABLE orders ADD COLUMN erp_lines TEXT;
                CREATE TABLE order_changes (
                    id INTEGER PRIMARY KEY,
                    partner TEXT NOT NULL,
                    po_number TEXT NOT NULL,
                    change_key TEXT NOT NULL,
                    order_id INTEGER NOT NULL REFERENCES orders(id),
                    inbound_id INTEGER NOT NULL REFERENCES inbound_files(id),
                    set_control TEXT NOT NULL,
                    change_order TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('received', 'held', 'decided')),
                    hold_reason TEXT,
                    acknowledgment TEXT,
                    acknowledgment_status TEXT,
                    acknowledgment_outbound_id INTEGER REFERENCES outbound_documents(id),
                    received_at TEXT NOT NULL,
                    decided_at TEXT,
                    updated_at TEXT NOT NULL,
                    UNIQUE (partner, po_number, change_key),
                    CHECK ((status = 'decided') = (acknowledgment IS NOT NULL)),
                    CHECK ((status = 'held') = (hold_reason IS NOT NULL))
                );
                CREATE TABLE inventory_positions (
                    partner TEXT NOT NULL,
                    item TEXT NOT NULL,
                    warehouse TEXT NOT NULL,
                    quantity TEXT NOT NULL,
                    advised_at TEXT NOT NULL,
                    outbound_id INTEGER NOT NULL REFERENCES outbound_documents(id),
                    PRIMARY KEY (partner, item, warehouse)
                ) WITHOUT ROWID;
                CREATE TABLE published_prices (
                    partner TEXT NOT NULL,
                    item TEXT NOT NULL,
                    outbound_id INTEGER NOT NULL REFERENCES outbound_documents(id),
                    uom TEXT NOT NULL,
                    price TEXT NOT NULL,
                    effective_date TEXT NOT NULL,
                    expiration_date TEXT,
                    published_at TEXT NOT NULL,
                    PRIMARY KEY (partner, item, outbound_id)
                ) WITHOUT ROWID;
                """)
        }
        // A partner's location lists (816) as proposed ship-to changes a person approves before
        // the ERP's ship-to master takes them; the locations applied, which the partner's
        // `erp.shipTo` mapping follows; and an order's wait for a location awaiting approval.
        migrator.registerMigration("v8-ship-to-changes") { db in
            try db.execute(sql: """
                CREATE TABLE ship_to_changes (
                    id INTEGER PRIMARY KEY,
                    partner TEXT NOT NULL,
                    location_code TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('new', 'changed', 'closed')),
                    location TEXT NOT NULL,
                    inbound_id INTEGER NOT NULL REFERENCES inbound_files(id),
                    list_reference TEXT,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'applied', 'failed', 'superseded')),
                    proposed_at TEXT NOT NULL,
                    decided_by TEXT,
                    decided_at TEXT,
                    note TEXT,
                    erp_ship_to_id TEXT,
                    warehouse TEXT,
                    applied_at TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    error TEXT,
                    updated_at TEXT NOT NULL,
                    CHECK (status NOT IN ('approved', 'rejected', 'applied', 'failed') OR decided_by IS NOT NULL),
                    CHECK (status != 'applied' OR erp_ship_to_id IS NOT NULL)
                );
                CREATE INDEX ship_to_changes_location ON ship_to_changes(partner, location_code, status);
                CREATE TABLE ship_to_locations (
                    partner TEXT NOT NULL,
                    location_code TEXT NOT NULL,
                    erp_ship_to_id TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
                    location TEXT NOT NULL,
                    change_id INTEGER NOT NULL REFERENCES ship_to_changes(id),
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (partner, location_code)
                );
                ALTER TABLE orders ADD COLUMN awaiting_location TEXT;
                ALTER TABLE order_lines ADD COLUMN published_catalog TEXT;
                CREATE TABLE feed_cursors (
                    partner TEXT NOT NULL,
                    feed TEXT NOT NULL,
                    cursor TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (partner, feed)
                );
                """)
        }
        return migrator
    }
}
