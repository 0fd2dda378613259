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
    /// Items the ERP was asked about (a scheduled look with the ERP's change feed asks only
    /// about those that moved).
    public var asked: Int = 0
}

extension ItemDocumentSender {
    static let availabilityFeed = "availability"

    /// Tells the partner what it can order: the ERP's available-to-promise for its items at its
    /// warehouses, as an 846. `only`: item keys an ERP event named (nil: every item); `full`:
    /// every position even when the partner takes deltas.
    ///
    /// A look at every item of a partner taking deltas reads the ERP's availability change
    /// feed first and asks the ERP only about the items that moved since the last look (the
    /// feed's cursor is kept with the advice, in its transaction); the first look, an ERP
    /// without a feed, or a feed that moved too much asks about every item.
    public func adviseInventory(only: Set<String>? = nil, full: Bool = false, reason: String) async throws -> InventoryAdviceReport {
        guard let settings = profile.inventory else { throw ItemDocumentError.notConfigured(partner: profile.id, section: "inventory") }
        var report = InventoryAdviceReport(partner: profile.id, outcome: .unchanged, items: 0, unknown: [])
        var chosen = only
        var feedCursor: (feed: String, cursor: String)?
        if only == nil, !full, settings.deltas {
            let reading: AvailabilityFeed.Reading
            do {
                reading = try await AvailabilityFeed(client: client).read(warehouses: settings.warehouses,
                                                                          after: try await store.feedCursor(partner: profile.id, feed: Self.availabilityFeed))
            } catch let error as ERPError {
                report.outcome = .held
                report.reason = "the ERP could not answer: \(error)"
                return report
            }
            switch reading {
            case .unsupported:
                break
            case .start(let cursor), .everything(let cursor):
                feedCursor = (Self.availabilityFeed, cursor)
            case .changed(let itemIds, let gtins, let cursor):
                feedCursor = (Self.availabilityFeed, cursor)
                chosen = Set(settings.items.filter { item in
                    item.vendorPartNumber.map(itemIds.contains) ?? false || item.gtin.map(gtins.contains) ?? false
                }.map(\.key))
            }
        }
        let cursorRead = feedCursor
        /// Nothing to tell: the feed read so far is remembered all the same.
        func unchanged(_ report: InventoryAdviceReport) async throws -> InventoryAdviceReport {
            if let cursorRead { try await store.saveFeedCursor(partner: profile.id, feed: cursorRead.feed, cursor: cursorRead.cursor, at: now()) }
            return report
        }
        let (items, asked) = Self.asked(settings.items, only: chosen)
        report.asked = items.count
        guard !items.isEmpty else { return try await unchanged(report) }
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
        guard !lines.isEmpty else { return try await unchanged(report) }
        let advised = lines
        let sent = try await queueAndUpload(type: "846", document: { .inventoryAdvice(InventoryAdvice(adviceNumber: $0, adviceDate: today, items: advised)) }, prefix: "INV") { answer in
            try await store.recordInventoryAdvice(partner: profile.id, positions: positions, reason: reason, answer: answer, feedCursor: feedCursor, at: now())
        }
        report.items = lines.count
        report.interchange = sent.outbound.interchangeControl
        report.file = sent.outbound.fileName
        report.outcome = sent.outcome
        report.reason = sent.reason
        return report
    }
}
