/// An interchange (ISA … IEA) held whole in memory: the convenient form for small files,
/// acknowledgments and tests. Large files go through `InterchangeReader` events instead.
public struct Interchange: Sendable {
    public let header: InterchangeHeader
    public internal(set) var serviceSegments: [Segment] = []
    public internal(set) var groups: [FunctionalGroup] = []
    public internal(set) var trailer: Segment?
    /// Errors of the ISA/IEA envelope and stray segments.
    public internal(set) var errors: [EnvelopeError] = []
    /// Whether the delimiters' line break followed the IEA in the file (many files end without one).
    public internal(set) var lineBreakAfterTrailer = true

    public var delimiters: Delimiters { header.delimiters }

    /// Every envelope error in the interchange, its groups and its sets.
    public var allErrors: [EnvelopeError] {
        errors + groups.flatMap { $0.errors + $0.transactionSets.flatMap(\.errors) }
    }
}

/// Everything read from one file.
public struct InterchangeFile: Sendable {
    public let path: String?
    public let interchanges: [Interchange]
    public let warnings: [ReadWarning]
    /// Every envelope error in file order.
    public let errors: [EnvelopeError]
    /// Whether the file ended at an `IEA` and nothing stood outside an interchange.
    public var isComplete: Bool { !errors.contains { $0.code == .ta1(TA1NoteCode.prematureEndOfFile) } }

    public static func read(path: String, mode: ReadingMode = .tolerant) throws -> InterchangeFile {
        try read(InterchangeReader(path: path, mode: mode))
    }

    public static func read(bytes: [UInt8], file: String? = nil, mode: ReadingMode = .tolerant) throws -> InterchangeFile {
        try read(InterchangeReader(bytes: bytes, file: file, mode: mode))
    }

    public static func read(_ reader: InterchangeReader) throws -> InterchangeFile {
        var interchanges: [Interchange] = []
        var current: Interchange?
        var group: FunctionalGroup?
        while let event = try reader.next() {
            switch event {
            case .interchangeStart(let header, let errors):
                current = Interchange(header: header)
                current!.errors = errors
            case .serviceSegment(let segment):
                current?.serviceSegments.append(segment)
            case .groupStart(let segment):
                group = FunctionalGroup(header: segment)
            case .transactionSet(let set):
                group?.transactionSets.append(set)
            case .groupEnd(let trailer, _, let errors):
                if var finished = group {
                    finished.trailer = trailer
                    finished.errors += errors
                    current?.groups.append(finished)
                }
                group = nil
            case .interchangeEnd(let trailer, _, let errors, let lineBreak):
                if var finished = current {
                    finished.trailer = trailer
                    finished.lineBreakAfterTrailer = lineBreak
                    finished.errors += errors
                    interchanges.append(finished)
                }
                current = nil
            case .strayError(let error):
                if group != nil { group!.errors.append(error) } else { current?.errors.append(error) }
            }
        }
        return InterchangeFile(path: reader.file, interchanges: interchanges, warnings: reader.warnings, errors: reader.errors)
    }
}
