/// One segment, viewed inside the buffer it was read from (terminator excluded).
///
/// Elements are found on demand by scanning for the element separator, so reading a file
/// never builds a `String` per element unless a caller asks for one.
public struct Segment: Sendable, Hashable, CustomStringConvertible {
    public let text: ByteText
    public let delimiters: Delimiters
    /// Byte offset of the segment's first byte in its file.
    public let byteOffset: Int

    public init(text: ByteText, delimiters: Delimiters, byteOffset: Int) {
        self.text = text
        self.delimiters = delimiters
        self.byteOffset = byteOffset
    }

    /// The segment identifier: the bytes before the first element separator.
    public var id: ByteText {
        let sep = delimiters.element
        for i in text.range where text.base[i] == sep {
            return ByteText(base: text.base, range: text.range.lowerBound..<i)
        }
        return text
    }

    public var idString: String { id.string }

    /// The elements after the identifier; `elements[0]` is the segment's element 01.
    public var elements: [ByteText] {
        let all = text.split(on: delimiters.element)
        return Array(all.dropFirst())
    }

    /// Element `position` counted from 1 as in X12 references (`BEG03` is `element(3)`);
    /// `nil` when the segment has fewer elements.
    public func element(_ position: Int) -> ByteText? {
        precondition(position >= 1)
        let sep = delimiters.element
        var index = 0
        var start = text.range.lowerBound
        let base = text.base
        for i in text.range where base[i] == sep {
            if index == position {
                return ByteText(base: base, range: start..<i)
            }
            index += 1
            start = i + 1
        }
        return index == position ? ByteText(base: base, range: start..<text.range.upperBound) : nil
    }

    /// Element `position` as text, empty when absent.
    public subscript(position: Int) -> String {
        element(position)?.string ?? ""
    }

    /// The components of element `position` (a composite), or `[]` when absent.
    public func components(_ position: Int) -> [ByteText] {
        element(position)?.split(on: delimiters.component) ?? []
    }

    /// The repeats of element `position`; one repeat when the interchange has no repetition separator.
    public func repetitions(_ position: Int) -> [ByteText] {
        guard let value = element(position) else { return [] }
        guard let rep = delimiters.repetition else { return [value] }
        return value.split(on: rep)
    }

    /// Identifier followed by the raw element texts (composites not split).
    public var fields: [String] {
        text.split(on: delimiters.element).map(\.string)
    }

    public var description: String { text.string }

    public static func == (lhs: Segment, rhs: Segment) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
