import Documents
import Foundation

/// Element text ↔ canonical value for each `ValueFormat`. Numbers go through `Decimal`
/// only, so `19.99` stays `19.99`.
enum ValueConversion {
    static func read(_ raw: String, format: ValueFormat) -> CanonicalValue? {
        switch format {
        case .text:
            return .string(raw)
        case .decimal:
            guard let d = decimal(raw) else { return nil }
            return .number(plain(d))
        case .integer:
            guard let n = Int(raw) else { return nil }
            return .number(String(n))
        case .cents:
            guard let n = Int(raw) else { return nil }
            return .number(plain(Decimal(n) / 100))
        case .date:
            guard raw.count == 8, raw.allSatisfy(\.isASCIIDigit), isCalendarDate(raw) else { return nil }
            let c = Array(raw)
            return .string(String(c[0..<4]) + "-" + String(c[4..<6]) + "-" + String(c[6..<8]))
        }
    }

    static func write(_ value: CanonicalValue, format: ValueFormat) -> String? {
        guard let text = value.scalarText else { return nil }
        switch format {
        case .text:
            return text
        case .decimal:
            return decimal(text).map(plain)
        case .integer:
            guard let d = decimal(text), d == d.rounded(0) else { return nil }
            return plain(d)
        case .cents:
            guard let d = decimal(text) else { return nil }
            return plain((d * 100).rounded(0))
        case .date:
            let c = Array(text)
            guard c.count == 10, c[4] == "-", c[7] == "-" else { return nil }
            let digits = String(c[0..<4]) + String(c[5..<7]) + String(c[8..<10])
            guard digits.allSatisfy(\.isASCIIDigit), isCalendarDate(digits) else { return nil }
            return digits
        }
    }

    /// Strict decimal text: optional sign, digits, optional fraction (X12 R allows `.5`).
    /// Checked as bytes: every amount and quantity of every document passes here.
    static func decimal(_ text: String) -> Decimal? {
        var body = text.utf8[...]
        if let sign = body.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { body = body.dropFirst() }
        let exponentFree = !body.contains(UInt8(ascii: "e")) && !body.contains(UInt8(ascii: "E"))
        if exponentFree {
            var points = 0, digits = 0
            for byte in body {
                if byte == UInt8(ascii: ".") { points += 1 } else if byte >= 0x30, byte <= 0x39 { digits += 1 } else { return nil }
            }
            guard points <= 1, digits > 0 else { return nil }
        }
        return Decimal(string: text, locale: posix)
    }

    /// Made once: creating a locale costs more than reading the number.
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Plain digits, no exponent, no trailing fraction zeros.
    static func plain(_ d: Decimal) -> String {
        let text = d.description
        if text.utf8.contains(UInt8(ascii: "e")) || text.utf8.contains(UInt8(ascii: "E")) {
            return NSDecimalNumber(decimal: d).stringValue
        }
        return text
    }

    static func isCalendarDate(_ digits: String) -> Bool {
        let c = Array(digits)
        guard let year = Int(String(c[0..<4])), let month = Int(String(c[4..<6])), let day = Int(String(c[6..<8])) else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
