import ERP
import Foundation

/// The ERP client with every call timed and every failure counted by endpoint.
struct MeasuredERPClient: ERPClient {
    let base: any ERPClient
    let metrics: GatewayMetrics

    private func measure<T>(_ endpoint: ERPEndpoint, _ call: () async throws(ERPError) -> T) async throws(ERPError) -> T {
        let started = ContinuousClock.now
        do {
            let answer = try await call()
            metrics.erpCall(endpoint: endpoint.rawValue, seconds: seconds(since: started), failed: false)
            metrics.breaker(endpoint: endpoint.rawValue, open: false)
            return answer
        } catch {
            metrics.erpCall(endpoint: endpoint.rawValue, seconds: seconds(since: started), failed: true)
            if case .circuitOpen = error { metrics.breaker(endpoint: endpoint.rawValue, open: true) }
            throw error
        }
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    func prices(_ request: PriceRequest, maxCacheAge: Duration) async throws(ERPError) -> PriceResponse {
        try await measure(.prices) { () async throws(ERPError) in try await base.prices(request, maxCacheAge: maxCacheAge) }
    }
    func credit(_ request: CreditRequest) async throws(ERPError) -> CreditResponse {
        try await measure(.credit) { () async throws(ERPError) in try await base.credit(request) }
    }
    func shipTo(_ request: ShipToRequest) async throws(ERPError) -> ShipToResponse {
        try await measure(.shipTo) { () async throws(ERPError) in try await base.shipTo(request) }
    }
    func availability(_ request: AvailabilityRequest) async throws(ERPError) -> AvailabilityResponse {
        try await measure(.availability) { () async throws(ERPError) in try await base.availability(request) }
    }
    func submitOrder(_ order: OrderSubmission) async throws(ERPError) -> OrderReceipt {
        try await measure(.orders) { () async throws(ERPError) in try await base.submitOrder(order) }
    }

    func changeOrder(_ change: OrderChange) async throws(ERPError) -> OrderChangeReceipt {
        try await measure(.orderChanges) { () async throws(ERPError) in try await base.changeOrder(change) }
    }

    func availabilityChanges(_ request: AvailabilityChangesRequest) async throws(ERPError) -> AvailabilityChanges {
        try await measure(.availabilityChanges) { () async throws(ERPError) in try await base.availabilityChanges(request) }
    }

    func upsertShipTo(_ upsert: ShipToUpsert) async throws(ERPError) -> ShipToUpsertReceipt {
        try await measure(.shipTos) { () async throws(ERPError) in try await base.upsertShipTo(upsert) }
    }
}
