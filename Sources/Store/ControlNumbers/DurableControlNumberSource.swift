import Foundation
import X12

/// Control numbers per partner and envelope level, kept in the store so that a number is never
/// handed out twice, across restarts and across processes or instances sharing it.
///
/// Each draw is one write transaction (the store runs them one at a time, so no two read
/// the same last number, even for a sequence with no row yet): read the last number, step it
/// (wrapping inside its range), store it, commit durably, and only then return it. A crash after the
/// commit wastes the number (a gap, which X12 allows); no path can return a number that was not
/// stored first, so none can be issued twice.
///
/// X12's builders take a synchronous `ControlNumberSource`; `reserve` draws the numbers a
/// document needs up front and returns one (`ReservedControlNumbers`), so that no SQLite call
/// runs inside a builder.
public struct DurableControlNumberSource: Sendable {
    let database: any StoreDatabase
    public let ranges: ControlNumberRanges

    init(database: any StoreDatabase, ranges: ControlNumberRanges) {
        self.database = database
        self.ranges = ranges
    }

    /// The next number of one sequence.
    public func next(_ kind: ControlNumberKind, partner: String, at date: Date = Date()) async throws -> Int {
        try await database.write { db in try draw(kind, partner: partner, count: 1, at: date, in: db)[0] }
    }

    /// Numbers for one document: `interchanges` ISA13s, `groups` GS06s and `transactionSets`
    /// ST02s, drawn in one transaction.
    public func reserve(partner: String, interchanges: Int = 1, groups: Int = 1, transactionSets: Int = 1,
                        at date: Date = Date()) async throws -> ReservedControlNumbers {
        try await database.write { db in
            ReservedControlNumbers(partner: partner, numbers: [
                .interchange: try draw(.interchange, partner: partner, count: interchanges, at: date, in: db),
                .group: try draw(.group, partner: partner, count: groups, at: date, in: db),
                .transactionSet: try draw(.transactionSet, partner: partner, count: transactionSets, at: date, in: db),
            ])
        }
    }

    /// Numbers for one interchange drawn inside the caller's write transaction, so that they
    /// are stored exactly when the document that uses them is (the outbox).
    func reserve(partner: String, need: ControlNumberNeed, at date: Date, in db: any StoreConnection) throws -> ReservedControlNumbers {
        ReservedControlNumbers(partner: partner, numbers: [
            .interchange: try draw(.interchange, partner: partner, count: need.interchanges, at: date, in: db),
            .group: try draw(.group, partner: partner, count: need.groups, at: date, in: db),
            .transactionSet: try draw(.transactionSet, partner: partner, count: need.transactionSets, at: date, in: db),
        ])
    }

    /// The last number handed out, nil when the sequence has not started.
    public func last(_ kind: ControlNumberKind, partner: String) async throws -> Int? {
        try await database.read { db in
            try db.fetchOne(Int.self, sql: "SELECT last FROM control_numbers WHERE partner = ? AND kind = ?", arguments: [partner, kind.rawValue])
        }
    }

    /// Continues a sequence from another system's last number (onboarding a partner who already
    /// trades with us), so the next number follows it. Audited, since it can cause reuse.
    public func setLast(_ value: Int, for kind: ControlNumberKind, partner: String, at date: Date = Date()) async throws {
        let range = ranges.range(for: kind, partner: partner)
        guard range.contains(value) else {
            throw GatewayStoreError.invalidControlNumberRange(kind: kind.rawValue, lower: range.lowerBound, upper: range.upperBound,
                                                              reason: "\(value) is outside the partner's range")
        }
        try await database.write { db in
            let previous = try db.fetchOne(Int.self, sql: "SELECT last FROM control_numbers WHERE partner = ? AND kind = ?", arguments: [partner, kind.rawValue])
            try store(value, kind: kind, partner: partner, at: date, in: db)
            try AuditTrail.append(AuditEvent(partner: partner, document: nil, kind: .controlNumberSet, details: [
                "kind": .text(kind.rawValue), "last": .integer(Int64(value)), "previous": previous.map { .integer(Int64($0)) } ?? .text(""),
            ]), at: date, in: db)
        }
    }

    private func draw(_ kind: ControlNumberKind, partner: String, count: Int, at date: Date, in db: any StoreConnection) throws -> [Int] {
        guard count > 0 else { return [] }
        let range = ranges.range(for: kind, partner: partner)
        var last = try db.fetchOne(Int.self, sql: "SELECT last FROM control_numbers WHERE partner = ? AND kind = ?", arguments: [partner, kind.rawValue])
        var drawn: [Int] = []
        drawn.reserveCapacity(count)
        for _ in 0..<count {
            let value: Int
            if let current = last, current >= range.lowerBound, current < range.upperBound {
                value = current + 1
            } else {
                // Start, wrap at the top, or a range narrowed below the stored value: begin again.
                value = range.lowerBound
                if let current = last {
                    try AuditTrail.append(AuditEvent(partner: partner, document: nil, kind: .controlNumberWrapped, details: [
                        "kind": .text(kind.rawValue), "from": .integer(Int64(current)), "to": .integer(Int64(value)),
                    ]), at: date, in: db)
                }
            }
            drawn.append(value)
            last = value
        }
        try store(last!, kind: kind, partner: partner, at: date, in: db)
        return drawn
    }

    private func store(_ value: Int, kind: ControlNumberKind, partner: String, at date: Date, in db: any StoreConnection) throws {
        try db.execute(sql: """
            INSERT INTO control_numbers (partner, kind, last, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (partner, kind) DO UPDATE SET last = excluded.last, updated_at = excluded.updated_at
            """, arguments: [partner, kind.rawValue, value, GatewayTimestamp.text(date)])
    }
}
