import Foundation
import Store
import X12

/// Envelope dates and times (CCYYMMDD, HHMM) in UTC, from one instant, so that an
/// acknowledgment's ISA/GS and the store's `sent_at` describe the same moment.
struct X12Timestamp: Sendable {
    let date: String
    let time: String

    init(_ instant: Date) {
        // The store's text of the same instant (UTC, whole seconds), cut into X12's fields.
        let text = Array(GatewayTimestamp.text(instant).utf8)
        date = String(decoding: text[0..<4] + text[5..<7] + text[8..<10], as: UTF8.self)
        time = String(decoding: text[11..<13] + text[14..<16], as: UTF8.self)
    }

    var acknowledgment: AcknowledgmentTimestamp { AcknowledgmentTimestamp(date: date, time: time) }
}
