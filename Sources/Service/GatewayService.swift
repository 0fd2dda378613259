import AsyncHTTPClient
import Console
import ERP
import Foundation
import Gateway
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL
import Partners
import PostgresStore
import ServiceLifecycle
import Store
import X12

/// `edigate serve`: the gateway as one long-running process under swift-service-lifecycle —
/// a poller per partner, the acknowledgment monitor and alert delivery, the ERP drop folder,
/// and one HTTP server for the API, `/health`, `/ready`, `/metrics` and the console.
/// SIGTERM/SIGINT drain (files under way finish; bounded by `shutdownSeconds`), SIGHUP reloads
/// profiles and maps after checking them.
public final class GatewayService: Sendable {
    public let store: GatewayStore
    public let metrics = GatewayMetrics()
    let configuration: ConfigurationBox
    let library: SchemaLibrary
    let logger: Logger
    let now: @Sendable () -> Date
    let erp: HTTPERPClient
    let tokens: APITokens
    let poller: PollerService
    let events: ERPEventHandler
    let items: ItemDocumentService
    let shipTos: ShipToService
    let httpClient: HTTPClient

    /// Loads and checks everything first: a configuration that does not check out never starts.
    public init(configuration settings: ServiceConfiguration, library: SchemaLibrary, logger: Logger = Logger(label: "edigate"),
                now: @escaping @Sendable () -> Date = { Date() }) throws {
        let loaded = try LoadedConfiguration.load(settings)
        configuration = ConfigurationBox(loaded)
        tokens = try APITokens(settings.tokens)
        store = try GatewayStore.open(location: settings.store)
        do { erp = try HTTPERPClient(connection: settings.erp, logger: logger) } catch {
            throw ServiceStartError("erp: \(error)")
        }
        self.library = library
        self.logger = logger
        self.now = now
        let orders = OrderValidator(client: MeasuredERPClient(base: erp, metrics: metrics))
        poller = PollerService(store: store, configuration: configuration, library: library, orders: orders, metrics: metrics, logger: logger, now: now)
        events = ERPEventHandler(store: store, configuration: configuration, library: library, metrics: metrics, logger: logger, now: now)
        items = ItemDocumentService(store: store, configuration: configuration, library: library, client: MeasuredERPClient(base: erp, metrics: metrics),
                                     metrics: metrics, logger: logger, now: now)
        shipTos = ShipToService(store: store, configuration: configuration, client: MeasuredERPClient(base: erp, metrics: metrics), logger: logger, now: now)
        httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
    }

    public var currentConfiguration: ServiceConfiguration { configuration.current.configuration }

    /// Serves until SIGTERM/SIGINT; SIGHUP reloads. `onRunning` gets the bound HTTP port.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let reloads = ReloadSignal { [self] in Task { _ = await self.reload() } }
        defer { reloads.cancel() }
        try await serve(handlesSignals: true, onRunning: onRunning)
    }

    /// In-process (tests): starts, returns once the port is bound; `RunningService.stop()`
    /// shuts it down gracefully, as SIGTERM would.
    public func start() async throws -> RunningService {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let group = try makeGroup(handlesSignals: false) { port in continuation.yield(port) }
        let task = Task {
            defer { continuation.finish() }
            try await self.audit(.configurationLoaded, details: ["digest": .text(self.currentConfiguration.digest), "file": .text(self.currentConfiguration.file)])
            try await group.run()
            try await self.shutdownClients()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw ServiceStartError("the HTTP server stopped before binding")
        }
        return RunningService(port: port, group: group, task: task)
    }

    private func serve(handlesSignals: Bool, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        try await audit(.configurationLoaded, details: ["digest": .text(currentConfiguration.digest), "file": .text(currentConfiguration.file)])
        let group = try makeGroup(handlesSignals: handlesSignals, onRunning: onRunning)
        do {
            try await group.run()
        } catch {
            try? await shutdownClients()
            throw error
        }
        try await shutdownClients()
    }

    private func shutdownClients() async throws {
        try? await erp.shutdown()
        try? await httpClient.shutdown()
    }

    /// Re-reads the configuration file, checks it whole, and swaps it in; a broken one is
    /// refused (audited, logged) and the running one stays. Store and HTTP listener changes
    /// need a restart and are refused here.
    public func reload() async -> Result<ServiceConfiguration, ServiceStartError> {
        let old = currentConfiguration
        do {
            let settings: ServiceConfiguration
            do { settings = try ServiceConfiguration.load(path: old.file) } catch { throw ServiceStartError("\(error)") }
            // What a reload swaps: profiles, maps, staging and the poll settings (the pipeline
            // is rebuilt). The rest is wired into running parts and needs a restart; such a
            // file is refused, so the trail never says a configuration ran that did not.
            var restartOnly: [String] = []
            if settings.store != old.store { restartOnly.append("store") }
            if settings.http != old.http { restartOnly.append("http") }
            if settings.erp != old.erp { restartOnly.append("erp") }
            if settings.tokens != old.tokens { restartOnly.append("tokens") }
            if settings.alerts != old.alerts { restartOnly.append("alerts") }
            if settings.drop != old.drop { restartOnly.append("drop") }
            guard restartOnly.isEmpty else {
                throw ServiceStartError("\(restartOnly.joined(separator: ", ")) changed: that takes effect at a restart; not reloaded")
            }
            let loaded = try LoadedConfiguration.load(settings)
            configuration.replace(loaded)
            poller.restart()
            try? await audit(.configurationLoaded, details: ["digest": .text(settings.digest), "file": .text(settings.file), "reload": .flag(true),
                                                            "partners": .integer(Int64(loaded.partners.profiles.count))])
            logger.notice("configuration reloaded", metadata: ["digest": "\(settings.digest)"])
            return .success(settings)
        } catch let error as ServiceStartError {
            try? await audit(.configurationRefused, details: ["reason": .text(error.description), "file": .text(old.file), "running": .text(old.digest)])
            logger.error("configuration reload refused; the running configuration stays", metadata: ["reason": "\(error.description)"])
            return .failure(error)
        } catch {
            return .failure(ServiceStartError("\(error)"))
        }
    }

    private func audit(_ kind: AuditEventKind, details: [String: AuditValue]) async throws {
        try await store.audit.append(AuditEvent(partner: nil, document: nil, kind: kind, details: details), at: now())
    }

    func windows() -> [String: AcknowledgmentWindows] {
        configuration.current.partners.profiles.mapValues {
            AcknowledgmentWindows(expectWithinMinutes: $0.acknowledgments.expectWithinMinutes, sendWithinMinutes: $0.acknowledgments.sendWithinMinutes)
        }
    }

    private func makeGroup(handlesSignals: Bool, onRunning: @escaping @Sendable (Int) async -> Void) throws -> ServiceGroup {
        let settings = currentConfiguration
        let poller = self.poller
        let shipTos = self.shipTos
        let console = ConsoleServer(store: store, configuration: .init(host: settings.http.host, port: settings.http.port), now: now,
                                    lastSuccessfulPolls: { poller.lastSuccessfulPolls() },
                                    shipToApproved: { Task { await shipTos.applyApproved() } })
        let configuration = self.configuration
        let api = GatewayHTTPAPI(store: store, events: events, items: items, tokens: tokens, allowedHosts: settings.http.allowedHosts.map { $0.lowercased() },
                                 metrics: metrics, console: console, windows: { [self] in self.windows() }, now: now,
                                 secure: settings.http.tls != nil)
        let server: HTTPServerBuilder
        if let tls = settings.http.tls {
            var configuration: TLSConfiguration
            do {
                configuration = TLSConfiguration.makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMFile(tls.certificate).map { .certificate($0) },
                    privateKey: .privateKey(try NIOSSLPrivateKey(file: tls.key, format: .pem)))
            } catch {
                throw ServiceStartError("http.tls: \(tls.certificate), \(tls.key): \(error)")
            }
            // A client that drops without close_notify must not hold a graceful stop for 5 s.
            configuration.shutdownTimeout = .seconds(1)
            server = try .tls(.http1(), tlsConfiguration: configuration)
        } else {
            server = .http1()
        }
        let app = Application(router: api.router(logger: logger), server: server,
                              configuration: .init(address: .hostname(settings.http.host, port: settings.http.port), serverName: "edigate"),
                              onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) }, logger: logger)
        let monitor = AcknowledgmentMonitor(store: store, partners: { configuration.current.partners }, metrics: metrics, logger: logger, now: now)
        let delivery = AlertDelivery(store: store, webhooks: settings.alerts.webhooks, client: httpClient, logger: logger, now: now)
        var services: [any Service] = [
            app,
            poller,
            PeriodicService(name: "acknowledgment monitor", interval: .milliseconds(Int64(settings.alerts.checkIntervalSeconds * 1000)), logger: logger) {
                _ = try await monitor.check()
                try await delivery.deliverDue()
            },
        ]
        // Approved ship-to changes the ERP could not take yet are tried again.
        services.append(PeriodicService(name: "ship-to changes", interval: .seconds(30), logger: logger) { await shipTos.applyApproved() })
        let items = self.items
        if ItemDocumentService.anyScheduled(configuration.current.partners) {
            services.append(PeriodicService(name: "846/832 schedule", interval: .seconds(60), logger: logger) { await items.sendDue() })
        }
        if let drop = settings.drop {
            let folder = DropFolder(root: drop, events: events, logger: logger)
            services.append(PeriodicService(name: "drop folder", interval: .seconds(2), logger: logger) { try await folder.scan() })
        }
        var groupConfiguration = ServiceGroupConfiguration(services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }, logger: logger)
        if handlesSignals { groupConfiguration.gracefulShutdownSignals = [.sigterm, .sigint] }
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(60)
        return ServiceGroup(configuration: groupConfiguration)
    }
}

/// A service started in-process.
public struct RunningService: Sendable {
    public let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    /// Graceful shutdown (as on SIGTERM), then waits for every service to end.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}

/// SIGHUP, for a reload; other signals are ServiceGroup's.
final class ReloadSignal: @unchecked Sendable {
    private let source: DispatchSourceSignal

    init(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGHUP, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
    }

    func cancel() {
        source.cancel()
    }
}
