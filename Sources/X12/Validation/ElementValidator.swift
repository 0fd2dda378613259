/// Checks the elements of one segment against its definition: requirement, count,
/// repeats, components, type, length, code list and syntax notes.
struct ElementValidator {
    /// 005010 and later know AK403 codes 12 and 13; earlier versions report such defects
    /// with the nearest older code (3 or 6).
    let isVersion5010OrLater: Bool

    func validate(_ segment: Segment, _ definition: SegmentDefinition) -> [ElementError] {
        var errors: [ElementError] = []
        let elements = segment.elements
        let delimiters = segment.delimiters
        if elements.count > definition.elements.count {
            var extra = elements.count
            while extra > definition.elements.count, elements[extra - 1].isEmpty { extra -= 1 }
            if extra > definition.elements.count {
                let position = definition.elements.count + 1
                errors.append(ElementError(position: position, code: .tooManyDataElements, value: elements[position - 1].string, message: "\(definition.id) has \(extra) elements, the standard defines \(definition.elements.count)"))
            }
        }
        var present = [Bool](repeating: false, count: definition.elements.count + 1)
        for (index, element) in definition.elements.enumerated() {
            let position = index + 1
            let value = index < elements.count ? elements[index] : nil
            guard let value, !value.isEmpty else {
                if element.usage == .mandatory {
                    errors.append(ElementError(position: position, reference: element.reference, code: .mandatoryElementMissing, message: "\(definition.id)\(position.twoDigits) is mandatory"))
                }
                continue
            }
            present[position] = true
            var repeats = [value]
            if let separator = delimiters.repetition, isVersion5010OrLater, value.bytes.contains(separator) {
                repeats = value.split(on: separator)
                if repeats.count > element.maxRepeat {
                    errors.append(ElementError(position: position, repeatPosition: element.maxRepeat + 1, reference: element.reference, code: .tooManyRepetitions, value: value.string, message: "\(definition.id)\(position.twoDigits) repeats \(repeats.count) times, at most \(element.maxRepeat) allowed"))
                    repeats = Array(repeats.prefix(element.maxRepeat))
                }
            }
            for (r, item) in repeats.enumerated() {
                let repeatPosition = element.maxRepeat > 1 ? r + 1 : nil
                errors += check(item, element, segmentID: definition.id, position: position, repeatPosition: repeatPosition, component: delimiters.component)
            }
        }
        errors += syntaxNoteErrors(definition, present: present, elements: elements)
        return errors
    }

    private func check(_ value: ByteText, _ element: ElementDefinition, segmentID: String, position: Int, repeatPosition: Int?, component: UInt8) -> [ElementError] {
        let name = "\(segmentID)\(position.twoDigits)"
        switch element.content {
        case .simple(let definition):
            if value.bytes.contains(component) {
                let code: ElementErrorCode = isVersion5010OrLater ? .tooManyComponents : .invalidCharacter
                return [ElementError(position: position, repeatPosition: repeatPosition, reference: definition.reference, code: code, value: value.string, message: "\(name) is a simple element but contains the component separator")]
            }
            if let (code, message) = Self.check(value, definition) {
                return [ElementError(position: position, repeatPosition: repeatPosition, reference: definition.reference, code: code, value: value.string, message: "\(name) \(message)")]
            }
            return []
        case .composite(let parts):
            var errors: [ElementError] = []
            let components = value.split(on: component)
            var used = components.count
            while used > parts.count, components[used - 1].isEmpty { used -= 1 }
            if used > parts.count {
                let code: ElementErrorCode = isVersion5010OrLater ? .tooManyComponents : .tooManyDataElements
                errors.append(ElementError(position: position, componentPosition: parts.count + 1, repeatPosition: repeatPosition, code: code, value: value.string, message: "\(name) has \(used) components, the standard defines \(parts.count)"))
            }
            for (c, part) in parts.enumerated() {
                let text = c < components.count ? components[c] : nil
                guard let text, !text.isEmpty else {
                    if part.usage == .mandatory {
                        errors.append(ElementError(position: position, componentPosition: c + 1, repeatPosition: repeatPosition, reference: part.reference, code: .mandatoryElementMissing, message: "\(name)-\(c + 1) is mandatory"))
                    }
                    continue
                }
                if let (code, message) = Self.check(text, part) {
                    errors.append(ElementError(position: position, componentPosition: c + 1, repeatPosition: repeatPosition, reference: part.reference, code: code, value: text.string, message: "\(name)-\(c + 1) \(message)"))
                }
            }
            return errors
        }
    }

    /// Type, length and code check of one present value; the first defect found.
    static func check(_ value: ByteText, _ d: SimpleElementDefinition) -> (ElementErrorCode, String)? {
        let base = value.base
        let range = value.range
        var length = 0
        switch d.type {
        case .alphanumeric, .identifier, .binary:
            for i in range {
                let b = base[i]
                if d.type != .binary, b < 0x20 || b == 0x7F {
                    return (.invalidCharacter, "contains the control character \(Delimiters.describe([b]))")
                }
                // Count characters, not bytes: UTF-8 continuation bytes do not start one.
                if b & 0xC0 != 0x80 { length += 1 }
            }
        case .numeric:
            var digits = 0
            for (n, i) in range.enumerated() {
                let b = base[i]
                if b == UInt8(ascii: "-"), n == 0, range.count > 1 { continue }
                guard b >= 0x30, b <= 0x39 else { return (.invalidCharacter, "must be an integer (type \(d.type)), found \"\(value.string)\"") }
                digits += 1
            }
            length = digits
        case .decimal:
            var digits = 0
            var points = 0
            var exponent = false
            for (n, i) in range.enumerated() {
                let b = base[i]
                if b == UInt8(ascii: "-"), n == 0 || exponent, range.count > 1 { continue }
                if b == UInt8(ascii: "."), points == 0, !exponent { points += 1; continue }
                if b == UInt8(ascii: "E"), !exponent, digits > 0 { exponent = true; continue }
                guard b >= 0x30, b <= 0x39 else { return (.invalidCharacter, "must be a decimal number (type R), found \"\(value.string)\"") }
                if !exponent { digits += 1 }
            }
            guard digits > 0 else { return (.invalidCharacter, "must be a decimal number (type R), found \"\(value.string)\"") }
            length = digits
        case .date:
            guard range.allSatisfy({ base[$0] >= 0x30 && base[$0] <= 0x39 }) else { return (.invalidDate, "is not a date: \"\(value.string)\"") }
            length = range.count
        case .time:
            guard range.allSatisfy({ base[$0] >= 0x30 && base[$0] <= 0x39 }) else { return (.invalidTime, "is not a time: \"\(value.string)\"") }
            length = range.count
        }
        if length < d.minLength { return (.dataElementTooShort, "is \(length) long, minimum \(d.minLength)") }
        if length > d.maxLength { return (.dataElementTooLong, "is \(length) long, maximum \(d.maxLength)") }
        switch d.type {
        case .date:
            if !Self.isValidDate(value) { return (.invalidDate, "is not a valid date: \"\(value.string)\"") }
        case .time:
            if !Self.isValidTime(value) { return (.invalidTime, "is not a valid time: \"\(value.string)\"") }
        case .identifier:
            if let codes = d.codes, !codes.contains(value.string) {
                return (.invalidCodeValue, "code \"\(value.string)\" is not in code list \(d.reference ?? "")")
            }
        default: break
        }
        return nil
    }

    static func digits(_ value: ByteText, _ from: Int, _ count: Int) -> Int {
        var n = 0
        for i in 0..<count { n = n * 10 + Int(value.base[value.range.lowerBound + from + i] - 0x30) }
        return n
    }

    static func isValidDate(_ value: ByteText) -> Bool {
        let year: Int, month: Int, day: Int
        switch value.count {
        case 8: (year, month, day) = (digits(value, 0, 4), digits(value, 4, 2), digits(value, 6, 2))
        case 6: (year, month, day) = (2000 + digits(value, 0, 2), digits(value, 2, 2), digits(value, 4, 2))
        default: return false
        }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    static func isValidTime(_ value: ByteText) -> Bool {
        guard value.count >= 4 else { return false }
        guard digits(value, 0, 2) < 24, digits(value, 2, 2) < 60 else { return false }
        if value.count >= 6, digits(value, 4, 2) >= 60 { return false }
        return value.count != 5
    }

    private func syntaxNoteErrors(_ definition: SegmentDefinition, present: [Bool], elements: [ByteText]) -> [ElementError] {
        var errors: [ElementError] = []
        func ref(_ p: Int) -> String? { definition.elements[p - 1].reference }
        func missing(_ p: Int, _ note: SyntaxNote, _ why: String) {
            // Two notes can require the same element (PO4 C0506 and P0607): report it once.
            guard !errors.contains(where: { $0.position == p && $0.code == .conditionalRequiredElementMissing }) else { return }
            errors.append(ElementError(position: p, reference: ref(p), code: .conditionalRequiredElementMissing, message: "\(definition.id)\(p.twoDigits) is required by syntax note \(note): \(why)"))
        }
        for note in definition.syntaxNotes {
            let flags = note.positions.map { present[$0] }
            switch note.kind {
            case .paired:
                if flags.contains(true), flags.contains(false) {
                    for (p, f) in zip(note.positions, flags) where !f { missing(p, note, "paired elements must all be present") }
                }
            case .required:
                if !flags.contains(true) { missing(note.positions[0], note, "at least one of them is required") }
            case .exclusion:
                let on = zip(note.positions, flags).filter(\.1).map(\.0).sorted()
                if on.count > 1 {
                    let p = on[1]
                    errors.append(ElementError(position: p, reference: ref(p), code: .exclusionConditionViolated, value: elements[p - 1].string, message: "\(definition.id)\(p.twoDigits) excluded by syntax note \(note): not more than one may be present"))
                }
            case .conditional:
                if flags[0] {
                    for (p, f) in zip(note.positions.dropFirst(), flags.dropFirst()) where !f { missing(p, note, "\(definition.id)\(note.positions[0].twoDigits) is present") }
                }
            case .listConditional:
                if flags[0], !flags.dropFirst().contains(true) { missing(note.positions[1], note, "\(definition.id)\(note.positions[0].twoDigits) is present and needs one of the others") }
            }
        }
        return errors
    }
}
