import ArgumentParser
import Partners
import Documents
import ERP
import ERPService
import Foundation
import Secrets

struct ERPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erp",
        abstract: "The reference ERP: serve the ERP contract from SQLite, seed demo data, benchmark validation.",
        discussion: """
        The gateway validates orders against any service that implements docs/erp-api.yaml.
        This reference implementation serves it from a SQLite file so the demo and the tests
        run against real HTTP; a distributor points the gateway at its own ERP instead.
        """,
        subcommands: [Serve.self, Seed.self, Validate.self, Bench.self]
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

extension ERPCommand {
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate canonical purchase-order JSON files against an ERP and print the 855 decision.",
            discussion: """
            Prints one JSON object per file: {"file":…,"outcome":"decided","acknowledgment":{…},
            "erpOrderNumber":…} or {"file":…,"outcome":"held","reason":…}. Exits 2 when any order
            was held (the ERP could not answer, or a person must review it).
            """
        )

        @Option(help: "ERP base URL, e.g. http://127.0.0.1:8085.")
        var url: String

        @Option(help: "ERP sold-to customer number of the partner (or take it from --profile).")
        var customer: String?

        @Option(help: "Partner id (with the PO number, the ERP's idempotency key; or take it from --profile).")
        var partner: String?

        @Option(help: "Partner profile id: customer, ship-to mapping and validation policy from Partners/<id>.yaml.")
        var profile: String?

        @OptionGroup var profiles: ProfileOptions

        @Option(help: "OAuth2 token URL.")
        var tokenUrl: String?

        @Option(help: "OAuth2 client id.")
        var clientId: String?

        @Option(help: "OAuth2 client secret reference: env:NAME or file:PATH.")
        var clientSecret: String?

        @Option(help: "ValidationPolicy as a JSON file (defaults for anything not given).")
        var policy: String?

        @Flag(help: "Enter accepted orders in the ERP (PUT /v1/orders/…), not only validate.")
        var enter = false

        @Argument(help: "PurchaseOrder JSON files.")
        var files: [String]

        func run() async throws {
            var connection = ERPConnection(baseURL: url, tokenURL: tokenUrl, clientId: clientId)
            if let clientSecret { connection.clientSecret = try SecretReference(parsing: clientSecret) }
            var rules = ValidationPolicy()
            var account: PartnerAccount
            var partnerProfile: PartnerProfile?
            if let profile {
                guard let found = try PartnerDirectory(directory: profiles.partners).profile(id: profile) else {
                    throw ValidationError("no partner profile \(profile) in \(profiles.partners)/")
                }
                partnerProfile = found
                rules = found.erpPolicy
                account = found.erpAccount
                if let customer { account.customerId = customer }
                if let partner { account.partnerId = partner }
            } else {
                guard let customer, let partner else { throw ValidationError("give --profile, or both --customer and --partner") }
                account = PartnerAccount(partnerId: partner, customerId: customer)
            }
            if let policy { rules = try JSONDecoder().decode(ValidationPolicy.self, from: Data(contentsOf: URL(fileURLWithPath: policy))) }
            let client = try HTTPERPClient(connection: connection)
            let validator = OrderValidator(client: client)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var anyHeld = false
            do {
                for file in files {
                    // One PurchaseOrder, or the array `edigate translate` prints.
                    let data = try Data(contentsOf: URL(fileURLWithPath: file))
                    let decodedOrders: [PurchaseOrder]
                    if let list = try? JSONDecoder().decode([PurchaseOrder].self, from: data) {
                        decodedOrders = list
                    } else {
                        decodedOrders = [try JSONDecoder().decode(PurchaseOrder.self, from: data)]
                    }
                    for decoded in decodedOrders {
                        let order = partnerProfile?.erpOrder(decoded) ?? decoded
                        let outcome = enter ? await validator.process(order, account: account, policy: rules) : await validator.validate(order, account: account, policy: rules)
                        let report: ValidationReport
                        switch outcome {
                        case .decided(let decided):
                            // The partner gets its own ship-to code back, not the ERP's id.
                            var acknowledgment = decided.acknowledgment
                            if acknowledgment.shipTo != nil { acknowledgment.shipTo?.id = decoded.shipTo?.id }
                            report = ValidationReport(file: file, outcome: "decided", acknowledgment: acknowledgment, erpOrderNumber: decided.erpOrderNumber, reason: nil)
                        case .held(let reason):
                            anyHeld = true
                            report = ValidationReport(file: file, outcome: "held", acknowledgment: nil, erpOrderNumber: nil, reason: reason.description)
                        }
                        StandardStreams.writeOut(Array(try encoder.encode(report)) + [UInt8(ascii: "\n")])
                    }
                }
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
            if anyHeld { throw ExitCode(2) }
        }
    }

    struct ValidationReport: Encodable {
        var file: String
        var outcome: String
        var acknowledgment: OrderAcknowledgment?
        var erpOrderNumber: String?
        var reason: String?
    }
}
