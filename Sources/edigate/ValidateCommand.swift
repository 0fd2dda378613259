#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import X12
import X12Schemas

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate an X12 file against the transaction-set schemas.",
        discussion: """
        Prints one error per line: position, acknowledgment code, description and bad value.
        Exits 0 when the file is valid and 1 when it is not. With --ack, writes to standard
        output the TA1 and/or 997/999 interchange(s) the gateway would send back, in the
        partner's delimiters, with control numbers starting at 1 (no durable sequence yet).
        """
    )

    @Argument(help: "The X12 file to validate.")
    var file: String

    @Option(help: "Partner ID. Partner profiles do not exist yet: the acknowledgment goes to the inbound ISA/GS sender, with default options.")
    var partner: String?

    @Flag(help: "Write the acknowledgment interchange(s) to standard output.")
    var ack = false

    @Flag(name: .customLong("999"), help: "Answer with a 999 instead of a 997 (what a partner profile would ask for).")
    var implementationAck = false

    @Flag(help: "Send a TA1 for every interchange, not only for envelope errors.")
    var alwaysTA1 = false

    func run() throws {
        let library: SchemaLibrary
        do {
            if let directory = SchemaLocator.directory() ?? SchemaResources.directory {
                library = try SchemaLibrary(directory: directory)
            } else {
                library = try SchemaLocator.load()
            }
        } catch {
            StandardStreams.writeErr("edigate validate: \(error)")
            throw ExitCode(2)
        }
        // Validate set by set as the reader streams the file: only results (and the
        // acknowledgments built from them) are kept, never the file's bytes.
        let options = AcknowledgmentOptions(kind: implementationAck ? .implementation999 : .functional997, ta1: alwaysTA1 ? .always : .onError)
        let builder = AcknowledgmentBuilder(options: options, timestamp: Self.now())
        var numbers = InMemoryControlNumberSource()
        var acknowledgments: [[UInt8]] = []
        var acknowledgmentError: (any Error)?
        var stream = InterchangeStreamValidator(validator: InterchangeValidator(library: library))
        var resultLines: [String] = []
        var interchangeCount = 0
        var allResultsValid = true
        let reader: InterchangeReader
        do {
            reader = try InterchangeReader(path: file)
            while let event = try reader.next() {
                guard let result = stream.consume(event) else { continue }
                interchangeCount += 1
                resultLines += Self.lines(file: file, result)
                if !result.isValid { allResultsValid = false }
                // Built in file order with one control-number sequence, as for the whole file at once.
                if ack, acknowledgmentError == nil {
                    do {
                        if let interchange = try builder.build(for: result, controlNumbers: &numbers) { acknowledgments.append(interchange.bytes) }
                    } catch {
                        acknowledgmentError = error
                    }
                }
            }
        } catch {
            StandardStreams.writeErr("\(error)")
            throw ExitCode(1)
        }
        if let partner {
            StandardStreams.writeErr("note: --partner \(partner): partner profiles are not implemented yet; acknowledging to the inbound sender with default options")
        }
        var lines: [String] = []
        var valid = interchangeCount > 0
        // Errors that no interchange's result carries (outside any interchange) come first.
        for error in reader.errors where !stream.reportedErrors.contains(error) {
            lines.append("\(file): byte \(error.byteOffset): \(error.code): \(error.message)")
            valid = false
        }
        lines += resultLines
        if !allResultsValid { valid = false }
        // Errors go to standard output unless it carries the acknowledgment interchanges.
        if !lines.isEmpty {
            if ack {
                StandardStreams.writeErr(lines.joined(separator: "\n"))
            } else {
                StandardStreams.writeOut(Array((lines.joined(separator: "\n") + "\n").utf8))
            }
        }
        if ack {
            if let acknowledgmentError {
                StandardStreams.writeErr("edigate validate: cannot write the acknowledgment: \(acknowledgmentError)")
                throw ExitCode(2)
            }
            for bytes in acknowledgments { StandardStreams.writeOut(bytes) }
        }
        if !valid { throw ExitCode(1) }
    }

    /// The error lines of one interchange's result, in envelope order.
    static func lines(file: String, _ result: InterchangeResult) -> [String] {
        var lines: [String] = []
        let isa = "ISA13 \(result.header.controlNumber)"
        for error in result.envelopeErrors {
            lines.append(ErrorLine.envelope(file: file, context: isa, error))
        }
        for group in result.groups {
            let gs = "\(isa) GS06 \(group.control)"
            if !group.versionSupported {
                lines.append("\(file): \(gs): AK9 2: functional group version \(group.version) not supported")
            }
            for error in group.envelopeErrors where error.code != .ta1(error.code.code) {
                lines.append(ErrorLine.envelope(file: file, context: gs, error))
            }
            for set in group.sets {
                let st = "\(gs) ST02 \(set.control) (\(set.type))"
                for error in set.envelopeErrors {
                    lines.append(ErrorLine.envelope(file: file, context: st, error))
                }
                if set.errorCodes.contains("1") {
                    lines.append("\(file): \(st): AK5 1: transaction set \(set.type) not supported in version \(group.version)")
                }
                for error in set.segmentErrors {
                    lines += ErrorLine.segment(file: file, context: st, error)
                }
            }
        }
        return lines
    }

    static func now() -> AcknowledgmentTimestamp {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return AcknowledgmentTimestamp(date: pad(parts.tm_year + 1900, 4) + pad(parts.tm_mon + 1, 2) + pad(parts.tm_mday, 2), time: pad(parts.tm_hour, 2) + pad(parts.tm_min, 2))
    }
}

/// The text of one reported error: where, which code, what, and the bad value.
enum ErrorLine {
    static func envelope(file: String, context: String, _ e: EnvelopeError) -> String {
        var text = "\(file): \(context): segment \(e.segmentPosition) \(e.segmentID)"
        if let p = e.elementPosition { text += p < 10 ? "0\(p)" : "\(p)" }
        text += " (byte \(e.byteOffset)): \(e.code): \(e.message)"
        if let v = e.value { text += " [value \"\(v)\"]" }
        return text
    }

    static func segment(file: String, context: String, _ e: SegmentError) -> [String] {
        let loop = e.loopID.map { " loop \($0)" } ?? ""
        let head = "\(file): \(context): segment \(e.position) \(e.segmentID)\(loop) (byte \(e.byteOffset))"
        if e.elementErrors.isEmpty {
            return ["\(head): AK304 \(e.code.rawValue) \(e.code.text): \(e.message)"]
        }
        var lines: [String] = []
        if e.code != .segmentHasDataElementErrors {
            lines.append("\(head): AK304 \(e.code.rawValue) \(e.code.text): \(e.message)")
        }
        for el in e.elementErrors {
            var where_ = "\(e.segmentID)\(el.position < 10 ? "0" : "")\(el.position)"
            if let c = el.componentPosition { where_ += "-\(c)" }
            if let r = el.repeatPosition { where_ += " repeat \(r)" }
            var line = "\(head) \(where_): AK403 \(el.code.rawValue) \(el.code.text): \(el.message)"
            if let v = el.value { line += " [value \"\(v)\"]" }
            lines.append(line)
        }
        return lines
    }
}
