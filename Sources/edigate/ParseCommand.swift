import ArgumentParser
import X12

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Read X12 files and print their interchanges as JSON.",
        discussion: """
        Prints {"interchanges":[…]} with every segment as an array of its identifier and raw
        element texts. Envelope errors are listed in the JSON and on standard error with the
        TA1/AK9/AK5 code an acknowledgment would use. Exits 1 when a file cannot be read.
        """
    )

    @Argument(help: "X12 files to read.")
    var files: [String]

    @Flag(help: "Print one line per transaction set instead of JSON.")
    var summary = false

    @Flag(help: "Reject deviations from the X12 byte layout (BOM, indentation, irregular ISA) instead of warning.")
    var strict = false

    func run() throws {
        let mode: ReadingMode = strict ? .strict : .tolerant
        var failed = false
        var report = summary ? nil : ParseReportWriter(sink: StandardStreams.writeOut)
        var summaryLines = SummaryLines()
        var warnings: [(file: String?, warning: ReadWarning)] = []
        for file in files {
            do {
                let reader = try InterchangeReader(path: file, mode: mode)
                var interchangeControl = ""
                var groupControl = ""
                while let event = try reader.next() {
                    if report != nil {
                        report!.consume(event, file: file)
                    } else {
                        switch event {
                        case .interchangeStart(let header, _): interchangeControl = header.controlNumber
                        case .groupStart(let gs): groupControl = gs[6]
                        case .transactionSet(let set): summaryLines.add(file: file, interchange: interchangeControl, group: groupControl, set: set)
                        default: break
                        }
                    }
                }
                summaryLines.flush()
                for warning in reader.warnings {
                    warnings.append((file, warning))
                    StandardStreams.writeErr("\(file): warning: \(warning)")
                }
                for error in reader.errors {
                    StandardStreams.writeErr("\(error)")
                    if error.code == .ta1(TA1NoteCode.prematureEndOfFile) { failed = true }
                }
            } catch let error as X12Error {
                summaryLines.flush()
                StandardStreams.writeErr("\(error)")
                failed = true
            }
        }
        report?.finish(warnings: warnings)
        if failed { throw ExitCode(1) }
    }
}

/// `--summary` output: one line per transaction set, written as bytes in batches because
/// this is the parse benchmark's hot path.
struct SummaryLines {
    private var buffer: [UInt8] = []

    mutating func add(file: String, interchange: String, group: String, set: TransactionSet) {
        buffer.append(contentsOf: file.utf8)
        buffer.append(contentsOf: "\tinterchange=".utf8)
        buffer.append(contentsOf: interchange.utf8)
        buffer.append(contentsOf: "\tgroup=".utf8)
        buffer.append(contentsOf: group.utf8)
        buffer.append(contentsOf: "\ttype=".utf8)
        buffer.append(contentsOf: set.type.utf8)
        buffer.append(contentsOf: "\tcontrol=".utf8)
        buffer.append(contentsOf: set.control.utf8)
        buffer.append(contentsOf: "\tsegments=".utf8)
        buffer.append(contentsOf: String(set.segmentCount).utf8)
        buffer.append(contentsOf: "\toffset=".utf8)
        buffer.append(contentsOf: String(set.byteOffset).utf8)
        buffer.append(contentsOf: "\tstatus=".utf8)
        if set.errors.isEmpty {
            buffer.append(contentsOf: "ok".utf8)
        } else {
            buffer.append(contentsOf: set.errors.map { "\($0.code)".replacingSpaces }.joined(separator: ",").utf8)
        }
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        StandardStreams.writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

extension String {
    var replacingSpaces: String { String(map { $0 == " " ? "-" : $0 }) }
}
