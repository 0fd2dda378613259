import X12

/// A segment, or an element of a segment, that a partner sent with data and no map rule took:
/// reported by `translate` and `partner try` so that nothing is dropped without a word.
public struct UnmappedData: Sendable, Hashable, CustomStringConvertible {
    public var segmentID: String
    /// The segment's position in the set, ST = 1 (as in AK2/IK3).
    public var segmentPosition: Int
    /// nil: the whole segment was not read.
    public var element: Int?
    public var value: String

    public var description: String {
        if let element {
            let reference = "\(segmentID)\(element < 10 ? "0" : "")\(element)"
            return "segment \(segmentPosition) \(segmentID): element \(reference) '\(value)' is not mapped"
        }
        return "segment \(segmentPosition) \(segmentID): not mapped (\(value))"
    }
}

/// What a read consumed, by segment (byte offset): the element positions rules took.
final class ConsumptionLog {
    private var positions: [Int: Set<Int>] = [:]

    func consumed(_ segment: Segment, _ rule: SegmentRule, conditions: [Int: [String]]) {
        var taken = positions[segment.byteOffset] ?? []
        for binding in rule.elements { taken.insert(binding.position) }
        for position in conditions.keys { taken.insert(position) }
        if let pairs = rule.qualified {
            for position in pairs.qualifierPositions {
                let qualifier = segment[position]
                // A pair is taken when the map keeps every pair, or names its qualifier.
                if pairs.all != nil || pairs.codes.contains(where: { $0.qualifier == qualifier }) {
                    taken.insert(position)
                    taken.insert(position + 1)
                }
            }
        }
        positions[segment.byteOffset] = taken
    }

    /// The envelope of the set (ST, SE) and the HL links are the engine's, not a map's.
    static let structural: [String: Set<Int>] = ["ST": [1, 2, 3], "SE": [1, 2], "HL": [1, 2, 3, 4]]

    func unmapped(in set: TransactionSet) -> [UnmappedData] {
        var found: [UnmappedData] = []
        for (index, segment) in set.segments.enumerated() {
            let id = segment.idString
            let elements = segment.elements.map(\.string)
            let structural = Self.structural[id] ?? []
            guard let taken = positions[segment.byteOffset] else {
                let data = elements.enumerated().filter { !$0.element.isEmpty && !structural.contains($0.offset + 1) }
                if !data.isEmpty {
                    found.append(UnmappedData(segmentID: id, segmentPosition: index + 1, element: nil,
                                              value: ([id] + elements).joined(separator: String(decoding: [set.delimiters.element], as: UTF8.self))))
                }
                continue
            }
            for (offset, value) in elements.enumerated() where !value.isEmpty {
                let position = offset + 1
                if !taken.contains(position), !structural.contains(position) {
                    found.append(UnmappedData(segmentID: id, segmentPosition: index + 1, element: position, value: value))
                }
            }
        }
        return found
    }
}
