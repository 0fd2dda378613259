/// The validator's fast path: decides from the bytes alone whether a segment's elements
/// certainly meet their compiled definition. It builds nothing. `false` means "look
/// closer": the detailed `ElementValidator` then reports the errors (or finds none, for the
/// rare shapes this check does not decide, such as 5010 repeats). So a `true` here must
/// never hide an error the detailed check would report.
enum ElementQuickCheck {
    struct Separators {
        var element: UInt8
        var component: UInt8
        /// -1 where repeats are not split (before 5010, or no repetition separator).
        var repetition: Int
    }

    /// `p[idEnd..<end]` is the segment after its identifier: empty, or starting with the
    /// element separator.
    @inline(__always)
    static func passes(_ p: UnsafePointer<UInt8>, idEnd: Int, end: Int, segment: CompiledSegment, schema: CompiledTransactionSet, separators: Separators) -> Bool {
        guard segment.isScreenable else { return false }
        let count = Int(segment.elementCount)
        let definitions = schema.elements.baseAddress! + Int(segment.elementStart)
        let separator = separators.element
        var present: UInt64 = 0
        var position = 0
        var i = idEnd
        while i < end {
            let start = i + 1
            position += 1
            if position <= count {
                let element = definitions[position - 1]
                // Text and integers, most elements, are checked in the pass that finds their end.
                if element.kind == .alphanumeric || element.kind == .identifier || element.kind == .numeric {
                    let j = element.kind == .numeric ? scanInteger(p, start, end, separators) : scanText(p, start, end, separators)
                    if j < 0 { return false }
                    i = j
                    if j == start { continue }
                    present |= 1 << UInt64(position)
                    let length = element.kind == .numeric ? j - start - (p[start] == UInt8(ascii: "-") ? 1 : 0) : characterCount(p, start, j)
                    if length < Int(element.minLength) || length > Int(element.maxLength) { return false }
                    if element.codeList >= 0, element.kind == .identifier, !schema.codeLists[Int(element.codeList)].contains(p, from: start, to: j) { return false }
                    continue
                }
            }
            var j = start
            while j < end, p[j] != separator { j += 1 }
            i = j
            if j == start { continue }
            // An extra element is an error unless it and all after it are empty.
            if position > count { return false }
            present |= 1 << UInt64(position)
            if !valueIsValid(p, start, j, definitions[position - 1], schema: schema, separators: separators) { return false }
        }
        if segment.mandatoryMask & ~present != 0 { return false }
        let notes = schema.notes.baseAddress! + Int(segment.noteStart)
        for n in 0..<Int(segment.noteCount) where !notes[n].isMet(present) { return false }
        return true
    }

    /// The end of an AN/ID value starting at `start`, or -1 where it holds a control
    /// character, the component separator or (5010) the repetition separator.
    @inline(__always)
    private static func scanText(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ separators: Separators) -> Int {
        let separator = separators.element, component = separators.component
        let repetition = separators.repetition
        var k = start
        while k < end {
            let b = p[k]
            if b == separator { return k }
            if b < 0x20 || b == 0x7F || b == component || Int(b) == repetition { return -1 }
            k += 1
        }
        return k
    }

    /// The end of an Nn value (digits after an optional minus sign), or -1 where it is not one.
    @inline(__always)
    private static func scanInteger(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ separators: Separators) -> Int {
        let separator = separators.element
        var k = start
        if k + 1 < end, p[k] == UInt8(ascii: "-"), p[k + 1] != separator { k += 1 }
        while k < end {
            let b = p[k]
            if b &- 0x30 > 9 { return b == separator ? k : -1 }
            k += 1
        }
        return k
    }

    /// UTF-8 characters (bytes that start one) in `p[start..<end]`.
    @inline(__always)
    private static func characterCount(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var characters = 0
        for k in start..<end where p[k] & 0xC0 != 0x80 { characters += 1 }
        return characters
    }

    @inline(__always)
    private static func valueIsValid(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ element: CompiledElement, schema: CompiledTransactionSet, separators: Separators) -> Bool {
        if separators.repetition >= 0 {
            let repetition = UInt8(truncatingIfNeeded: separators.repetition)
            for k in start..<end where p[k] == repetition { return false }
        }
        let component = separators.component
        guard element.kind == .composite else {
            for k in start..<end where p[k] == component { return false }
            return simpleIsValid(p, start, end, element, schema: schema)
        }
        let parts = schema.components.baseAddress! + Int(element.componentStart)
        let partCount = Int(element.componentCount)
        var c = 0
        var s = start
        while true {
            var e = s
            while e < end, p[e] != component { e += 1 }
            if e > s {
                if c >= partCount || !simpleIsValid(p, s, e, parts[c], schema: schema) { return false }
            } else if c < partCount, parts[c].isMandatory {
                return false
            }
            c += 1
            if e >= end { break }
            s = e + 1
        }
        // Components never written are missing; mandatory ones are errors.
        while c < partCount {
            if parts[c].isMandatory { return false }
            c += 1
        }
        return true
    }

    /// Type, length, date/time and code list of one present simple value, as
    /// `ElementValidator.check` decides them.
    @inline(__always)
    private static func simpleIsValid(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ element: CompiledElement, schema: CompiledTransactionSet) -> Bool {
        let length: Int
        switch element.kind {
        case .alphanumeric, .identifier:
            var characters = 0
            for k in start..<end {
                let b = p[k]
                if b < 0x20 || b == 0x7F { return false }
                if b & 0xC0 != 0x80 { characters += 1 }
            }
            length = characters
        case .binary:
            var characters = 0
            for k in start..<end where p[k] & 0xC0 != 0x80 { characters += 1 }
            length = characters
        case .numeric:
            var k = start
            if p[k] == UInt8(ascii: "-"), end - start > 1 { k += 1 }
            while k < end {
                if p[k] &- 0x30 > 9 { return false }
                k += 1
            }
            length = end - start - (p[start] == UInt8(ascii: "-") && end - start > 1 ? 1 : 0)
        case .decimal:
            guard let digits = decimalDigits(p, start, end) else { return false }
            length = digits
        case .date, .time:
            for k in start..<end where p[k] &- 0x30 > 9 { return false }
            length = end - start
        case .composite:
            return false
        }
        if length < Int(element.minLength) || length > Int(element.maxLength) { return false }
        switch element.kind {
        case .date: return isValidDate(p, start, end)
        case .time: return isValidTime(p, start, end)
        case .identifier:
            return element.codeList < 0 || schema.codeLists[Int(element.codeList)].contains(p, from: start, to: end)
        default: return true
        }
    }

    /// Digits of a type R value (before any exponent), or `nil` when it is not a number.
    @inline(__always)
    private static func decimalDigits(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        let count = end - start
        var digits = 0
        var points = 0
        var exponent = false
        for k in start..<end {
            let b = p[k]
            if b == UInt8(ascii: "-"), k == start || exponent, count > 1 { continue }
            if b == UInt8(ascii: "."), points == 0, !exponent { points += 1; continue }
            if b == UInt8(ascii: "E"), !exponent, digits > 0 { exponent = true; continue }
            guard b &- 0x30 <= 9 else { return nil }
            if !exponent { digits += 1 }
        }
        return digits > 0 ? digits : nil
    }

    @inline(__always)
    private static func digits(_ p: UnsafePointer<UInt8>, _ from: Int, _ count: Int) -> Int {
        var n = 0
        for i in 0..<count { n = n * 10 + Int(p[from + i] &- 0x30) }
        return n
    }

    private static func isValidDate(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let year: Int, month: Int, day: Int
        switch end - start {
        case 8: (year, month, day) = (digits(p, start, 4), digits(p, start + 4, 2), digits(p, start + 6, 2))
        case 6: (year, month, day) = (2000 + digits(p, start, 2), digits(p, start + 2, 2), digits(p, start + 4, 2))
        default: return false
        }
        guard month >= 1, month <= 12, day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days: Int
        switch month {
        case 2: days = leap ? 29 : 28
        case 4, 6, 9, 11: days = 30
        default: days = 31
        }
        return day <= days
    }

    private static func isValidTime(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let count = end - start
        guard count >= 4, count != 5 else { return false }
        guard digits(p, start, 2) < 24, digits(p, start + 2, 2) < 60 else { return false }
        return count < 6 || digits(p, start + 4, 2) < 60
    }
}
