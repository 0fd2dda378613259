import Console
import Foundation
import Store
import X12

/// A gateway store in a temporary directory with files in every interesting state, an
/// acknowledged 855, and two 855s still awaiting (one past the default window), all recorded
/// through the store's public API so the audit trail is the real one.
struct SeededGateway: Sendable {
    /// The console's clock in these tests.
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    let directory: URL
    let store: GatewayStore
    let failedAcme: InboundFile
    let heldAcme: InboundFile
    let doneAcme: InboundFile
    let receivedGlobex: InboundFile
    let failedGlobex: InboundFile
    let acknowledged: OutboundDocument
    let overdue: OutboundDocument
    let recent: OutboundDocument

    static func make() async throws -> SeededGateway {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-console-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try GatewayStore(path: directory.appendingPathComponent("gateway.sqlite").path)
        let now = Self.now

        func record(_ partner: String, _ name: String, minutesAgo: Double) async throws -> InboundFile {
            let bytes = Data(X12Text.purchaseOrder(po: name).utf8)
            return try await store.recordInbound(partner: partner, name: name, sha256: ContentDigest.sha256(bytes), bytes: bytes,
                                                 receivedAt: now.addingTimeInterval(-minutesAgo * 60)).file
        }
        var failedAcme = try await record("acme", "po-1.edi", minutesAgo: 50)
        var heldAcme = try await record("acme", "po-2.edi", minutesAgo: 40)
        var doneAcme = try await record("acme", "po-3.edi", minutesAgo: 30)
        let receivedGlobex = try await record("globex", "po-4.edi", minutesAgo: 20)
        var failedGlobex = try await record("globex", "po-5.edi", minutesAgo: 10)
        for file in [failedAcme, heldAcme, doneAcme, failedGlobex] {
            try await store.startProcessing(file.id, at: now.addingTimeInterval(-300))
        }
        failedAcme = try await store.markFailed(failedAcme.id, reason: "ISA sender ZZ:NOBODY is not partner acme", at: now.addingTimeInterval(-200))
        heldAcme = try await store.markHeld(heldAcme.id, reason: "ERP unreachable", retryAt: now.addingTimeInterval(3600), at: now.addingTimeInterval(-200))
        doneAcme = try await store.markDone(doneAcme.id, at: now.addingTimeInterval(-200))
        failedGlobex = try await store.markFailed(failedGlobex.id, reason: "no partner profile globex", at: now.addingTimeInterval(-200))

        // An 855 ACME answered with a 997 (one set accepted, one rejected).
        let sent = X12Text.orderAcknowledgment(interchange: "000000101", group: "101")
        let interchange = try InterchangeFile.read(bytes: Array(sent.utf8)).interchanges[0]
        let acknowledged = try await store.recordOutbound(partner: "acme", type: "855", interchange: interchange, bytes: Data(sent.utf8),
                                                          sentAt: now.addingTimeInterval(-3 * 86_400))
        let answers = AcknowledgmentReconciler.acknowledgments(in: [try InterchangeFile.read(bytes: Array(X12Text.functionalAcknowledgment(group: "101").utf8))])
        let awaiting = try await store.sentGroups(outcome: .awaiting).map(\.group)
        let outcomes = AcknowledgmentReconciler(window: 86_400).reconcile(sent: awaiting, functional: answers.functional,
                                                                          interchange: answers.interchange, now: Int64(now.timeIntervalSince1970))
        _ = try await store.markAcknowledged(outcomes, at: now.addingTimeInterval(-2 * 86_400))

        // Two 855s nobody answered: two days old (past the default 1440-minute window), ten minutes old.
        func awaitingOutbound(_ control: String, minutesAgo: Double) async throws -> OutboundDocument {
            let text = X12Text.orderAcknowledgment(interchange: "000000\(control)", group: control)
            let interchange = try InterchangeFile.read(bytes: Array(text.utf8)).interchanges[0]
            return try await store.recordOutbound(partner: "acme", type: "855", interchange: interchange, bytes: Data(text.utf8),
                                                  sentAt: now.addingTimeInterval(-minutesAgo * 60))
        }
        let overdue = try await awaitingOutbound("201", minutesAgo: 2 * 1440)
        let recent = try await awaitingOutbound("301", minutesAgo: 10)
        return SeededGateway(directory: directory, store: store, failedAcme: failedAcme, heldAcme: heldAcme, doneAcme: doneAcme,
                             receivedGlobex: receivedGlobex, failedGlobex: failedGlobex, acknowledged: acknowledged, overdue: overdue, recent: recent)
    }

    /// Runs `body` against a console on a free loopback port, and stops it whatever happens,
    /// so no test leaves a listener behind.
    func withConsole(acknowledgmentWindowMinutes: Int = 1440, _ body: (RunningConsole) async throws -> Void) async throws {
        let server = ConsoleServer(store: store, configuration: .init(acknowledgmentWindowMinutes: acknowledgmentWindowMinutes), now: { Self.now })
        let console = try await server.start()
        do {
            try await body(console)
        } catch {
            await console.stop()
            throw error
        }
        await console.stop()
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
