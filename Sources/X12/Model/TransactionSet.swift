/// One transaction set (ST … SE) as read, with the envelope errors found in it.
///
/// Segments stay in the reader's buffer; `segments` builds the `Segment` views on access.
public struct TransactionSet: Sendable {
    let base: [UInt8]
    let ranges: [Range<Int>]
    let baseFileOffset: Int
    public let delimiters: Delimiters
    /// ST01, e.g. `850`.
    public let type: String
    /// ST02.
    public let control: String
    /// `true` when the set ended with an SE (the last segment is the SE).
    public let hasTrailer: Bool
    public internal(set) var errors: [EnvelopeError]

    public var segmentCount: Int { ranges.count }
    /// Bytes of the set in the file, ST to SE, terminators included.
    public var byteCount: Int { (ranges.last?.upperBound ?? 0) - (ranges.first?.lowerBound ?? 0) + delimiters.segment.count }

    public var segments: SegmentList { SegmentList(transactionSet: self) }

    /// Byte offset of the ST in its file.
    public var byteOffset: Int { baseFileOffset + (ranges.first?.lowerBound ?? 0) }

    /// The segments of a set as a random-access collection of views.
    public struct SegmentList: RandomAccessCollection, Sendable {
        let transactionSet: TransactionSet
        public var startIndex: Int { 0 }
        public var endIndex: Int { transactionSet.ranges.count }
        public subscript(position: Int) -> Segment {
            let range = transactionSet.ranges[position]
            return Segment(text: ByteText(base: transactionSet.base, range: range), delimiters: transactionSet.delimiters, byteOffset: transactionSet.baseFileOffset + range.lowerBound)
        }
    }
}
