import Foundation

/// How the gateway writes instants into SQLite: UTC ISO 8601 with milliseconds
/// (`2026-11-26T16:05:00.123Z`). Text rather than a number so that finance and ops read rows
/// with `sqlite3` as they are, and so that the audit hash covers exactly the characters stored;
/// fixed width, so text order is time order and `retry_at <= ?` compares correctly.
public enum GatewayTimestamp {
    public static func text(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(milliseconds.floorDivided(by: 1000))
        let remainder = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Written digit by digit: every audit entry and state change stamps one, and
        // `String(format:)` costs more than the rest of a small transaction.
        var bytes = [UInt8](repeating: 0, count: 24)
        func put(_ value: Int, at start: Int, width: Int) {
            var rest = value
            for index in stride(from: start + width - 1, through: start, by: -1) {
                bytes[index] = UInt8(0x30 + rest % 10)
                rest /= 10
            }
        }
        put(Int(parts.tm_year) + 1900, at: 0, width: 4)
        bytes[4] = 0x2D
        put(Int(parts.tm_mon) + 1, at: 5, width: 2)
        bytes[7] = 0x2D
        put(Int(parts.tm_mday), at: 8, width: 2)
        bytes[10] = 0x54
        put(Int(parts.tm_hour), at: 11, width: 2)
        bytes[13] = 0x3A
        put(Int(parts.tm_min), at: 14, width: 2)
        bytes[16] = 0x3A
        put(Int(parts.tm_sec), at: 17, width: 2)
        bytes[19] = 0x2E
        put(remainder, at: 20, width: 3)
        bytes[23] = 0x5A
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The instant a stored text names, or nil when the text is not in the gateway's form.
    public static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
              bytes[16] == 0x3A, bytes[19] == 0x2E, bytes[23] == 0x5A else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 0x30
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              let millisecond = number(20..<23) else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(millisecond) / 1000)
    }

    /// A date rounded to the milliseconds the database keeps, for comparing with what it returns.
    public static func rounded(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}

private extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
