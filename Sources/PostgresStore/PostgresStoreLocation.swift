import Foundation
import Secrets

/// Where a PostgreSQL store is: `postgres://USER@HOST:PORT/DATABASE?password=env:NAME`.
///
/// The password is given by reference (`env:NAME` or `file:PATH`, as every secret of the
/// gateway), never inside the URL: a URL is printed in logs, `edigate status` and errors.
/// Without `password=` the server must not ask for one (trust or peer authentication).
public struct PostgresStoreLocation: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let username: String
    public let database: String
    public let password: SecretReference?
    /// Connections (and threads running transactions) this process opens at most.
    public let connections: Int

    public init(host: String, port: Int = 5432, username: String, database: String, password: SecretReference? = nil, connections: Int = 8) {
        self.host = host
        self.port = port
        self.username = username
        self.database = database
        self.password = password
        self.connections = connections
    }

    /// True for a location this module opens (`postgres://` or `postgresql://`).
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    public init(parsing text: String) throws(PostgresStoreError) {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw .badLocation(text, reason: "expected postgres://USER@HOST:PORT/DATABASE?password=env:NAME")
        }
        guard components.password == nil else {
            throw .badLocation(Self.redacted(text), reason: "a password inside the URL; give it by reference: ?password=env:NAME or ?password=file:PATH")
        }
        guard let host = components.host, !host.isEmpty else { throw .badLocation(text, reason: "no host") }
        guard let user = components.user, !user.isEmpty else { throw .badLocation(text, reason: "no user (postgres://USER@HOST/DATABASE)") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw .badLocation(text, reason: "no database name after the host") }
        var password: SecretReference?
        var connections = 8
        for item in components.queryItems ?? [] {
            switch item.name {
            case "password":
                do { password = try SecretReference(parsing: item.value ?? "") } catch {
                    // Not a reference, so perhaps the password itself: never repeated.
                    throw .badLocation(Self.redacted(text), reason: "password must be env:NAME or file:PATH, a reference, never the password itself")
                }
            case "connections":
                guard let value = item.value.flatMap(Int.init), (1...64).contains(value) else {
                    throw .badLocation(text, reason: "connections must be a number from 1 to 64")
                }
                connections = value
            default:
                throw .badLocation(text, reason: "unknown parameter '\(item.name)' (known: password, connections)")
            }
        }
        self.init(host: host, port: components.port ?? 5432, username: user, database: database, password: password, connections: connections)
    }

    /// The URL without anything secret (there is nothing secret in it: the password is a reference).
    public var description: String {
        var text = "postgres://\(username)@\(host):\(port)/\(database)"
        if let password { text += "?password=\(password)" }
        return text
    }

    /// The URL with a password in it (inline, or as a `password=` that is not a reference) masked.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "postgres://…" }
        if components.password != nil { components.password = "***" }
        components.queryItems = components.queryItems?.map { item in
            guard item.name == "password", (try? SecretReference(parsing: item.value ?? "")) == nil else { return item }
            return URLQueryItem(name: "password", value: "***")
        }
        return components.string ?? "postgres://…"
    }
}
