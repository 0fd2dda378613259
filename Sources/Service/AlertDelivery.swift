import AsyncHTTPClient
import Foundation
import Gateway
import Logging
import NIOCore
import Store

/// Posts undelivered alerts as JSON to the configured webhooks, in order, as a failover list:
/// an alert counts as delivered once one of them answered 2xx (the next ones are not asked). A webhook that is down costs a bounded wait per attempt and
/// a later retry (1 min, doubling to 1 h), never a stalled pipeline: delivery runs on its own.
struct AlertDelivery: Sendable {
    let store: GatewayStore
    let webhooks: [String]
    let client: HTTPClient
    let logger: Logger
    let now: @Sendable () -> Date
    var timeout: TimeAmount = .seconds(5)

    struct Payload: Encodable {
        let id: Int64
        let kind: String
        let partner: String
        let subject: String
        let detail: String
        let raisedAt: String
    }

    /// One round over the due alerts; returns how many were delivered.
    @discardableResult
    func deliverDue() async throws -> Int {
        guard !webhooks.isEmpty else { return 0 }
        var delivered = 0
        for alert in try await store.alertsToDeliver(now: now()) {
            let payload = Payload(id: alert.id, kind: alert.kind.rawValue, partner: alert.partner, subject: alert.subject, detail: alert.detail,
                                  raisedAt: GatewayTimestamp.text(alert.raisedAt))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let body = try encoder.encode(payload)
            var failures: [String] = []
            for url in webhooks {
                do {
                    var request = HTTPClientRequest(url: url)
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(ByteBuffer(bytes: body))
                    let response = try await client.execute(request, timeout: timeout, logger: logger)
                    _ = try? await response.body.collect(upTo: 64 << 10)
                    if (200..<300).contains(response.status.code) {
                        failures.removeAll()
                        break
                    }
                    failures.append("\(url): HTTP \(response.status.code)")
                } catch {
                    failures.append("\(url): \(error)")
                }
            }
            if failures.isEmpty {
                try await store.markAlertDelivered(alert.id, at: now())
                delivered += 1
            } else {
                let delay = min(3600, 60 * pow(2, Double(min(alert.attempts, 6))))
                try await store.markAlertAttemptFailed(alert.id, reason: failures.joined(separator: "; "), retryAt: now().addingTimeInterval(delay), at: now())
                logger.warning("alert not delivered", metadata: ["alert": "\(alert.id)", "reason": "\(failures.joined(separator: "; "))"])
            }
        }
        return delivered
    }
}
