import ArgumentParser
import Foundation
import Gateway
import Secrets
import Store

extension AuditCommand {
    /// `edigate audit anchor`: the chain's head, signed, in a folder apart from the database.
    struct Anchor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign the trail's head (sequence, hash) and write it to a folder apart from the database.",
            discussion: """
            Verifies the whole chain first: a broken chain is not anchored. Then writes \
            audit-anchor-<sequence>-<yyyyMMddTHHmmssZ>.json into --out (created exclusively, mode 0600) \
            and prints "anchored: SEQUENCE:HASH -> PATH". --out must not be the database's folder. \
            Check the trail against it later with `edigate audit verify --db FILE --anchor PATH --key REF`.

            How often to anchor and where to keep anchors: docs/audit-anchoring.md.

            Exit status: 0 anchored, 1 the chain is broken, 2 the database, key or folder cannot be \
            used, or the trail is empty.
            """
        )

        @Option(help: "The gateway's SQLite file (opened read-only).")
        var db: String

        @Option(help: "The key, by reference: env:NAME or file:PATH (never the key itself).")
        var key: String

        @Option(help: "The folder to write the anchor into: not the database's folder.")
        var out: String

        @Option(help: "hmac-sha256 (a shared secret of at least 32 bytes) or ed25519 (base64 of a 32-byte raw private key).")
        var algorithm: String = AuditAnchorAlgorithm.hmacSHA256.rawValue

        func validate() throws {
            guard AuditAnchorAlgorithm(rawValue: algorithm) != nil else {
                throw ValidationError("--algorithm takes \(AuditAnchorAlgorithm.allCases.map(\.rawValue).joined(separator: " or "))")
            }
        }

        func run() async throws {
            let command = "edigate audit anchor"
            // validate() admitted only known names.
            let anchorKey = try AuditCommand.anchorKey(key, algorithm: AuditAnchorAlgorithm(rawValue: algorithm)!, command: command)
            do {
                try AuditAnchor.checkFolder(out, databasePath: db)
            } catch {
                StandardStreams.writeErr("\(command): --out \(error)")
                throw ExitCode(2)
            }
            let trail = try AuditCommand.openTrail(db)
            let verification: AuditVerification
            do {
                verification = try await trail.verify()
            } catch {
                StandardStreams.writeErr("\(command): \(db): \(error)")
                throw ExitCode(2)
            }
            let entries: Int64
            let head: String
            switch verification {
            case .intact(let count, let hash):
                entries = count
                head = hash
            case .broken(let sequence, let problem):
                StandardStreams.writeOut(Array("broken at sequence \(sequence): \(problem)\n".utf8))
                StandardStreams.writeErr("\(command): not anchored: the chain is broken")
                throw ExitCode(1)
            }
            guard entries > 0 else {
                StandardStreams.writeErr("\(command): \(db): nothing to anchor: the audit trail is empty")
                throw ExitCode(2)
            }
            let path: String
            do {
                let anchor = try AuditAnchor.make(head: (entries, head), entries: entries, key: anchorKey)
                path = try anchor.write(toFolder: out, databasePath: db)
            } catch {
                StandardStreams.writeErr("\(command): \(error)")
                throw ExitCode(2)
            }
            StandardStreams.writeOut(Array("anchored: \(entries):\(head) -> \(path)\n".utf8))
        }
    }

    /// The anchor key a `--key` reference names, read now; exit 2 with the reason when it cannot be used.
    static func anchorKey(_ reference: String, algorithm: AuditAnchorAlgorithm, command: String) throws -> AuditAnchorKey {
        let parsed: SecretReference
        do {
            parsed = try SecretReference(parsing: reference)
        } catch {
            // Not echoed: what was given may be the key itself.
            StandardStreams.writeErr("\(command): --key: expected env:NAME or file:PATH (the key is given by reference, never inline)")
            throw ExitCode(2)
        }
        let secret: String
        do {
            secret = try parsed.resolve()
        } catch {
            StandardStreams.writeErr("\(command): --key: \(error)")
            throw ExitCode(2)
        }
        do {
            return try AuditAnchorKey(secret: secret, algorithm: algorithm)
        } catch {
            StandardStreams.writeErr("\(command): --key \(reference): \(error)")
            throw ExitCode(2)
        }
    }

    /// An anchor file whose signature `--key` confirms, as the (sequence, hash) to verify the chain
    /// against. Exit 2 when the file or key cannot be used, 1 when the anchor does not verify.
    static func checkedAnchorFile(_ path: String, key reference: String?) throws -> AuditAnchor {
        let command = "edigate audit verify"
        let anchor: AuditAnchor
        do {
            anchor = try AuditAnchor.read(path: path)
        } catch {
            StandardStreams.writeErr("\(command): --anchor \(error)")
            throw ExitCode(2)
        }
        guard let reference else {
            StandardStreams.writeErr("\(command): --anchor \(path) is an anchor file: give the key it was made with, --key env:NAME or --key file:PATH")
            throw ExitCode(2)
        }
        // The file names its algorithm; an edited name shows up as a key or signature mismatch.
        let algorithm = AuditAnchorAlgorithm(rawValue: anchor.algorithm)
        if let algorithm {
            let key = try anchorKey(reference, algorithm: algorithm, command: command)
            do {
                try anchor.verify(key: key)
                return anchor
            } catch where error.anchorDoesNotHold {
                StandardStreams.writeOut(Array("anchor \(path) does not verify with the given key: \(error)\n".utf8))
                throw ExitCode(1)
            } catch {
                StandardStreams.writeErr("\(command): --anchor \(path): \(error)")
                throw ExitCode(2)
            }
        }
        StandardStreams.writeOut(Array("anchor \(path) does not verify with the given key: \(AuditAnchorError.unknownAlgorithm(anchor.algorithm))\n".utf8))
        throw ExitCode(1)
    }
}
