import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Store

/// The ops console: a JSON API over the gateway's store and one HTML page that uses it.
/// `edigate console` runs it; tests start it in-process on loopback.
///
/// It binds 127.0.0.1 unless told otherwise and has no log-in: it shows partners' documents
/// and can send files back for processing, so it is for the gateway host (or a tunnel to it).
public final class ConsoleServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port; `start` and `run`'s `onRunning` report the bound one.
        public var port: Int
        /// A sent group still awaiting its 997/999 this long after sending is overdue.
        public var acknowledgmentWindowMinutes: Int
        public var logLevel: Logger.Level

        public init(host: String = "127.0.0.1", port: Int = 0, acknowledgmentWindowMinutes: Int = 1440, logLevel: Logger.Level = .warning) {
            self.host = host
            self.port = port
            self.acknowledgmentWindowMinutes = acknowledgmentWindowMinutes
            self.logLevel = logLevel
        }
    }

    /// The header a retry must carry. A browser sends a cross-site form POST without asking,
    /// but not one with a custom header (that needs a CORS preflight, which this server never
    /// grants), so another web page open on the ops machine cannot retry files.
    public static let requestHeader = "X-EDIGate-Console"

    public let store: GatewayStore
    public let configuration: Configuration
    let api: ConsoleAPI

    /// `now` is the clock overdue acknowledgments are measured against.
    /// `lastSuccessfulPolls`: when each partner's folder was last listed, from the service's poller.
    /// `shipToApproved`: called (without waiting on the ERP) after a person approved a ship-to change.
    public init(store: GatewayStore, configuration: Configuration = Configuration(), now: @escaping @Sendable () -> Date = { Date() },
                lastSuccessfulPolls: @escaping @Sendable () -> [String: Date] = { [:] }, shipToApproved: (@Sendable () async -> Void)? = nil) {
        self.store = store
        self.configuration = configuration
        var api = ConsoleAPI(store: store, acknowledgmentWindowSeconds: Int64(configuration.acknowledgmentWindowMinutes) * 60, now: now)
        api.lastSuccessfulPolls = lastSuccessfulPolls
        api.shipToApproved = shipToApproved
        self.api = api
    }

    /// Serves until the process is signalled (SIGINT, SIGTERM); `onRunning` gets the bound port.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await serviceGroup(handlesSignals: true, onRunning: onRunning).run()
    }

    /// Starts in a background task and returns once the port is bound.
    public func start() async throws -> RunningConsole {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let group = serviceGroup(handlesSignals: false) { port in continuation.yield(port) }
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw ConsoleProblem(title: "Console did not start", status: 500, detail: "the server stopped before binding \(configuration.host):\(configuration.port)")
        }
        return RunningConsole(host: configuration.host, port: port, group: group, task: task)
    }

    private func serviceGroup(handlesSignals: Bool, onRunning: @escaping @Sendable (Int) async -> Void) -> ServiceGroup {
        var logger = Logger(label: "edigate.console")
        logger.logLevel = configuration.logLevel
        let app = Application(
            router: makeRouter(logger: logger),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "edigate-console"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        // In-process (tests) the host process owns the signals.
        if handlesSignals {
            return ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        }
        return ServiceGroup(configuration: .init(services: [app], logger: logger))
    }

    func makeRouter(logger: Logger) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ProblemResponseMiddleware(logger: logger))
        registerRoutes(on: router)
        return router
    }

    /// The console's page and JSON API on another server's router (`edigate serve` runs one
    /// HTTP server for the API and the console).
    public func registerRoutes(on router: Router<BasicRequestContext>) {
        let api = self.api
        router.get("/") { _, _ in ConsoleResponse.html(ConsolePage.html) }
        router.get("/console.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: ConsolePage.script)))
        }
        router.get("/document") { _, _ in ConsoleResponse.html(DocumentPage.html) }
        router.get("/document.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: DocumentPage.script)))
        }
        router.get("/api/summary") { _, _ in try ConsoleResponse.json(try await api.summary()) }
        router.get("/api/partners") { _, _ in try ConsoleResponse.json(try await api.partners()) }
        router.get("/api/inbound") { request, _ in try ConsoleResponse.json(try await api.inboundFiles(ConsoleQuery(request))) }
        router.get("/api/inbound/:id") { _, context in
            try ConsoleResponse.json(try await api.inboundFile(id: try Self.inboundID(context)))
        }
        router.get("/api/inbound/:id/content") { _, context in
            ConsoleResponse.interchange(try await api.inboundContents(id: try Self.inboundID(context)))
        }
        router.post("/api/inbound/:id/retry") { request, context in
            try Self.requireMarker(request, for: "a retry")
            return try ConsoleResponse.json(try await api.retry(id: try Self.inboundID(context)))
        }
        router.get("/api/outbound") { request, _ in try ConsoleResponse.json(try await api.outboundDocuments(ConsoleQuery(request))) }
        router.get("/api/outbound/:id/content") { _, context in
            let text = context.parameters.get("id") ?? ""
            guard let id = Int64(text) else { throw ConsoleProblem.notFound("no outbound document with id \(text)") }
            return ConsoleResponse.interchange(try await api.outboundContents(id: id))
        }
        router.post("/api/outbound/:id/replay") { request, context in
            try Self.requireMarker(request, for: "a replay")
            let text = context.parameters.get("id") ?? ""
            guard let id = Int64(text) else { throw ConsoleProblem.notFound("no outbound document with id \(text)") }
            return try ConsoleResponse.json(try await api.replay(id: id))
        }
        router.get("/api/acknowledgments") { request, _ in try ConsoleResponse.json(try await api.acknowledgments(ConsoleQuery(request))) }
        router.get("/api/audit") { request, _ in try ConsoleResponse.json(try await api.auditEntries(ConsoleQuery(request))) }
        router.get("/api/audit/verify") { _, _ in try ConsoleResponse.json(try await api.verifyAudit()) }
        router.get("/api/invoices") { request, _ in
            let query = ConsoleQuery(request)
            let report = try await api.invoices(query)
            guard query.text("format") == "csv" else { return try ConsoleResponse.json(report) }
            // A download, never rendered: finance opens it in a spreadsheet.
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"invoice-audit.csv\"",
                                                   .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: report.csv())))
        }
        router.get("/api/ship-to-changes") { request, _ in try ConsoleResponse.json(try await api.shipToChanges(ConsoleQuery(request))) }
        for (action, approve) in [("approve", true), ("reject", false)] {
            router.post("/api/ship-to-changes/:id/\(action)") { request, context in
                try Self.requireMarker(request, for: "a decision")
                let text = context.parameters.get("id") ?? ""
                guard let id = Int64(text) else { throw ConsoleProblem.notFound("no ship-to change with id \(text)") }
                var request = request
                let body = try await request.collectBody(upTo: 8192)
                var note: String?
                if body.readableBytes > 0 {
                    guard let decoded = try? JSONDecoder().decode([String: String].self, from: Data(buffer: body)) else {
                        throw ConsoleProblem.badRequest("the body, if any, is a JSON object with a text \"note\"")
                    }
                    note = decoded["note"].flatMap { $0.isEmpty ? nil : String($0.prefix(500)) }
                }
                return try ConsoleResponse.json(try await api.decideShipToChange(id: id, approve: approve, note: note))
            }
        }
        router.get("/api/trace/:po") { request, context in
            let po = context.parameters.get("po").flatMap { $0.removingPercentEncoding } ?? ""
            return try ConsoleResponse.json(try await api.trace(poNumber: po, partner: ConsoleQuery(request).text("partner")))
        }
    }

    /// Every change the console makes must carry its marker header (see `requestHeader`).
    private static func requireMarker(_ request: Request, for action: String) throws(ConsoleProblem) {
        let marker = requestHeader.lowercased()
        guard request.headers.contains(where: { $0.name.canonicalName == marker }) else {
            throw ConsoleProblem(title: "Forbidden", status: 403, detail: "\(action) must carry the \(requestHeader) header")
        }
    }

    /// An id that is not a number names no file: 404, like an unknown number.
    private static func inboundID(_ context: BasicRequestContext) throws(ConsoleProblem) -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text) else { throw .notFound("no inbound file with id \(text)") }
        return id
    }
}
