import Foundation
import Store
import X12

/// Envelope dates and times (CCYYMMDD, HHMM) in UTC, from one instant, so that an
/// acknowledgment's ISA/GS and the store's `sent_at` describe the same moment.
struct X12Timestamp: Sendable {
    let date: String
    let time: String

    init(_ instant: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        date = String(format: "%04d%02d%02d", c.year!, c.month!, c.day!)
        time = String(format: "%02d%02d", c.hour!, c.minute!)
    }

    var acknowledgment: AcknowledgmentTimestamp { AcknowledgmentTimestamp(date: date, time: time) }
}
