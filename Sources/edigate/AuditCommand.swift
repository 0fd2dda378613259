import ArgumentParser
import Foundation
import Gateway

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check and read the gateway's hash-chained audit trail.",
        discussion: """
        The database is opened read-only: both commands work on a copy handed to finance and
        never change it. See docs/gateway-store.md for the chain and how to check a row by hand.
        Exit status: 0 ok, 1 the chain is broken, 2 the database cannot be read.
        """,
        subcommands: [Verify.self, List.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute every hash; name the first entry that does not hold.")

        @Option(help: "The gateway's SQLite file.")
        var db: String

        @Option(help: "SEQUENCE:HASH noted from an earlier verify: proves nothing up to it was rewritten or cut off.")
        var anchor: String?

        func run() async throws {
            var parsedAnchor: (sequence: Int64, hash: String)?
            if let anchor {
                let parts = anchor.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, let sequence = Int64(parts[0]) else {
                    throw ValidationError("--anchor takes SEQUENCE:HASH, e.g. 42:9f86d0…")
                }
                parsedAnchor = (sequence, String(parts[1]).lowercased())
            }
            let trail = try AuditCommand.openTrail(db)
            let result: AuditVerification
            do {
                result = try await trail.verify(anchor: parsedAnchor)
            } catch {
                StandardStreams.writeErr("edigate audit verify: \(db): \(error)")
                throw ExitCode(2)
            }
            switch result {
            case .intact(let entries, let head):
                StandardStreams.writeOut(Array("ok: \(entries) entries, head \(entries):\(head)\n".utf8))
            case .broken(let sequence, let problem):
                StandardStreams.writeOut(Array("broken at sequence \(sequence): \(problem)\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print entries as JSON lines, oldest first.")

        @Option(help: "The gateway's SQLite file.")
        var db: String

        @Option(help: "Only entries of this partner profile ID.")
        var partner: String?

        @Option(help: "Only the latest N entries (still printed oldest first).")
        var limit: Int?

        func run() async throws {
            if let limit, limit < 0 { throw ValidationError("--limit must be zero or more") }
            let trail = try AuditCommand.openTrail(db)
            let entries: [AuditEntry]
            do {
                entries = try await trail.entries(partner: partner, latest: limit)
            } catch {
                StandardStreams.writeErr("edigate audit list: \(db): \(error)")
                throw ExitCode(2)
            }
            var out = [UInt8]()
            for entry in entries {
                out += AuditCommand.jsonLine(entry)
                out.append(0x0A)
            }
            StandardStreams.writeOut(out)
        }
    }

    static func openTrail(_ path: String) throws -> AuditTrail {
        do {
            return AuditTrail(database: try GatewayDatabase.openReadOnly(path: path))
        } catch {
            StandardStreams.writeErr("edigate audit: \(error)")
            throw ExitCode(2)
        }
    }

    /// One entry as a JSON object; `details` is embedded as the JSON it is, not as a string,
    /// so `jq .details.name` works. The stored text stays authoritative for the hash.
    static func jsonLine(_ entry: AuditEntry) -> [UInt8] {
        let details = (try? JSONSerialization.jsonObject(with: Data(entry.details.utf8), options: [.fragmentsAllowed])) ?? entry.details
        let object: [String: Any] = [
            "sequence": entry.sequence, "recordedAt": entry.recordedAt, "partner": entry.partner, "document": entry.document,
            "event": entry.event, "details": details, "previousHash": entry.previousHash, "hash": entry.hash,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Array(data)
    }
}
