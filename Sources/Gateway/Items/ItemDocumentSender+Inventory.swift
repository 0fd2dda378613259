import Documents
import ERP
import Foundation
import Store

/// What one 846 did for a partner.
public struct InventoryAdviceReport: ItemDocumentReport, Hashable {
    public var partner: String
    public var outcome: ItemDocumentOutcome
    /// Item × warehouse lines in the 846.
    public var items: Int
    public var interchange: String?
    public var file: String?
    /// Items the ERP does not know at a warehouse: not advised, listed for ops.
    public var unknown: [String]
    public var reason: String?
}

extension ItemDocumentSender {
    /// Tells the partner what it can order: the ERP's available-to-promise for its items at its
    /// warehouses, as an 846. `only`: item keys an ERP event named (nil: every item); `full`:
    /// every position even when the partner takes deltas.
    public func adviseInventory(only: Set<String>? = nil, full: Bool = false, reason: String) async throws -> InventoryAdviceReport {
        guard let settings = profile.inventory else { throw ItemDocumentError.notConfigured(partner: profile.id, section: "inventory") }
        let (items, asked) = Self.asked(settings.items, only: only)
        var report = InventoryAdviceReport(partner: profile.id, outcome: .unchanged, items: 0, unknown: [])
        guard !items.isEmpty else { return report }
        let today = OrderValidator.today(now())
        let snapshot: InventorySnapshot.Result
        do {
            snapshot = try await InventorySnapshot(client: client).take(customerId: profile.erp.customer, warehouses: settings.warehouses, items: asked, date: today)
        } catch {
            report.outcome = .held
            report.reason = "the ERP could not answer: \(error)"
            return report
        }
        report.unknown = snapshot.unknown
        let told = try await store.inventoryPositions(partner: profile.id)
        let byKey = Dictionary(items.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [InventoryAdvice.Item] = []
        var positions: [InventoryPositionRecord] = []
        for position in snapshot.positions {
            guard let item = byKey[position.ref] else { continue }
            if settings.deltas, !full, told["\(position.ref)/\(position.warehouse)"] == position.available { continue }
            positions.append(InventoryPositionRecord(item: position.ref, warehouse: position.warehouse, quantity: position.available))
            lines.append(InventoryAdvice.Item(lineNumber: "\(lines.count + 1)", buyerPartNumber: item.buyerPartNumber, vendorPartNumber: item.vendorPartNumber, gtin: item.gtin,
                                              uom: item.uom, quantityAvailable: position.available, quantityOnHand: settings.onHand ? position.available : nil,
                                              warehouse: Party(id: position.warehouse, idQualifier: "92")))
        }
        guard !lines.isEmpty else { return report }
        let advised = lines
        let sent = try await queueAndUpload(type: "846", document: { .inventoryAdvice(InventoryAdvice(adviceNumber: $0, adviceDate: today, items: advised)) }, prefix: "INV") { answer in
            try await store.recordInventoryAdvice(partner: profile.id, positions: positions, reason: reason, answer: answer, at: now())
        }
        report.items = lines.count
        report.interchange = sent.outbound.interchangeControl
        report.file = sent.outbound.fileName
        report.outcome = sent.outcome
        report.reason = sent.reason
        return report
    }
}
