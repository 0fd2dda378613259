/// Reads the ERP's availability change feed (`POST /v1/availability/changes`) from a cursor to
/// its end, page by page: which items moved at the partner's warehouses, and where to start
/// next time. A scheduled inventory advice then asks the ERP about those items only.
public struct AvailabilityFeed: Sendable {
    public enum Reading: Sendable, Hashable {
        /// No cursor yet: where the feed stands now (the caller looks at every item once).
        case start(cursor: String)
        /// What moved since the cursor: ERP item ids and GTINs.
        case changed(itemIds: Set<String>, gtins: Set<String>, cursor: String)
        /// More than `maxPages` pages moved: cheaper to look at every item.
        case everything(cursor: String)
        /// The ERP has no feed (404/405/501): look at every item, every time.
        case unsupported
    }

    public let client: any ERPClient
    public let pageSize: Int
    public let maxPages: Int

    public init(client: any ERPClient, pageSize: Int = 5000, maxPages: Int = 20) {
        self.client = client
        self.pageSize = pageSize
        self.maxPages = maxPages
    }

    public func read(warehouses: [String], after cursor: String?) async throws(ERPError) -> Reading {
        var itemIds = Set<String>(), gtins = Set<String>()
        var after = cursor
        for _ in 0..<maxPages {
            let page: AvailabilityChanges
            do {
                page = try await client.availabilityChanges(AvailabilityChangesRequest(warehouses: warehouses, after: after, limit: pageSize))
            } catch {
                if case .rejectedRequest(_, let status, _) = error, [404, 405, 501].contains(status) { return .unsupported }
                throw error
            }
            guard after != nil else { return .start(cursor: page.cursor) }
            for change in page.changes {
                itemIds.insert(change.itemId)
                if let gtin = change.gtin { gtins.insert(gtin) }
            }
            after = page.cursor
            if !page.more { return .changed(itemIds: itemIds, gtins: gtins, cursor: page.cursor) }
        }
        return .everything(cursor: after ?? "")
    }
}
