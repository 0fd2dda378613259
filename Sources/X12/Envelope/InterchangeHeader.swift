/// The ISA segment: sixteen fixed-width fields that also declare the interchange's delimiters.
public struct InterchangeHeader: Sendable, Hashable {
    /// Widths of ISA01…ISA16 in the fixed 106-byte layout.
    public static let fieldWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]
    /// Byte offsets, from the `I` of ISA, of the element separators that precede ISA01…ISA16.
    static let separatorOffsets: [Int] = {
        var offsets: [Int] = []
        var position = 3
        for width in fieldWidths {
            offsets.append(position)
            position += width + 1
        }
        return offsets
    }()
    public static let fixedLength = 106

    public let segment: Segment
    public let delimiters: Delimiters
    /// `true` when the ISA has exactly the 106-byte layout the standard fixes.
    public let isFixedWidth: Bool

    /// ISA01…ISA16 as they appear, padding included.
    public func field(_ position: Int) -> ByteText {
        segment.element(position) ?? ByteText("")
    }

    public var authorizationQualifier: String { field(1).string }
    public var securityQualifier: String { field(3).string }
    public var senderQualifier: String { field(5).trimmed }
    public var senderID: String { field(6).trimmed }
    public var receiverQualifier: String { field(7).trimmed }
    public var receiverID: String { field(8).trimmed }
    public var date: String { field(9).string }
    public var time: String { field(10).string }
    /// ISA12, e.g. `00401` or `00501`.
    public var version: String { field(12).trimmed }
    /// ISA13, nine digits.
    public var controlNumber: String { field(13).string }
    public var acknowledgmentRequested: Bool { field(14).equals("1") }
    /// ISA15: P production, T test, I information.
    public var usage: String { field(15).string }

    /// Versions from 00403 on carry the repetition separator in ISA11.
    public static func hasRepetitionSeparator(version: String) -> Bool {
        guard let number = Int(version.trimmingSpaces) else { return false }
        return number >= 403
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
