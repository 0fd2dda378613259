import Foundation
import Store

/// Copies a whole store into an empty one, on either engine: moving a SQLite store to
/// PostgreSQL when one machine is no longer enough (docs/scaling.md), or back.
///
/// Rows are copied as they are, ids and audit entries included, table by table in the order
/// their references need; the source's chain is verified before anything is written and the
/// target's after, and the two heads must be the same entry. Files the source keeps in its
/// content folder go into the target's (or into the database, up to its limit, when the target
/// has none). Stop the gateway first: the copy is of one moment, and the target is refused
/// unless it is empty.
public struct StoreCopy: Sendable {
    /// The tables, parents before children. `partner_polls` holds live leases only: not copied.
    static let tables: [(name: String, key: String)] = [
        ("inbound_contents", "sha256"), ("inbound_files", "id"), ("outbound_documents", "id"), ("sent_groups", "id"),
        ("control_numbers", "partner, kind"), ("audit_log", "sequence"), ("inbound_steps", "inbound_id, step"),
        ("received_interchanges", "partner, sender, control_number, inbound_id"), ("orders", "id"), ("order_lines", "order_id, position"), ("order_changes", "id"),
        ("shipments", "id"), ("invoices", "id"), ("alerts", "id"), ("api_requests", "endpoint, idempotency_key"),
        ("invoice_matches", "partner, invoice_number"), ("inventory_positions", "partner, item, warehouse"),
        ("published_prices", "partner, item, outbound_id"),
    ]
    /// Rows per transaction: bounded memory for any size of store.
    static let page = 500

    public struct Summary: Sendable, Equatable {
        public var rows: [String: Int] = [:]
        public var auditEntries: Int64 = 0
        public var head: String = ""
        public var contentFiles = 0
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case sourceChainBroken(String)
        case targetNotEmpty(table: String, rows: Int64)
        case contentTooLarge(sha256: String, size: Int64)
        case mismatch(String)

        public var description: String {
            switch self {
            case .sourceChainBroken(let detail): return "the source's audit trail does not verify (\(detail)): nothing copied"
            case .targetNotEmpty(let table, let rows): return "the target is not empty (\(table) has \(rows) rows): nothing copied"
            case .contentTooLarge(let sha256, let size):
                return "file \(sha256) (\(size) bytes) is kept in the source's content folder and the target has none that could take it"
            case .mismatch(let detail): return "the copy does not match its source: \(detail)"
            }
        }
    }

    let source: GatewayStore
    let target: GatewayStore

    public init(from source: GatewayStore, to target: GatewayStore) {
        self.source = source
        self.target = target
    }

    /// `progress` is told each table as it is done (for the command's output).
    public func run(progress: (String, Int) -> Void = { _, _ in }) async throws -> Summary {
        guard case .intact(let entries, let head) = try await source.audit.verify() else {
            throw Failure.sourceChainBroken("\(try await source.audit.verify())")
        }
        for table in Self.tables {
            let rows = try await target.database.read { db in try db.fetchOne(Int64.self, sql: "SELECT COUNT(*) FROM \(table.name)") ?? 0 }
            guard rows == 0 else { throw Failure.targetNotEmpty(table: table.name, rows: rows) }
        }
        var summary = Summary()
        for table in Self.tables {
            var offset = 0
            while true {
                let from = offset
                let rows = try await source.database.read { db in
                    try db.fetchAll(sql: "SELECT * FROM \(table.name) ORDER BY \(table.key) LIMIT ? OFFSET ?", arguments: [Self.page, from])
                }
                if rows.isEmpty { break }
                let prepared = try table.name == "inbound_contents" ? rows.map { try keepContent($0, summary: &summary) } : rows
                try await target.database.write { db in
                    for row in prepared {
                        let placeholders = Array(repeating: "?", count: row.columns.count).joined(separator: ", ")
                        try db.execute(sql: "INSERT INTO \(table.name) (\(row.columns.joined(separator: ", "))) VALUES (\(placeholders))",
                                       arguments: StoreArguments(row.values))
                    }
                }
                offset += rows.count
            }
            summary.rows[table.name] = offset
            progress(table.name, offset)
        }
        let engine = target.database.engine
        try await target.database.write { db in try Self.restartIdentities(db, engine: engine) }
        guard case .intact(let copied, let copiedHead) = try await target.audit.verify() else {
            throw Failure.mismatch("the target's audit trail does not verify: \(try await target.audit.verify())")
        }
        guard copied == entries, copiedHead == head else {
            throw Failure.mismatch("source head \(entries):\(head), target head \(copied):\(copiedHead)")
        }
        summary.auditEntries = copied
        summary.head = copiedHead
        return summary
    }

    /// A file the source keeps in its content folder goes to the target's folder, or into the
    /// target's database when it has no folder (a PostgreSQL store shared by several hosts).
    private func keepContent(_ row: StoreRow, summary: inout Summary) throws -> StoreRow {
        guard row.value("kept") == .text("folder") else { return row }
        let sha256: String = row["sha256"]
        let size: Int64 = row["size"]
        guard let from = source.contentFolder else { throw Failure.mismatch("file \(sha256) is kept in a content folder the source was opened without") }
        let path = from.path(of: sha256)
        summary.contentFiles += 1
        if let folder = target.contentFolder {
            try folder.keepCopy(of: URL(fileURLWithPath: path), sha256: sha256)
            return row
        }
        guard size <= Int64(GatewayStore.largestRecordedFile) else { throw Failure.contentTooLarge(sha256: sha256, size: size) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        guard ContentDigest.sha256(bytes) == sha256 else { throw Failure.mismatch("file \(sha256) in the content folder is damaged") }
        return StoreRow(columns: row.columns, values: row.columns.map { column in
            switch column {
            case "bytes": return .blob(bytes)
            case "kept": return .text("store")
            default: return row.value(column)!
            }
        })
    }

    /// Rows were inserted with their ids: PostgreSQL's identity columns must continue after them.
    static func restartIdentities(_ db: any StoreConnection, engine: String) throws {
        guard engine == "postgresql" else { return }
        for table in ["inbound_files", "outbound_documents", "sent_groups", "orders", "order_changes", "shipments", "invoices", "alerts"] {
            try db.execute(sql: "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE((SELECT MAX(id) FROM \(table)), 0) + 1, false)")
        }
    }
}
