import ArgumentParser
import Foundation
import Gateway
import PostgresStore
import Store

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check, read and anchor the gateway's hash-chained audit trail.",
        discussion: """
        The database is opened read-only: every command works on a copy handed to finance and
        never changes it. See docs/gateway-store.md for the chain and how to check a row by hand,
        docs/audit-anchoring.md for anchors. Exit status: 0 ok, 1 the chain (or an anchor) is
        broken, 2 the database, key or anchor file cannot be read.
        """,
        subcommands: [Verify.self, List.self, Anchor.self, AuditInvoicesCommand.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute every hash; name the first entry that does not hold.")

        @Option(help: "The gateway's SQLite file.")
        var db: String

        @Option(help: ArgumentHelp(
            "SEQUENCE:HASH noted from an earlier verify, or an anchor file from `edigate audit anchor`: proves nothing up to it was rewritten or cut off.",
            valueName: "SEQUENCE:HASH|FILE"))
        var anchor: String?

        @Option(help: "With --anchor FILE: the key the anchor was made with, by reference (env:NAME or file:PATH).")
        var key: String?

        func validate() throws {
            if key != nil, anchor == nil { throw ValidationError("--key is used with --anchor FILE only") }
        }

        func run() async throws {
            var parsedAnchor: (sequence: Int64, hash: String)?
            var anchorFile: String?
            if let anchor {
                if FileManager.default.fileExists(atPath: anchor) {
                    parsedAnchor = try AuditCommand.checkedAnchorFile(anchor, key: key).head
                    anchorFile = anchor
                } else {
                    let parts = anchor.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, let sequence = Int64(parts[0]) else {
                        if anchor.contains("/") || anchor.hasSuffix(".json") {
                            StandardStreams.writeErr("edigate audit verify: --anchor \(anchor): no such file")
                            throw ExitCode(2)
                        }
                        throw ValidationError("--anchor takes SEQUENCE:HASH, e.g. 42:9f86d0…, or the path of an anchor file")
                    }
                    guard key == nil else { throw ValidationError("--key is used with an anchor file, not with SEQUENCE:HASH") }
                    parsedAnchor = (sequence, String(parts[1]).lowercased())
                }
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
                if let anchorFile, let parsedAnchor {
                    StandardStreams.writeOut(Array("anchor \(anchorFile): sequence \(parsedAnchor.sequence) matches\n".utf8))
                }
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
            return try GatewayStore.openExisting(location: path).audit
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
