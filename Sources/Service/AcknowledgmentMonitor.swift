import Foundation
import Gateway
import Logging
import Partners
import Store

/// Looks for acknowledgments overdue either way and raises one alert per late group or file:
/// groups we sent that the partner has not answered within `expectWithinMinutes`, and partner
/// files we have not answered within `sendWithinMinutes`. Alerts are kept in the store (raised
/// once, audited) and delivered by `AlertDelivery`; the monitor never waits on a webhook.
struct AcknowledgmentMonitor: Sendable {
    let store: GatewayStore
    let partners: @Sendable () -> PartnerDirectory
    let metrics: GatewayMetrics
    let logger: Logger
    let now: @Sendable () -> Date

    /// One look; returns the alerts raised now.
    func check() async throws -> [GatewayAlert] {
        var raised: [GatewayAlert] = []
        let directory = partners()
        for id in directory.profiles.keys.sorted() {
            guard let profile = directory.profile(id: id) else { continue }
            let windows = profile.acknowledgments
            for group in try await store.overdueGroups(partner: id, minutes: windows.expectWithinMinutes, now: now()) {
                let minutes = (Int64(now().timeIntervalSince1970) - group.group.sentAt) / 60
                let detail = "\(group.group.functionalID) group \(group.group.groupControl) of interchange \(group.group.interchangeControl) sent \(minutes) min ago has no 997/999 (expected within \(windows.expectWithinMinutes) min)"
                if let alert = try await store.raiseAlert(.acknowledgmentOverdue, subject: "outbound/\(group.outboundID) GS \(group.group.groupControl)", partner: id, detail: detail, at: now()) {
                    raised.append(alert)
                }
            }
            for file in try await store.owedAcknowledgments(partner: id, minutes: windows.sendWithinMinutes, now: now()) {
                let detail = "\(file.name) (inbound/\(file.id), \(file.state.kind.rawValue)) has had no acknowledgment from us for over \(windows.sendWithinMinutes) min"
                if let alert = try await store.raiseAlert(.acknowledgmentOwed, subject: file.documentReference, partner: id, detail: detail, at: now()) {
                    raised.append(alert)
                }
            }
        }
        for alert in raised {
            metrics.alertRaised(kind: alert.kind.rawValue)
            logger.warning("acknowledgment alert", metadata: ["partner": "\(alert.partner)", "kind": "\(alert.kind.rawValue)", "subject": "\(alert.subject)", "detail": "\(alert.detail)"])
        }
        return raised
    }
}
