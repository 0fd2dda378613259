/// Writes segments and whole interchanges in a chosen delimiter set.
///
/// Counts (SE01, GE01, IEA01) are always computed, never copied, and ISA fields are padded
/// to their fixed widths. Any value containing a delimiter is refused rather than written.
public struct InterchangeWriter: Sendable {
    public let delimiters: Delimiters
    public private(set) var bytes: [UInt8] = []
    private let reserved: [Bool]

    public init(delimiters: Delimiters) throws {
        if let conflict = delimiters.conflict { throw X12WriteError.invalidDelimiters(conflict) }
        self.delimiters = delimiters
        var table = [Bool](repeating: false, count: 256)
        for b in delimiters.reservedBytes { table[Int(b)] = true }
        reserved = table
    }

    // MARK: - Segments

    public mutating func write(_ segment: OutboundSegment) throws {
        var count = segment.elements.count
        while count > 0, segment.elements[count - 1].isEmpty { count -= 1 }
        try append(segment.id, segment: segment.id, element: 0)
        for index in 0..<count {
            bytes.append(delimiters.element)
            try append(segment.elements[index], segment: segment.id, element: index + 1)
        }
        terminate()
    }

    /// Writes a segment read from another interchange, translating its delimiters.
    public mutating func write(_ segment: Segment) throws {
        let source = segment.delimiters
        let base = segment.text.base
        for i in segment.text.range {
            let b = base[i]
            if b == source.element {
                bytes.append(delimiters.element)
            } else if b == source.component {
                bytes.append(delimiters.component)
            } else if let rep = source.repetition, b == rep, let target = delimiters.repetition {
                bytes.append(target)
            } else if reserved[Int(b)] {
                let element = base[segment.text.range.lowerBound..<i].filter { $0 == source.element }.count
                throw X12WriteError.reservedCharacter(segment: segment.idString, element: element, value: segment[element], character: Delimiters.describe([b]))
            } else {
                bytes.append(b)
            }
        }
        terminate()
    }

    private mutating func terminate() {
        bytes.append(contentsOf: delimiters.segment)
        bytes.append(contentsOf: delimiters.lineBreak)
    }

    private mutating func append(_ value: ElementValue, segment: String, element: Int) throws {
        switch value {
        case .simple(let text):
            try append(text, segment: segment, element: element)
        case .composite(let parts):
            var count = parts.count
            while count > 0, parts[count - 1].isEmpty { count -= 1 }
            for index in 0..<count {
                if index > 0 { bytes.append(delimiters.component) }
                try append(parts[index], segment: segment, element: element)
            }
        case .repeated(let repeats):
            guard let repetition = delimiters.repetition else {
                throw X12WriteError.invalidDelimiters("\(segment)\(element.twoDigits) repeats, but the interchange has no repetition separator")
            }
            for (index, item) in repeats.enumerated() {
                if index > 0 { bytes.append(repetition) }
                try append(item, segment: segment, element: element)
            }
        }
    }

    private mutating func append(_ text: String, segment: String, element: Int) throws {
        for b in text.utf8 {
            if reserved[Int(b)] {
                throw X12WriteError.reservedCharacter(segment: segment, element: element, value: text, character: Delimiters.describe([b]))
            }
            bytes.append(b)
        }
    }

    // MARK: - Envelopes

    /// Writes an ISA with every field padded to its width.
    public mutating func writeHeader(_ p: InterchangeParameters) throws {
        guard p.controlNumber >= 0, p.controlNumber <= 999_999_999 else {
            throw X12WriteError.invalidControlNumber("ISA13 \(p.controlNumber) does not fit 9 digits")
        }
        let repetition = InterchangeHeader.hasRepetitionSeparator(version: p.version) ? (delimiters.repetition.map { String(decoding: [$0], as: UTF8.self) } ?? "U") : "U"
        let fields: [(String, String, Bool)] = [
            ("ISA01", p.authorizationQualifier, false), ("ISA02", p.authorization, false),
            ("ISA03", p.securityQualifier, false), ("ISA04", p.security, false),
            ("ISA05", p.senderQualifier, false), ("ISA06", p.senderID, false),
            ("ISA07", p.receiverQualifier, false), ("ISA08", p.receiverID, false),
            ("ISA09", p.date, false), ("ISA10", p.time, false), ("ISA11", repetition, false),
            ("ISA12", p.version, true), ("ISA13", String(p.controlNumber), true),
            ("ISA14", p.acknowledgmentRequested ? "1" : "0", false), ("ISA15", p.usage, false),
        ]
        bytes.append(contentsOf: Array("ISA".utf8))
        for (index, (name, value, zeroPad)) in fields.enumerated() {
            let width = InterchangeHeader.fieldWidths[index]
            let length = value.utf8.count
            guard length <= width else { throw X12WriteError.fieldTooLong(field: name, value: value, width: width) }
            bytes.append(delimiters.element)
            if zeroPad { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - length)) }
            if index == 10 {
                bytes.append(contentsOf: Array(value.utf8))  // the repetition separator itself
            } else {
                try append(value, segment: "ISA", element: index + 1)
            }
            if !zeroPad { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width - length)) }
        }
        bytes.append(delimiters.element)
        bytes.append(delimiters.component)
        terminate()
    }

    /// Writes a whole interchange: ISA, groups with their sets, and trailers with computed counts.
    public static func write(_ parameters: InterchangeParameters, groups: [OutboundGroup], delimiters: Delimiters) throws -> [UInt8] {
        try write(parameters, serviceSegments: [], groups: groups, delimiters: delimiters)
    }

    /// Writes a whole interchange with service segments (a TA1, for instance) between the
    /// ISA and the first GS.
    public static func write(_ parameters: InterchangeParameters, serviceSegments: [OutboundSegment], groups: [OutboundGroup], delimiters: Delimiters) throws -> [UInt8] {
        var writer = try InterchangeWriter(delimiters: delimiters)
        try writer.writeHeader(parameters)
        for segment in serviceSegments { try writer.write(segment) }
        for group in groups {
            let g = group.parameters
            try writer.write(OutboundSegment("GS", .simple(g.functionalID), .simple(g.senderCode), .simple(g.receiverCode), .simple(g.date), .simple(g.time), .simple(String(g.controlNumber)), .simple(g.agency), .simple(g.version)))
            for set in group.transactionSets {
                var st: [ElementValue] = [.simple(set.type), .simple(set.control)]
                if let reference = set.implementationReference { st.append(.simple(reference)) }
                try writer.write(OutboundSegment("ST", st))
                for segment in set.body { try writer.write(segment) }
                try writer.write(OutboundSegment("SE", .simple(String(set.body.count + 2)), .simple(set.control)))
            }
            try writer.write(OutboundSegment("GE", .simple(String(group.transactionSets.count)), .simple(String(g.controlNumber))))
        }
        try writer.write(OutboundSegment("IEA", .simple(String(groups.count)), .simple(String(parameters.controlNumber).leftPadded(to: 9))))
        return writer.bytes
    }

    /// Writes an interchange that was read, in `delimiters` (its own by default), recomputing
    /// the counts. A valid, fixed-width input comes back byte for byte.
    public static func write(_ interchange: Interchange, delimiters: Delimiters? = nil) throws -> [UInt8] {
        let target = delimiters ?? interchange.delimiters
        var writer = try InterchangeWriter(delimiters: target)
        let h = interchange.header
        var parameters = InterchangeParameters(senderQualifier: h.senderQualifier, senderID: h.senderID, receiverQualifier: h.receiverQualifier, receiverID: h.receiverID, date: h.date, time: h.time, version: h.version, controlNumber: ByteText(h.controlNumber).unsignedValue ?? 0, acknowledgmentRequested: h.acknowledgmentRequested, usage: h.usage)
        parameters.authorizationQualifier = h.field(1).trimmed
        parameters.authorization = h.field(2).trimmed
        parameters.securityQualifier = h.field(3).trimmed
        parameters.security = h.field(4).trimmed
        try writer.writeHeader(parameters)
        for segment in interchange.serviceSegments { try writer.write(segment) }
        for group in interchange.groups {
            try writer.write(group.header)
            for set in group.transactionSets {
                let segments = set.segments
                for (index, segment) in segments.enumerated() {
                    if index == segments.count - 1, set.hasTrailer {
                        try writer.write(OutboundSegment("SE", .simple(String(segments.count)), .simple(segment[2])))
                    } else {
                        try writer.write(segment)
                    }
                }
            }
            try writer.write(OutboundSegment("GE", .simple(String(group.transactionSets.count)), .simple(group.trailer?[2] ?? group.control)))
        }
        try writer.write(OutboundSegment("IEA", .simple(String(interchange.groups.count)), .simple(h.controlNumber)))
        if !interchange.lineBreakAfterTrailer {
            writer.bytes.removeLast(target.lineBreak.count)
        }
        return writer.bytes
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
