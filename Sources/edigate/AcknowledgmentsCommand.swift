import ArgumentParser
import Foundation
import X12

struct AcknowledgmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acks",
        abstract: "Work with the partners' acknowledgments of what we sent.",
        subcommands: [ReconcileAcknowledgmentsCommand.self]
    )
}

struct ReconcileAcknowledgmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Match partner TA1/997/999 files to the interchanges we sent.",
        discussion: """
        Prints JSON: for every functional group in the --sent files, its outcome (accepted,
        acceptedWithErrors, rejected, awaiting), whether it is overdue, which acknowledgment
        decided it, and per-set outcomes with the partner's error codes. A sent file's
        modification time is its sending time. Exits 1 when a group is rejected or overdue.
        """
    )

    @Option(name: .customLong("sent"), parsing: .upToNextOption, help: "Interchanges we sent (855, 856, 810 …).")
    var sent: [String]

    @Option(name: .customLong("received"), parsing: .upToNextOption, help: "Files from the partner holding TA1s and 997/999s.")
    var received: [String] = []

    @Option(help: "Seconds after sending before a missing acknowledgment is overdue.")
    var window: Int64 = 24 * 3600

    @Option(help: "The current time in seconds since 1970 (default: now).")
    var now: Int64?

    func run() throws {
        var records: [SentGroup] = []
        for path in sent {
            let file = try InterchangeFile.read(path: path)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let sentAt = Int64((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
            for interchange in file.interchanges { records += SentGroup.records(of: interchange, sentAt: sentAt) }
        }
        let answers = AcknowledgmentReconciler.acknowledgments(in: try received.map { try InterchangeFile.read(path: $0) })
        let reconciler = AcknowledgmentReconciler(window: window)
        let outcomes = reconciler.reconcile(sent: records, functional: answers.functional, interchange: answers.interchange, now: now ?? Int64(Date().timeIntervalSince1970))
        struct Report: Encodable {
            var groups: [AcknowledgmentReconciler.GroupOutcome]
            var problems: [String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        StandardStreams.writeOut(Array(try encoder.encode(Report(groups: outcomes, problems: answers.problems))) + [0x0A])
        if outcomes.contains(where: { $0.outcome == .rejected || $0.overdue }) { throw ExitCode(1) }
    }
}
