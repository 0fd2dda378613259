import ArgumentParser
import ERP
import ERPService
import Foundation

struct ERPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erp",
        abstract: "The reference ERP: serve the ERP contract from SQLite, seed demo data, benchmark validation.",
        discussion: """
        The gateway validates orders against any service that implements docs/erp-api.yaml.
        This reference implementation serves it from a SQLite file so the demo and the tests
        run against real HTTP; a distributor points the gateway at its own ERP instead.
        """,
        subcommands: [Serve.self, Seed.self, Bench.self]
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve the ERP contract over HTTP from a SQLite file.")

        @Option(help: "SQLite file (create one with `edigate erp seed --demo FILE`).")
        var data: String

        @Option(help: "Port to listen on (0 picks a free one and prints it).")
        var port: Int = 8085

        @Option(help: "Address to bind.")
        var host: String = "127.0.0.1"

        @Option(help: "OAuth2 client id; with --client-secret, every call needs a bearer token from POST /oauth/token.")
        var clientId: String?

        @Option(help: "Where the client secret is: env:NAME or file:PATH.")
        var clientSecret: String?

        @Option(help: "Token lifetime in seconds.")
        var tokenLifetime: Int = 3600

        @Option(help: "PEM server certificate: serve HTTPS.")
        var tlsCertificate: String?

        @Option(help: "PEM private key for --tls-certificate.")
        var tlsKey: String?

        @Option(help: "PEM CA: require client certificates it signed (mutual TLS).")
        var tlsClientCa: String?

        @Flag(help: "Enable /admin/faults (delays, failures, malformed answers) and /admin/stats. For tests only.")
        var faultInjection = false

        func run() async throws {
            guard FileManager.default.fileExists(atPath: data) else {
                throw ValidationError("\(data) does not exist; create it with `edigate erp seed --demo \(data)`")
            }
            var tokens: TokenIssuer?
            if let clientId {
                guard let clientSecret else { throw ValidationError("--client-id needs --client-secret env:NAME or file:PATH") }
                let secret = try SecretReference(parsing: clientSecret).resolve()
                tokens = TokenIssuer(clientId: clientId, clientSecret: secret, lifetime: .seconds(tokenLifetime))
            }
            var tls: ReferenceERPServer.ServerTLS?
            if let tlsCertificate {
                guard let tlsKey else { throw ValidationError("--tls-certificate needs --tls-key") }
                tls = .init(certificatePath: tlsCertificate, keyPath: tlsKey, clientCAPath: tlsClientCa)
            } else if tlsClientCa != nil {
                throw ValidationError("--tls-client-ca needs --tls-certificate and --tls-key")
            }
            let store = try ReferenceERPStore(path: data)
            let server = ReferenceERPServer(store: store, configuration: .init(host: host, port: port, tokens: tokens, faultInjectionRoutes: faultInjection, logLevel: .info, tls: tls))
            let scheme = tls == nil ? "http" : "https"
            try await server.run { port in
                StandardStreams.writeErr("edigate erp: serving \(data) on \(scheme)://\(host):\(port)")
            }
        }
    }

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a SQLite file with the reference ERP's schema and demo data.")

        @Flag(help: "Load the demo data set (customers, ship-tos, items, prices, stock) that matches the sample partners.")
        var demo = false

        @Argument(help: "SQLite file to create; must not exist.")
        var file: String

        func run() async throws {
            guard demo else { throw ValidationError("only --demo is supported: the demo data set") }
            _ = try DemoDataSeeder.createDemoDatabase(at: file)
            StandardStreams.writeErr("edigate erp: created \(file) with the demo data set")
        }
    }

    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate 20-line orders against an in-process reference ERP on loopback; print orders/s with the price cache cold and warm.")

        @Option(help: "Orders per measured pass.")
        var orders: Int = 2000

        @Option(help: "Lines per order.")
        var lines: Int = 20

        @Option(help: "Orders validated concurrently.")
        var concurrency: Int = 16

        func run() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-erp-bench-\(getpid())").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let bench = ValidationBenchmark(orders: orders, linesPerOrder: lines, concurrency: concurrency)
            _ = try await bench.run(workDirectory: directory) { line in
                StandardStreams.writeOut(Array((line + "\n").utf8))
            }
        }
    }
}
