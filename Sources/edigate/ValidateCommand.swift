#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import X12
import Partners
import X12Schemas

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate an X12 file against the transaction-set schemas.",
        discussion: """
        Prints one error per line: position, acknowledgment code, description and bad value.
        Exits 0 when the file is valid and 1 when it is not. With --ack, writes to standard
        output the TA1 and/or 997/999 interchange(s) the gateway would send back, in the
        partner's delimiters, with control numbers starting at 1 (the gateway's durable sequence
        replaces them). With --partner, the partner's profile chooses 997 or 999, the TA1 policy
        and strict or tolerant reading (--999 and --always-ta1 override it), and a set the
        partner does not send us (documents.receive, besides 997/999) is AK5 1 as the gateway
        would answer it.
        """
    )

    @Argument(help: "The X12 file to validate.")
    var file: String

    @Option(help: "Partner ID: use Partners/<id>.yaml for the acknowledgment kind, TA1 policy and reading mode.")
    var partner: String?

    @OptionGroup var profiles: ProfileOptions

    @Flag(help: "Write the acknowledgment interchange(s) to standard output.")
    var ack = false

    @Flag(name: .customLong("999"), help: "Answer with a 999 instead of a 997 (what a partner profile would ask for).")
    var implementationAck = false

    @Flag(help: "Send a TA1 for every interchange, not only for envelope errors.")
    var alwaysTA1 = false

    @Option(help: "1: read and validate on one thread; 2: read on a second thread that also validates every other set.")
    var threads = 2

    func run() throws {
        let library: SchemaLibrary
        do {
            library = try SchemaResources.library()
        } catch {
            StandardStreams.writeErr("edigate validate: \(error)")
            throw ExitCode(2)
        }
        // Validate set by set as the reader streams the file: only results (and the
        // acknowledgments built from them) are kept, never the file's bytes.
        var options = AcknowledgmentOptions(kind: .functional997, ta1: .onError)
        var mode = ReadingMode.tolerant
        // With a partner, the sets the gateway takes from it; without, every set with a schema.
        var acceptedSets: Set<String>?
        if let partner {
            let profile: PartnerProfile
            do {
                guard let found = try PartnerDirectory(directory: profiles.partners).profile(id: partner) else {
                    StandardStreams.writeErr("edigate validate: no partner profile \(partner) in \(profiles.partners)/")
                    throw ExitCode(2)
                }
                profile = found
            } catch let error as ProfileErrors {
                StandardStreams.writeErr("\(error)")
                throw ExitCode(2)
            }
            options = profile.acknowledgmentOptions
            mode = profile.readingMode
            acceptedSets = profile.acceptedSets
        }
        if implementationAck { options.kind = .implementation999 }
        if alwaysTA1 { options.ta1 = .always }
        let builder = AcknowledgmentBuilder(options: options, timestamp: Self.now())
        var numbers = InMemoryControlNumberSource()
        var acknowledgments: [[UInt8]] = []
        var acknowledgmentError: (any Error)?
        let validator = InterchangeValidator(library: library, acceptedSets: acceptedSets)
        var stream = InterchangeStreamValidator(validator: validator)
        var resultLines: [String] = []
        var interchangeCount = 0
        var allResultsValid = true
        let reader: InterchangeReader
        do {
            reader = try InterchangeReader(path: file, mode: mode)
            let consume = { (event: InterchangeEvent, precomputed: TransactionSetResult?) in
                guard let result = stream.consume(event, precomputed: precomputed) else { return }
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
            if threads > 1 {
                try ParallelValidationPipeline.run(reader: reader, validator: validator) { item in consume(item.event, item.result) }
            } else {
                while let event = try reader.next() { consume(event, nil) }
            }
        } catch {
            StandardStreams.writeErr("\(error)")
            throw ExitCode(1)
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
