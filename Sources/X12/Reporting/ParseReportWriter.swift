/// Renders reader events as the `edigate parse` JSON document, streaming: an interchange's
/// transaction sets are written as they are read, never held together.
///
/// Shape: `{"interchanges":[{…,"groups":[{…,"transactions":[{"type","control","segments":[["ST","850","0001"],…]}]}]}],"warnings":[…]}`.
/// Every segment is an array of its identifier and its raw element texts (composites not split).
public struct ParseReportWriter {
    private var json = JSONText()
    private var wroteInterchange = false
    private var wroteGroup = false
    private var wroteSet = false
    private var pendingHeader: (InterchangeHeader, [EnvelopeError], String?)?
    private var serviceSegments: [Segment] = []
    private var openGroupHeader = false
    private let flushThreshold: Int
    private let sink: ([UInt8]) -> Void

    /// `sink` receives the text in pieces of about `flushThreshold` bytes.
    public init(flushThreshold: Int = 1 << 16, sink: @escaping ([UInt8]) -> Void) {
        self.flushThreshold = flushThreshold
        self.sink = sink
        json.raw("{\"interchanges\":[")
    }

    public mutating func consume(_ event: InterchangeEvent, file: String?) {
        switch event {
        case .interchangeStart(let header, let errors):
            pendingHeader = (header, errors, file)
            serviceSegments = []
        case .serviceSegment(let segment):
            serviceSegments.append(segment)
        case .groupStart(let segment):
            writeHeaderIfPending()
            if wroteGroup { json.raw(",") }
            wroteGroup = true
            wroteSet = false
            json.raw("{\"functionalId\":"); json.string(segment[1])
            json.raw(",\"sender\":"); json.string(segment[2])
            json.raw(",\"receiver\":"); json.string(segment[3])
            json.raw(",\"date\":"); json.string(segment[4])
            json.raw(",\"time\":"); json.string(segment[5])
            json.raw(",\"control\":"); json.string(segment[6])
            json.raw(",\"version\":"); json.string(segment[8])
            json.raw(",\"offset\":"); json.number(segment.byteOffset)
            json.raw(",\"transactions\":[")
            openGroupHeader = true
        case .transactionSet(let set):
            writeHeaderIfPending()
            if wroteSet { json.raw(",") }
            wroteSet = true
            json.raw("{\"type\":"); json.string(set.type)
            json.raw(",\"control\":"); json.string(set.control)
            json.raw(",\"offset\":"); json.number(set.byteOffset)
            json.raw(",\"segments\":[")
            for (index, segment) in set.segments.enumerated() {
                if index > 0 { json.raw(",") }
                writeSegment(segment)
            }
            json.raw("],\"errors\":")
            writeErrors(set.errors)
            json.raw("}")
        case .groupEnd(let trailer, let setCount, let errors):
            writeHeaderIfPending()
            if openGroupHeader {
                json.raw("],\"setCount\":"); json.number(setCount)
                json.raw(",\"trailer\":")
                if let trailer { writeSegment(trailer) } else { json.raw("null") }
                json.raw(",\"errors\":")
                writeErrors(errors)
                json.raw("}")
                openGroupHeader = false
            }
        case .interchangeEnd(let trailer, let groupCount, let errors, _):
            writeHeaderIfPending()
            json.raw("],\"groupCount\":"); json.number(groupCount)
            json.raw(",\"trailer\":")
            if let trailer { writeSegment(trailer) } else { json.raw("null") }
            json.raw(",\"errors\":")
            writeErrors(errors)
            json.raw("}")
        case .strayError(let error):
            writeHeaderIfPending()
            strayErrors.append(error)
        }
        if json.bytes.count >= flushThreshold { flush() }
    }

    private var strayErrors: [EnvelopeError] = []

    /// Closes the document with the warnings and errors outside any set and writes the rest.
    public mutating func finish(warnings: [(file: String?, warning: ReadWarning)]) {
        json.raw("],\"warnings\":[")
        for (index, item) in warnings.enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("{\"file\":"); json.optionalString(item.file)
            json.raw(",\"offset\":"); json.number(item.warning.byteOffset)
            json.raw(",\"kind\":"); json.string(item.warning.kind.rawValue)
            json.raw(",\"message\":"); json.string(item.warning.message)
            json.raw(",\"occurrences\":"); json.number(item.warning.occurrences)
            json.raw("}")
        }
        json.raw("],\"strayErrors\":")
        writeErrors(strayErrors)
        json.raw("}\n")
        flush()
    }

    private mutating func flush() {
        guard !json.bytes.isEmpty else { return }
        sink(json.bytes)
        json.bytes.removeAll(keepingCapacity: true)
    }

    private mutating func writeHeaderIfPending() {
        guard let (header, errors, file) = pendingHeader else { return }
        pendingHeader = nil
        if wroteInterchange { json.raw(",") }
        wroteInterchange = true
        wroteGroup = false
        let d = header.delimiters
        json.raw("{\"file\":"); json.optionalString(file)
        json.raw(",\"offset\":"); json.number(header.segment.byteOffset)
        json.raw(",\"senderQualifier\":"); json.string(header.senderQualifier)
        json.raw(",\"sender\":"); json.string(header.senderID)
        json.raw(",\"receiverQualifier\":"); json.string(header.receiverQualifier)
        json.raw(",\"receiver\":"); json.string(header.receiverID)
        json.raw(",\"date\":"); json.string(header.date)
        json.raw(",\"time\":"); json.string(header.time)
        json.raw(",\"control\":"); json.string(header.controlNumber)
        json.raw(",\"version\":"); json.string(header.version)
        json.raw(",\"usage\":"); json.string(header.usage)
        json.raw(",\"acknowledgmentRequested\":"); json.raw(header.acknowledgmentRequested ? "true" : "false")
        json.raw(",\"delimiters\":{\"element\":"); json.string([d.element][...])
        json.raw(",\"component\":"); json.string([d.component][...])
        json.raw(",\"repetition\":")
        if let r = d.repetition { json.string([r][...]) } else { json.raw("null") }
        json.raw(",\"segment\":"); json.string(d.segment[...])
        json.raw(",\"lineBreak\":"); json.string(d.lineBreak[...])
        json.raw("},\"isa\":")
        writeSegment(header.segment)
        json.raw(",\"headerErrors\":")
        writeErrors(errors)
        json.raw(",\"serviceSegments\":[")
        for (index, segment) in serviceSegments.enumerated() {
            if index > 0 { json.raw(",") }
            writeSegment(segment)
        }
        serviceSegments = []
        json.raw("],\"groups\":[")
    }

    private mutating func writeSegment(_ segment: Segment) {
        json.raw("[")
        let separator = segment.delimiters.element
        let base = segment.text.base
        var start = segment.text.range.lowerBound
        for i in segment.text.range where base[i] == separator {
            json.string(base[start..<i])
            json.raw(",")
            start = i + 1
        }
        json.string(base[start..<segment.text.range.upperBound])
        json.raw("]")
    }

    private mutating func writeErrors(_ errors: [EnvelopeError]) {
        json.raw("[")
        for (index, error) in errors.enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("{\"ack\":"); json.string(String(describing: error.code).split(separator: " ")[0].description)
            json.raw(",\"code\":"); json.string(error.code.code)
            json.raw(",\"message\":"); json.string(error.message)
            json.raw(",\"offset\":"); json.number(error.byteOffset)
            json.raw(",\"segmentPosition\":"); json.number(error.segmentPosition)
            json.raw(",\"segment\":"); json.string(error.segmentID)
            json.raw(",\"element\":")
            if let e = error.elementPosition { json.number(e) } else { json.raw("null") }
            json.raw(",\"value\":"); json.optionalString(error.value)
            json.raw("}")
        }
        json.raw("]")
    }
}
