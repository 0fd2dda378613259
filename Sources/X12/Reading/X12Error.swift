/// Why a file could not be read at all. Envelope defects inside a readable file are
/// `EnvelopeError`s instead, so that they can be acknowledged.
public struct X12Error: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case io(String)
        case noInterchangeHeader
        case invalidInterchangeHeader(String)
        case strictModeViolation(ReadWarning.Kind, String)
        case segmentTooLong(Int)
        case invalidDelimiters(String)
    }

    public let reason: Reason
    public let file: String?
    public let byteOffset: Int
    /// TA1 note code for an answer, where the problem has one.
    public let ta1Code: String?

    public init(_ reason: Reason, file: String?, byteOffset: Int, ta1Code: String? = nil) {
        self.reason = reason
        self.file = file
        self.byteOffset = byteOffset
        self.ta1Code = ta1Code
    }

    public var message: String {
        switch reason {
        case .io(let text): return "cannot read: \(text)"
        case .noInterchangeHeader: return "no ISA interchange header where one was expected"
        case .invalidInterchangeHeader(let text): return "invalid ISA: \(text)"
        case .strictModeViolation(let kind, let text): return "strict mode: \(kind.rawValue): \(text)"
        case .segmentTooLong(let limit): return "segment longer than \(limit) bytes: no terminator found"
        case .invalidDelimiters(let text): return "invalid delimiters: \(text)"
        }
    }

    public var description: String {
        var text = "\(file ?? "<input>"): byte \(byteOffset): \(message)"
        if let ta1Code { text += " (TA1 \(ta1Code))" }
        return text
    }
}
