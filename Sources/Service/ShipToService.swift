import ERP
import Foundation
import Gateway
import Logging
import Store

/// Applies approved ship-to changes (816) to the ERP: after each approval in the console and
/// every 30 s for those the ERP could not take yet. One run at a time, so an approval during a
/// run does not call the ERP twice for one change.
final class ShipToService: @unchecked Sendable {
    let store: GatewayStore
    let configuration: ConfigurationBox
    let client: any ERPClient
    let logger: Logger
    let now: @Sendable () -> Date
    private let lock = NSLock()
    private var running = false
    private var again = false

    init(store: GatewayStore, configuration: ConfigurationBox, client: any ERPClient, logger: Logger, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.configuration = configuration
        self.client = client
        self.logger = logger
        self.now = now
    }

    func applyApproved() async {
        let start = lock.withLock { () -> Bool in
            if running { again = true; return false }
            running = true
            return true
        }
        guard start else { return }
        while true {
            await runOnce()
            let more = lock.withLock { () -> Bool in
                if again { again = false; return true }
                running = false
                return false
            }
            if !more { return }
        }
    }

    private func runOnce() async {
        let applier = ShipToApplier(store: store, client: client, profiles: Array(configuration.current.partners.profiles.values), now: now)
        do {
            for outcome in try await applier.applyApproved() {
                let metadata: Logger.Metadata = ["partner": "\(outcome.partner)", "change": "\(outcome.change)", "location": "\(outcome.location)",
                                                 "result": "\(outcome.result.rawValue)"]
                if outcome.result == .applied {
                    logger.info("ship-to change applied", metadata: metadata.merging(["shipTo": "\(outcome.shipTo ?? "")", "released": "\(outcome.released.count)"]) { a, _ in a })
                } else {
                    logger.warning("ship-to change not applied", metadata: metadata.merging(["reason": "\(outcome.reason ?? "")"]) { a, _ in a })
                }
            }
        } catch {
            logger.error("ship-to changes: \(error)")
        }
    }
}
