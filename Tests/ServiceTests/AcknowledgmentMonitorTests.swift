import AsyncHTTPClient
import Foundation
import Gateway
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import Partners
import Store
import X12
import XCTest
@testable import Service

/// A late acknowledgment raises exactly one alert, delivered by webhook; a webhook that is
/// down costs one bounded attempt and a later retry, and blocks nothing.
final class AcknowledgmentMonitorTests: XCTestCase {
    func testALate997RaisesOneAlertAndADownWebhookBlocksNothing() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let store = try GatewayStore.inMemory()
        let partners = try PartnerDirectory(directory: ServiceHarness.repository.appendingPathComponent("Partners").path)
        // An 855 we sent ACME five hours ago (ACME's profile expects its 997 within 240 minutes).
        let sent = clock.now().addingTimeInterval(-5 * 3600)
        let group = SentGroup(interchangeControl: "000000042", partnerID: "ACMERETAIL", functionalID: "PR", senderCode: "EDIGATE", receiverCode: "ACMERETAIL",
                              groupControl: "42", sets: [SentGroup.SentSet(type: "855", control: "0042")], sentAt: Int64(sent.timeIntervalSince1970))
        _ = try await store.recordOutbound(partner: "acme-retail", type: "855", interchangeControl: "000000042", groupControls: ["42"], setControls: ["0042"],
                                           bytes: Data("ISA".utf8), sentAt: sent, expecting: [group])
        let monitor = AcknowledgmentMonitor(store: store, partners: { partners }, metrics: GatewayMetrics(), logger: Logger(label: "test"), now: clock.now)
        let raised = try await monitor.check()
        XCTAssertEqual(raised.map(\.kind), [.acknowledgmentOverdue])
        XCTAssertTrue(raised.first?.detail.contains("PR group 42") ?? false, "\(raised)")
        let again = try await monitor.check()
        XCTAssertEqual(again, [], "one alert per late group, however often the monitor looks")

        // The webhook is down: one attempt, recorded, quickly.
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let down = AlertDelivery(store: store, webhooks: ["http://127.0.0.1:9/hook"], client: http, logger: Logger(label: "test"), now: clock.now, timeout: .seconds(2))
        let started = ContinuousClock.now
        let delivered = try await down.deliverDue()
        XCTAssertEqual(delivered, 0)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
        var alerts = try await store.alerts()
        XCTAssertEqual(alerts.first?.attempts, 1)
        XCTAssertNotNil(alerts.first?.lastError)
        let second = try await down.deliverDue()
        XCTAssertEqual(second, 0)
        let attempts = try await store.alerts().first?.attempts
        XCTAssertEqual(attempts, 1, "not retried before its time")

        // The webhook is back: delivered once, with what a person needs.
        let received = NIOLockedValueBox<[Data]>([])
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 16)
            received.withLockedValue { $0.append(Data(body.readableBytesView)) }
            return .noContent
        }
        let (portStream, ports) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in ports.yield(channel.localAddress?.port ?? 0) })
        let server = Task { try await app.runService() }
        var iterator = portStream.makeAsyncIterator()
        let bound = await iterator.next()
        let port = try XCTUnwrap(bound)
        clock.advance(by: 120)
        let up = AlertDelivery(store: store, webhooks: ["http://127.0.0.1:\(port)/hook"], client: http, logger: Logger(label: "test"), now: clock.now)
        let deliveredNow = try await up.deliverDue()
        XCTAssertEqual(deliveredNow, 1)
        alerts = try await store.alerts()
        XCTAssertNotNil(alerts.first?.deliveredAt)
        let payload = try XCTUnwrap(received.withLockedValue { $0 }.first)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        XCTAssertEqual(object["kind"] as? String, "acknowledgmentOverdue")
        XCTAssertEqual(object["partner"] as? String, "acme-retail")
        let afterwards = try await up.deliverDue()
        XCTAssertEqual(afterwards, 0, "delivered alerts are not sent again")
        server.cancel()
        try? await http.shutdown()
        let events = try await store.audit.entries().map(\.event)
        XCTAssertEqual(events.filter { $0 == "alert.raised" }.count, 1)
    }

}

final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: @Sendable () -> Date { { [self] in lock.withLock { current } } }
    func advance(by seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}
