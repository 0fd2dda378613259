import Foundation
import X12

/// The steps of processing one inbound file, each recorded with the rows it changes and its
/// audit entries in one transaction.
extension GatewayStore {
    /// The steps already done for a file, by step key.
    public func steps(ofInbound id: Int64) async throws -> [String: InboundStep] {
        try await database.read { db in
            let rows = try db.fetchAll(sql: "SELECT * FROM inbound_steps WHERE inbound_id = ?", arguments: [id])
            return Dictionary(try rows.map(InboundStep.init(row:)).map { ($0.step, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// One interchange of a file checked and answered: recorded as received from its sender,
    /// its validation audited, and its TA1/997/999 (when one is owed) queued in the outbox —
    /// one transaction, so a file processed again finds the step and answers nothing twice.
    /// `upload`: the acknowledgment, queued claimed under `uploadLease` when one is given.
    package func recordInterchangeChecked(_ file: InboundFile, owner: WorkerIdentity, sender: String, interchange: String, envelopeCode: String,
                                  validation: [String: AuditValue], acknowledgment: QueuedInterchange?, uploadLease: Lease? = nil,
                                  at date: Date) async throws -> (step: InboundStep, upload: ClaimedOutbound?) {
        let controlNumbers = controlNumbers()
        return try await database.write { db in
            try Self.requireLease(file.id, owner: owner, in: db)
            try db.execute(sql: """
                INSERT INTO received_interchanges (partner, sender, control_number, inbound_id, envelope_code, received_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (partner, sender, control_number, inbound_id) DO NOTHING
                """, arguments: [file.partner, sender, interchange, file.id, envelopeCode, GatewayTimestamp.text(date)])
            try AuditTrail.append(AuditEvent(partner: file.partner, document: file.documentReference, kind: .interchangeValidated, details: validation),
                                  at: date, in: db)
            var outbound: OutboundDocument?
            var claimed: ClaimedOutbound?
            if let acknowledgment {
                let queued = try Self.queueOutbound(partner: file.partner, type: acknowledgment.type, need: acknowledgment.need,
                                                    controlNumbers: controlNumbers, build: acknowledgment.build, claimedBy: uploadLease, at: date, in: db)
                outbound = queued.document
                if uploadLease != nil { claimed = ClaimedOutbound(document: queued.document, bytes: queued.bytes) }
                try AuditTrail.append(AuditEvent(partner: file.partner, document: file.documentReference, kind: .acknowledgmentSent, details: [
                    "acknowledges": .text(interchange), "ack": .text(acknowledgment.label), "type": .text(acknowledgment.type),
                    "outbound": .text(outbound!.documentReference), "interchange": .text(outbound!.interchangeControl), "file": .text(outbound!.fileName),
                ]), at: date, in: db)
            }
            let step = try Self.insertStep(file.id, step: InboundStep.acknowledgment(sender: sender, interchange: interchange),
                                           outcome: acknowledgment?.label ?? "none", outbound: outbound?.id, at: date, in: db)
            return (step, claimed)
        }
    }

    /// Refuses a step of a worker that no longer holds the file: another worker took it over,
    /// and doing the step twice would answer twice.
    static func requireLease(_ id: Int64, owner: WorkerIdentity, in db: any StoreConnection) throws {
        let file = try inboundFile(id: id, in: db)
        guard file.state.kind == .processing, file.owner == owner.description else {
            throw GatewayStoreError.leaseLost(id: id, owner: owner.description, holder: file.owner, state: file.state.kind)
        }
    }

    /// The earliest file before `inbound` that brought an interchange with this sender and
    /// ISA13 since `since`: what makes a resent control number a duplicate.
    public func earlierInterchange(partner: String, sender: String, control: String, before inbound: Int64, since: Date) async throws -> (inbound: Int64, receivedAt: Date)? {
        try await database.read { db in
            guard let row = try db.fetchOne(sql: """
                SELECT inbound_id, received_at FROM received_interchanges
                WHERE partner = ? AND sender = ? AND control_number = ? AND inbound_id < ? AND received_at >= ?
                ORDER BY inbound_id LIMIT 1
                """, arguments: [partner, sender, control, inbound, GatewayTimestamp.text(since)]) else { return nil }
            let text: String = row["received_at"]
            return (row["inbound_id"], GatewayTimestamp.date(text) ?? since)
        }
    }

    static func insertStep(_ inbound: Int64, step: String, outcome: String, outbound: Int64?, at date: Date, in db: any StoreConnection) throws -> InboundStep {
        try db.execute(sql: "INSERT INTO inbound_steps (inbound_id, step, outcome, outbound_id, done_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [inbound, step, outcome, outbound, GatewayTimestamp.text(date)])
        guard let row = try db.fetchOne(sql: "SELECT * FROM inbound_steps WHERE inbound_id = ? AND step = ?", arguments: [inbound, step]) else {
            throw GatewayStoreError.corruptRow(table: "inbound_steps", key: step, detail: "not found after insert")
        }
        return try InboundStep(row: row)
    }
}

/// An interchange to queue in the outbox: its type for the file name, the label reports show,
/// how many control numbers it takes, and how to build it from them (run inside the store's
/// transaction, so that numbers and bytes are stored together).
package struct QueuedInterchange: Sendable {
    package let type: String
    package let label: String
    package let need: ControlNumberNeed
    package let build: @Sendable (inout ReservedControlNumbers) throws -> WrittenInterchange

    package init(type: String, label: String, need: ControlNumberNeed, build: @escaping @Sendable (inout ReservedControlNumbers) throws -> WrittenInterchange) {
        self.type = type
        self.label = label
        self.need = need
        self.build = build
    }
}
