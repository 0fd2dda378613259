import ERP
import Foundation
import Gateway
import PostgresStore
import Secrets
import Store
import Yams

/// What `edigate serve --config FILE` runs: one YAML file (README, `gateway.example.yaml`).
/// Read once at start-up and again on SIGHUP; a file that does not check out is refused whole,
/// with the file and line of the first problem.
public struct ServiceConfiguration: Sendable, Hashable {
    public struct HTTP: Sendable, Hashable {
        /// 127.0.0.1 unless told otherwise: the API takes ERP events and the console shows
        /// partners' documents.
        public var host: String = "127.0.0.1"
        public var port: Int = 8090
        /// Host header values the server answers to (DNS rebinding); empty: any.
        public var allowedHosts: [String] = []
        /// HTTPS with this certificate chain and key (PEM files); nil: plain HTTP.
        public var tls: TLSFiles?
    }

    public struct TLSFiles: Sendable, Hashable {
        public var certificate: String
        public var key: String
    }

    /// An API token: its name (audited with every call it makes), role, and the secret by reference.
    public struct Token: Sendable, Hashable {
        public enum Role: String, Sendable, Hashable, CaseIterable { case erp, ops, finance, admin }
        public var name: String
        public var role: Role
        public var secret: SecretReference
    }

    public struct Poll: Sendable, Hashable {
        /// Partners polled at once.
        public var partnerConcurrency: Int = 4
        /// Files of one partner processed at once (a PO's files still one after another).
        public var fileConcurrency: Int = 4
        /// Seconds one partner's poll may go on claiming files.
        public var budgetSeconds: Double = 300
        /// Seconds a claimed file stays leased without renewal.
        public var leaseSeconds: Double = 60
        /// Seconds between polls of every partner; nil: each profile's `pollIntervalSeconds`.
        public var intervalSeconds: Double?
        /// Below this many MB free on the store's (or staging folder's) disk, no new file is taken.
        public var minimumFreeMB = Double(GatewayPipeline.defaultMinimumFreeBytes >> 20)
    }

    public struct Alerts: Sendable, Hashable {
        /// JSON POST targets for acknowledgment alerts; retried, never blocking the pipeline.
        public var webhooks: [String] = []
        /// How often overdue acknowledgments are looked for.
        public var checkIntervalSeconds: Double = 60
    }

    /// The file this came from; relative paths in it are relative to its folder.
    public var file: String
    /// The gateway's SQLite file.
    public var store: String
    public var partners: String
    public var maps: String
    /// Whether the file names `maps`: then the folder must exist at start-up (a typo would
    /// silently drop every partner's overrides); the default `Maps` is optional.
    public var mapsNamed = false
    /// Private folder for downloads; default `<store>.staging`.
    public var staging: String?
    public var erp: ERPConnection
    public var http = HTTP()
    public var tokens: [Token] = []
    public var poll = Poll()
    public var alerts = Alerts()
    /// ERP export drop folder (`<drop>/<partner>/shipments/*.json`, `…/invoices/*.json`).
    public var drop: String?
    /// SHA-256 of the file's bytes: audited with each (re)load, so the trail says which
    /// configuration decided what.
    public var digest: String

    static let keys: [String: Set<String>] = [
        "": ["store", "partners", "maps", "staging", "erp", "http", "tokens", "poll", "alerts", "drop"],
        "http": ["host", "port", "allowedHosts", "tls"],
        "http.tls": ["certificate", "key"],
        "tokens[]": ["name", "role", "token"],
        "poll": ["partnerConcurrency", "fileConcurrency", "budgetSeconds", "leaseSeconds", "intervalSeconds", "minimumFreeMB"],
        "alerts": ["webhooks", "checkIntervalSeconds"],
    ]

    public static func load(path: String) throws(ServiceConfigurationError) -> ServiceConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServiceConfigurationError(file: path, line: 0, field: nil, message: "cannot read: no such file or not readable")
        }
        return try parse(text: String(decoding: data, as: UTF8.self), file: path)
    }

    /// Decodes and checks `text`; the ERP block is read by the ERP module's own loader, so it
    /// is the same block `gateway poll --erp-config` takes.
    public static func parse(text: String, file: String) throws(ServiceConfigurationError) -> ServiceConfiguration {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw ServiceConfigurationError(file: file, line: 1, field: nil, message: "empty file") }
            root = node
        } catch let error as ServiceConfigurationError {
            throw error
        } catch {
            throw ServiceConfigurationError(file: file, line: 0, field: nil, message: "not YAML: \(error)")
        }
        guard case .mapping(let top) = root else { throw ServiceConfigurationError(file: file, line: 1, field: nil, message: "expected a mapping (store, partners, maps, erp, …)") }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        func fail(_ node: Node?, _ field: String, _ message: String) -> ServiceConfigurationError {
            ServiceConfigurationError(file: file, line: (node?.mark?.line ?? 0), field: field, message: message)
        }
        func check(_ mapping: Node.Mapping, _ path: String, _ label: String) throws(ServiceConfigurationError) {
            for (key, _) in mapping {
                let name = key.string ?? ""
                guard Self.keys[path]?.contains(name) ?? false else {
                    throw fail(key, label.isEmpty ? name : "\(label).\(name)", "unknown key (expected one of: \((Self.keys[path] ?? []).sorted().joined(separator: ", ")))")
                }
            }
        }
        func string(_ mapping: Node.Mapping, _ key: String, _ label: String) throws(ServiceConfigurationError) -> String? {
            guard let node = mapping[key] else { return nil }
            guard let value = node.string, node.scalar != nil else { throw fail(node, label, "expected a single value") }
            return value
        }
        func number(_ mapping: Node.Mapping, _ key: String, _ label: String, allowZero: Bool = false) throws(ServiceConfigurationError) -> Double? {
            guard let text = try string(mapping, key, label) else { return nil }
            guard let value = Double(text), value.isFinite, value > 0 || (allowZero && value == 0) else {
                throw fail(mapping[key], label, allowZero ? "'\(text)' must be a number, 0 or more" : "'\(text)' must be a positive number")
            }
            return value
        }
        func path(_ text: String) -> String {
            text.hasPrefix("/") ? text : base.appendingPathComponent(text).standardizedFileURL.path
        }
        try check(top, "", "")
        guard let store = try string(top, "store", "store") else {
            throw fail(root, "store", "required: the gateway's SQLite file, or a postgres:// URL (docs/scaling.md)")
        }
        let storeIsURL = PostgresStoreLocation.isPostgres(store)
        if storeIsURL {
            do { _ = try PostgresStoreLocation(parsing: store) } catch { throw fail(top["store"], "store", error.description) }
            // Staging defaults to a folder beside a SQLite file; a server has no "beside".
            guard top["staging"] != nil else {
                throw fail(top["store"], "staging", "required with a PostgreSQL store: a private folder for downloads in progress")
            }
        } else if let scheme = store.range(of: "://").map({ store[..<$0.lowerBound].lowercased() }), !scheme.contains("/") {
            // A URL would otherwise become a SQLite file named after it, and the service would
            // run on a store nobody else shares.
            throw fail(top["store"], "store", "'\(scheme)://…' is not a store this version opens: a SQLite file path or postgres://USER@HOST:PORT/DATABASE (docs/scaling.md)")
        }
        guard let erpNode = top["erp"] else { throw fail(root, "erp", "required: the ERP connection (docs/erp.md)") }
        let erp: ERPConnection
        do { erp = try ERPConnectionFile.parse(text: text, file: file) } catch {
            throw ServiceConfigurationError(file: file, line: error.line, field: error.field, message: error.message)
        }
        _ = erpNode
        var configuration = ServiceConfiguration(file: file, store: storeIsURL ? store : path(store), partners: path(try string(top, "partners", "partners") ?? "Partners"),
                                                 maps: path(try string(top, "maps", "maps") ?? "Maps"), erp: erp,
                                                 digest: ServiceConfiguration.sha256(Array(text.utf8)))
        configuration.mapsNamed = top["maps"] != nil
        configuration.staging = try string(top, "staging", "staging").map(path)
        configuration.drop = try string(top, "drop", "drop").map(path)
        if let node = top["http"] {
            guard case .mapping(let http) = node else { throw fail(node, "http", "expected a mapping (host, port, allowedHosts)") }
            try check(http, "http", "http")
            if let host = try string(http, "host", "http.host") { configuration.http.host = host }
            if let port = try string(http, "port", "http.port") {
                guard let value = Int(port), (0...65535).contains(value) else { throw fail(http["port"], "http.port", "'\(port)' is not a port number") }
                configuration.http.port = value
            }
            if let node = http["tls"] {
                guard case .mapping(let tls) = node else { throw fail(node, "http.tls", "expected a mapping (certificate, key)") }
                try check(tls, "http.tls", "http.tls")
                guard let certificate = try string(tls, "certificate", "http.tls.certificate"), let key = try string(tls, "key", "http.tls.key") else {
                    throw fail(node, "http.tls", "needs certificate and key (PEM files)")
                }
                configuration.http.tls = TLSFiles(certificate: path(certificate), key: path(key))
            }
            if let hosts = http["allowedHosts"] {
                guard case .sequence(let items) = hosts else { throw fail(hosts, "http.allowedHosts", "expected a list of host names") }
                configuration.http.allowedHosts = items.compactMap(\.string)
            }
        }
        if let node = top["tokens"] {
            guard case .sequence(let items) = node else { throw fail(node, "tokens", "expected a list of {name, role, token}") }
            for (index, item) in items.enumerated() {
                let label = "tokens[\(index)]"
                guard case .mapping(let token) = item else { throw fail(item, label, "expected {name, role, token}") }
                try check(token, "tokens[]", label)
                guard let name = try string(token, "name", "\(label).name"), !name.isEmpty else { throw fail(item, "\(label).name", "required") }
                guard let roleText = try string(token, "role", "\(label).role"), let role = Token.Role(rawValue: roleText) else {
                    throw fail(token["role"] ?? item, "\(label).role", "required: one of \(Token.Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard let secretText = try string(token, "token", "\(label).token") else { throw fail(item, "\(label).token", "required: env:NAME or file:PATH") }
                let secret: SecretReference
                do { secret = try SecretReference(parsing: secretText) } catch {
                    throw fail(token["token"], "\(label).token", "must be a reference (env:NAME or file:PATH), never the token itself")
                }
                if configuration.tokens.contains(where: { $0.name == name }) { throw fail(item, "\(label).name", "'\(name)' is used twice") }
                configuration.tokens.append(Token(name: name, role: role, secret: secret))
            }
        }
        if let node = top["poll"] {
            guard case .mapping(let poll) = node else { throw fail(node, "poll", "expected a mapping") }
            try check(poll, "poll", "poll")
            if let value = try number(poll, "partnerConcurrency", "poll.partnerConcurrency") { configuration.poll.partnerConcurrency = Int(value) }
            if let value = try number(poll, "fileConcurrency", "poll.fileConcurrency") { configuration.poll.fileConcurrency = max(1, Int(value)) }
            if let value = try number(poll, "budgetSeconds", "poll.budgetSeconds") { configuration.poll.budgetSeconds = value }
            if let value = try number(poll, "leaseSeconds", "poll.leaseSeconds") { configuration.poll.leaseSeconds = value }
            configuration.poll.intervalSeconds = try number(poll, "intervalSeconds", "poll.intervalSeconds")
            if let value = try number(poll, "minimumFreeMB", "poll.minimumFreeMB", allowZero: true) { configuration.poll.minimumFreeMB = value }
        }
        if let node = top["alerts"] {
            guard case .mapping(let alerts) = node else { throw fail(node, "alerts", "expected a mapping (webhooks, checkIntervalSeconds)") }
            try check(alerts, "alerts", "alerts")
            if let hooks = alerts["webhooks"] {
                guard case .sequence(let items) = hooks else { throw fail(hooks, "alerts.webhooks", "expected a list of URLs") }
                for item in items {
                    guard let url = item.string, let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                        throw fail(item, "alerts.webhooks", "'\(item.string ?? "")' is not an http(s) URL")
                    }
                    configuration.alerts.webhooks.append(url)
                }
            }
            if let value = try number(alerts, "checkIntervalSeconds", "alerts.checkIntervalSeconds") { configuration.alerts.checkIntervalSeconds = value }
        }
        return configuration
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        // The store's digest helper, without depending on its module for one function.
        ContentDigest.sha256(bytes)
    }
}

/// Why a service configuration was refused: file, line, field.
public struct ServiceConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let field: String?
    public let message: String

    public var description: String {
        "\(file):\(line): \(field.map { "\($0): " } ?? "")\(message)"
    }
}
