import X12

/// Makes a set's body writable in the partner's delimiters before the writer sees it: text
/// holding a delimiter is replaced or refused by the profile's policy, and a free-text note
/// (MSG01, MTX02, NTE02) longer than its element allows is split over as many segments as it
/// needs, so that reasons reach the buyer whole. Every change is described for the record.
struct FreeTextSanitizer {
    let delimiters: Delimiters
    let policy: DelimiterInText
    let schema: TransactionSetSchema?

    /// Segment → the free-text element that may be continued in a repeated segment.
    static let continuable: [String: Int] = ["MSG": 1, "MTX": 2, "NTE": 2]

    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    func sanitize(_ body: [OutboundSegment], transactionSet: String) throws(Refusal) -> (body: [OutboundSegment], adjustments: [String]) {
        var adjustments: [String] = []
        var out: [OutboundSegment] = []
        let forbidden = Set([delimiters.element, delimiters.component, delimiters.repetition].compactMap { $0 } + delimiters.segment + [0x0A, 0x0D])
        for segment in body {
            // ST is segment 1; the position a partner's 997 would name.
            let position = out.count + 2
            var cleaned = segment
            for (index, element) in segment.elements.enumerated() {
                let reference = "\(segment.id)\(index + 1 < 10 ? "0" : "")\(index + 1)"
                cleaned.elements[index] = try clean(element, reference: reference, position: position, transactionSet: transactionSet,
                                                    forbidden: forbidden, adjustments: &adjustments)
            }
            out += split(cleaned, position: position, transactionSet: transactionSet, adjustments: &adjustments)
        }
        return (out, adjustments)
    }

    private func clean(_ element: ElementValue, reference: String, position: Int, transactionSet: String, forbidden: Set<UInt8>,
                       adjustments: inout [String]) throws(Refusal) -> ElementValue {
        switch element {
        case .simple(let text):
            return .simple(try clean(text, reference: reference, position: position, transactionSet: transactionSet, forbidden: forbidden, adjustments: &adjustments))
        case .composite(let parts):
            var cleaned: [String] = []
            for part in parts {
                cleaned.append(try clean(part, reference: reference, position: position, transactionSet: transactionSet, forbidden: forbidden, adjustments: &adjustments))
            }
            return .composite(cleaned)
        case .repeated(let repeats):
            var cleaned: [ElementValue] = []
            for item in repeats {
                cleaned.append(try clean(item, reference: reference, position: position, transactionSet: transactionSet, forbidden: forbidden, adjustments: &adjustments))
            }
            return .repeated(cleaned)
        }
    }

    private func clean(_ text: String, reference: String, position: Int, transactionSet: String, forbidden: Set<UInt8>,
                       adjustments: inout [String]) throws(Refusal) -> String {
        let bytes = Array(text.utf8)
        guard let found = bytes.first(where: forbidden.contains) else { return text }
        let shown = Self.show(found)
        switch policy {
        case .refuse:
            throw Refusal(description: "\(transactionSet) segment \(position) \(reference): the text '\(text)' holds the delimiter \(shown) (interchange.delimiterInText: refuse)")
        case .replace:
            let replaced = String(decoding: bytes.map { forbidden.contains($0) ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            adjustments.append("\(transactionSet) segment \(position) \(reference): delimiter \(shown) replaced with a space: '\(text)' → '\(replaced)'")
            return replaced
        }
    }

    /// A note longer than its element allows, continued in further segments of the same kind.
    private func split(_ segment: OutboundSegment, position: Int, transactionSet: String, adjustments: inout [String]) -> [OutboundSegment] {
        guard let index = Self.continuable[segment.id].map({ $0 - 1 }), index < segment.elements.count,
              case .simple(let text) = segment.elements[index],
              let elements = schema?.segments[segment.id]?.elements, index < elements.count, case let definition = elements[index],
              case .simple(let simple) = definition.content, text.count > simple.maxLength else { return [segment] }
        var pieces: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            var cut = rest.index(rest.startIndex, offsetBy: simple.maxLength, limitedBy: rest.endIndex) ?? rest.endIndex
            // Break at the last space inside the limit when there is one, so words stay whole.
            if cut != rest.endIndex, let space = rest[..<cut].lastIndex(of: " "), space > rest.startIndex { cut = space }
            pieces.append(String(rest[..<cut]).trimmingTrailingSpaces)
            rest = rest[cut...].drop { $0 == " " }
        }
        adjustments.append("\(transactionSet) segment \(position) \(segment.id): \(text.count) characters continued over \(pieces.count) \(segment.id) segments (\(simple.maxLength) each at most)")
        return pieces.map { piece in
            var copy = segment
            copy.elements[index] = .simple(piece)
            return copy
        }
    }

    static func show(_ byte: UInt8) -> String {
        switch byte {
        case 0x0A: return "line feed"
        case 0x0D: return "carriage return"
        default: return "'\(String(decoding: [byte], as: UTF8.self))'"
        }
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
