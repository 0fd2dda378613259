/// A quick look at one element of one kind of segment without reading the file properly: the
/// delimiters from each ISA's fixed positions, then a walk over the segment terminators. Used
/// where only a handful of values matter (the BEG03s that keep a PO's files in order) and a full
/// read would be paid twice. Returns nil when the bytes are not plainly X12 (no ISA first, an
/// ISA too short), so the caller can fall back to `InterchangeFile.read`.
public enum SegmentValueScan {
    /// Element `position` of every segment `segmentID` inside transaction sets of type
    /// `setType`, and how many such sets were seen (a caller can check one value per set).
    public static func values(of segmentID: String, element position: Int, inSetsOf setType: String,
                              in bytes: [UInt8]) -> (values: [String], sets: Int)? {
        let isa = Array("ISA".utf8)
        var index = 0
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        guard bytes.count >= index + 106, Array(bytes[index..<index + 3]) == isa else { return nil }
        let id = Array(segmentID.utf8)
        let set = Array(setType.utf8)
        var element = bytes[index + 3]
        var terminator = bytes[index + 105]
        var values: [String] = []
        var sets = 0
        var inSet = false
        while index < bytes.count {
            // Skip the line breaks some partners put after a terminator.
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
            guard index < bytes.count else { break }
            if bytes.count >= index + 106, Array(bytes[index..<index + 3]) == isa {
                element = bytes[index + 3]
                terminator = bytes[index + 105]
                index += 106
                continue
            }
            var end = index
            while end < bytes.count, bytes[end] != terminator { end += 1 }
            let segment = bytes[index..<end]
            let fields = segment.split(separator: element, omittingEmptySubsequences: false)
            if let first = fields.first {
                if first.elementsEqual("ST".utf8) {
                    inSet = fields.count > 1 && fields[1].elementsEqual(set)
                    if inSet { sets += 1 }
                } else if first.elementsEqual("SE".utf8) {
                    inSet = false
                } else if inSet, first.elementsEqual(id), position < fields.count {
                    values.append(String(decoding: fields[position], as: UTF8.self))
                }
            }
            index = end + 1
        }
        return (values, sets)
    }
}
