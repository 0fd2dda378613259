/// The seam between order validation and whichever ERP answers it. Two implementations:
/// `HTTPERPClient` speaks the HTTP contract in docs/erp-api.yaml to a real ERP or middleware;
/// the reference service's `InProcessERPClient` answers from its SQLite store directly.
public protocol ERPClient: Sendable {
    /// `maxCacheAge` lets a profile reuse recent approved prices; zero asks the ERP.
    func prices(_ request: PriceRequest, maxCacheAge: Duration) async throws(ERPError) -> PriceResponse
    func credit(_ request: CreditRequest) async throws(ERPError) -> CreditResponse
    func shipTo(_ request: ShipToRequest) async throws(ERPError) -> ShipToResponse
    func availability(_ request: AvailabilityRequest) async throws(ERPError) -> AvailabilityResponse
    func submitOrder(_ order: OrderSubmission) async throws(ERPError) -> OrderReceipt
    func changeOrder(_ change: OrderChange) async throws(ERPError) -> OrderChangeReceipt
    /// Creates or updates a ship-to from an approved location change (816).
    func upsertShipTo(_ upsert: ShipToUpsert) async throws(ERPError) -> ShipToUpsertReceipt
    /// Which items' availability moved since a cursor (optional: 404 from an ERP without a feed).
    func availabilityChanges(_ request: AvailabilityChangesRequest) async throws(ERPError) -> AvailabilityChanges
}
