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
        return migrator
    }
}
