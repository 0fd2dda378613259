import ArgumentParser
import Foundation
import PostgresStore
import Store

/// `edigate store copy`: moving a store to another engine (SQLite → PostgreSQL, or back).
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "The gateway's store itself: copy it into another (SQLite to PostgreSQL, or back).",
        subcommands: [Copy.self]
    )

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy a whole store into an empty one, verifying the audit chain on both sides.",
            discussion: """
            Stop the gateway first. The source's chain must verify before anything is written;
            the target (created and migrated if needed) must be empty; rows are copied as they
            are, ids and audit entries included; the target's chain must then verify with the
            same head as the source's. A store is a SQLite file path or
            postgres://USER@HOST:PORT/DATABASE?password=env:NAME. Exit status: 0 copied and
            verified; 1 not copied (broken source chain, target not empty, copy not matching);
            2 a store cannot be opened.
            """
        )

        @Option(help: "The store to copy (left unchanged; a SQLite file is opened read-only).")
        var from: String

        @Option(help: "The empty store to copy into.")
        var to: String

        func run() async throws {
            let source: GatewayStore
            let target: GatewayStore
            do {
                source = try GatewayStore.openExisting(location: from)
                target = try GatewayStore.open(location: to)
            } catch {
                StandardStreams.writeErr("edigate store copy: \(error)")
                throw ExitCode(2)
            }
            let started = Date()
            do {
                let summary = try await StoreCopy(from: source, to: target).run { table, rows in
                    StandardStreams.writeOut(Array("\(table): \(rows) rows\n".utf8))
                }
                let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
                let line = "copied \(summary.rows.values.reduce(0, +)) rows (\(summary.contentFiles) files from the content folder) from "
                    + "\(source.database.location) to \(target.database.location) in \(seconds) s; audit trail verified on both sides: "
                    + "\(summary.auditEntries) entries, head \(summary.auditEntries):\(summary.head)\n"
                StandardStreams.writeOut(Array(line.utf8))
            } catch let failure as StoreCopy.Failure {
                StandardStreams.writeErr("edigate store copy: \(failure)")
                throw ExitCode(1)
            } catch {
                StandardStreams.writeErr("edigate store copy: \(error)")
                throw ExitCode(2)
            }
        }
    }
}
