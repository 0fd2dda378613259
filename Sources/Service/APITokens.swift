import Crypto
import Foundation
import Secrets

/// The API tokens of the configuration, resolved once and kept only as SHA-256 hashes, so a
/// memory dump or a log line never holds a usable token.
struct APITokens: Sendable {
    struct Entry: Sendable {
        let name: String
        let role: ServiceConfiguration.Token.Role
        let hash: [UInt8]
    }

    let entries: [Entry]

    init(_ tokens: [ServiceConfiguration.Token], environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        entries = try tokens.map { token in
            let secret: String
            do { secret = try token.secret.resolve(environment: environment) } catch {
                throw ServiceStartError("token \(token.name): \(error)")
            }
            guard secret.utf8.count >= 16 else { throw ServiceStartError("token \(token.name): at least 16 characters") }
            return Entry(name: token.name, role: token.role, hash: Array(SHA256.hash(data: Data(secret.utf8))))
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The token presented as `Authorization: Bearer …`, if it is one of ours. Compared by
    /// hash in constant time over all entries.
    func caller(bearer header: String?) -> Entry? {
        guard let header, header.hasPrefix("Bearer ") else { return nil }
        let presented = Array(SHA256.hash(data: Data(header.dropFirst(7).utf8)))
        var found: Entry?
        for entry in entries {
            var difference: UInt8 = 0
            for (a, b) in zip(entry.hash, presented) { difference |= a ^ b }
            if difference == 0 { found = entry }
        }
        return found
    }
}
