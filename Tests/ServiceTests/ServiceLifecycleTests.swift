import Foundation
import Gateway
import Store
import XCTest

/// `edigate serve` as ops run it: a real process, stopped with SIGTERM in the middle of a
/// batch, then started again: every order answered exactly once, nothing left half-done.
final class ServiceLifecycleTests: XCTestCase {
    static let orders = 60

    func testSIGTERMDuringABatchThenARestartLosesAndDoublesNothing() async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("edigate")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("no edigate binary: build with `swift build --build-tests`") }
        let started = StartedProcesses()
        defer { started.killAll() }
        try await ServiceHarness.with { gateway in
            for number in 1...Self.orders { try gateway.dropOrder(poNumber: "PO-\(1000 + number)", interchange: 2000 + number) }
            var serve = try Self.start(binary, gateway)
            started.add(serve)
            try await gateway.wait("the first answers", seconds: 30) { gateway.outboundFiles().filter { $0.hasPrefix("855-") }.count >= 2 }
            serve.terminate()
            try await gateway.wait("the service to stop", seconds: 60) { !serve.isRunning }
            XCTAssertEqual(serve.terminationReason, .exit)
            XCTAssertEqual(serve.terminationStatus, 0, "a drained stop exits 0")
            let store = try GatewayStore(path: gateway.root.appendingPathComponent("gateway.sqlite").path)
            let halfDone = try await store.inboundFiles(in: .processing)
            XCTAssertEqual(halfDone, [], "nothing left processing after a graceful stop")
            let answeredBeforeStop = gateway.outboundFiles().filter { $0.hasPrefix("855-") }.count
            XCTAssertLessThan(answeredBeforeStop, Self.orders, "stopped in the middle of the batch")

            serve = try Self.start(binary, gateway)
            started.add(serve)
            try await gateway.wait("every order answered", seconds: 60) { gateway.outboundFiles().filter { $0.hasPrefix("855-") }.count >= Self.orders }
            serve.terminate()
            try await gateway.wait("the service to stop", seconds: 60) { !serve.isRunning }

            let outbound = gateway.outboundFiles()
            XCTAssertEqual(outbound.filter { $0.hasPrefix("855-") }.count, Self.orders, "\(outbound)")
            XCTAssertEqual(outbound.filter { $0.hasPrefix("997-") }.count, Self.orders, "\(outbound)")
            let orders = try await store.orders(partner: "acme-retail")
            XCTAssertEqual(Set(orders.map(\.poNumber)).count, Self.orders)
            XCTAssertTrue(orders.allSatisfy { $0.acknowledgmentOutboundID != nil })
            let pending = try await store.pendingOutbound()
            XCTAssertEqual(pending, [])
            let verification = try await store.audit.verify()
            XCTAssertTrue(verification.isIntact, "\(verification)")
        }
    }

    private static func start(_ binary: URL, _ gateway: ServiceHarness) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--config", gateway.configPath, "--log-level", "warning"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// Processes a test started, killed when it ends whatever happened, so none outlives it.
final class StartedProcesses: @unchecked Sendable {
    private let lock = NSLock()
    private var processes: [Process] = []
    func add(_ process: Process) { lock.withLock { processes.append(process) } }
    func killAll() {
        for process in lock.withLock({ processes }) where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
