import ERP

/// `ERPClient` answered straight from the reference store, without HTTP: for running the
/// validator next to the reference ERP (the demo, a single-process trial), and the
/// baseline the HTTP client's overhead is measured against.
public struct InProcessERPClient: ERPClient {
    public let store: ReferenceERPStore

    public init(store: ReferenceERPStore) {
        self.store = store
    }

    public func prices(_ request: PriceRequest, maxCacheAge: Duration) async throws(ERPError) -> PriceResponse {
        try run(.prices) { try store.prices(request) }
    }

    public func credit(_ request: CreditRequest) async throws(ERPError) -> CreditResponse {
        try run(.credit) { try store.credit(request) }
    }

    public func shipTo(_ request: ShipToRequest) async throws(ERPError) -> ShipToResponse {
        try run(.shipTo) { try store.shipTo(request) }
    }

    public func availability(_ request: AvailabilityRequest) async throws(ERPError) -> AvailabilityResponse {
        try run(.availability) { try store.availability(request) }
    }

    public func submitOrder(_ order: OrderSubmission) async throws(ERPError) -> OrderReceipt {
        try run(.orders) { try store.submit(order, partnerId: order.partnerId, poNumber: order.poNumber) }
    }

    public func changeOrder(_ change: OrderChange) async throws(ERPError) -> OrderChangeReceipt {
        try run(.orderChanges) { try store.change(change, partnerId: change.partnerId, poNumber: change.poNumber, changeId: change.changeId) }
    }

    public func availabilityChanges(_ request: AvailabilityChangesRequest) async throws(ERPError) -> AvailabilityChanges {
        try run(.availabilityChanges) { try store.availabilityChanges(request) }
    }

    public func upsertShipTo(_ upsert: ShipToUpsert) async throws(ERPError) -> ShipToUpsertReceipt {
        try run(.shipTos) { try store.upsertShipTo(upsert, customerId: upsert.customerId, locationCode: upsert.locationCode) }
    }

    /// The same error mapping the HTTP client applies to the same failures.
    private func run<T>(_ endpoint: ERPEndpoint, _ body: () throws -> T) throws(ERPError) -> T {
        do {
            return try body()
        } catch let error as ReferenceERPError {
            throw .rejectedRequest(endpoint: endpoint.rawValue, status: error.problem.status, problem: error.problem)
        } catch {
            throw .unavailable(endpoint: endpoint.rawValue, status: 500, detail: "\(error)")
        }
    }
}
