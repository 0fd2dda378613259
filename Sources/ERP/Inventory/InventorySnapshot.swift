import Foundation

/// Available-to-promise of a partner's items at the warehouses that serve it, from the ERP's
/// availability endpoint (one batched call per warehouse, asked for one unit of each item), and
/// checked against the contract before anyone is told a quantity.
public struct InventorySnapshot: Sendable {
    public struct Item: Sendable, Hashable {
        public var ref: String
        public var item: ItemReference
        public var uom: String

        public init(ref: String, item: ItemReference, uom: String) {
            self.ref = ref
            self.item = item
            self.uom = uom
        }
    }

    public struct Position: Sendable, Hashable {
        public var ref: String
        public var warehouse: String
        public var itemId: String?
        public var available: Decimal
        public var nextReceiptDate: String?
    }

    public struct Result: Sendable, Hashable {
        public var positions: [Position]
        /// Items the ERP does not know (or not in that unit), by ref and warehouse, with why.
        public var unknown: [String]
    }

    public let client: any ERPClient

    public init(client: any ERPClient) {
        self.client = client
    }

    public func take(customerId: String, warehouses: [String], items: [Item], date: String) async throws(ERPError) -> Result {
        var positions: [Position] = []
        var unknown: [String] = []
        let asked = Set(items.map(\.ref))
        for warehouse in warehouses {
            let request = AvailabilityRequest(customerId: customerId, warehouse: warehouse, date: date,
                                              lines: items.map { .init(ref: $0.ref, item: $0.item, quantity: 1, uom: $0.uom) })
            let answer = try await client.availability(request)
            let endpoint = ERPEndpoint.availability.rawValue
            var answered: Set<String> = []
            for result in answer.results {
                guard asked.contains(result.ref), answered.insert(result.ref).inserted else {
                    throw .malformedResponse(endpoint: endpoint, detail: "result for ref \(result.ref) that was not asked, or twice")
                }
                switch result.status {
                case .available, .short:
                    // A quantity we would tell a partner must be one the ERP stated, and real.
                    guard let atp = result.availableToPromise, atp >= 0 else {
                        throw .malformedResponse(endpoint: endpoint, detail: "ref \(result.ref) at \(warehouse): \(result.status.rawValue) without a non-negative availableToPromise")
                    }
                    positions.append(Position(ref: result.ref, warehouse: warehouse, itemId: result.itemId, available: atp, nextReceiptDate: result.nextReceiptDate))
                case .unknownItem, .unknownUOM:
                    unknown.append("\(result.ref) at \(warehouse): \(result.status.rawValue)\(result.detail.map { " (\($0))" } ?? "")")
                case .unknownWarehouse:
                    throw .malformedResponse(endpoint: endpoint, detail: "warehouse \(warehouse) is unknown to the ERP: \(result.detail ?? "")")
                }
            }
            if answered.count != asked.count {
                throw .malformedResponse(endpoint: endpoint, detail: "\(asked.count - answered.count) item(s) at \(warehouse) got no answer")
            }
        }
        return Result(positions: positions, unknown: unknown)
    }
}
