import Store
import X12

/// Reserved control numbers offered to X12's builders under the partner profile's key.
///
/// `AcknowledgmentBuilder` asks for numbers under `"<ISA qualifier>:<ISA ID>"` of the sender it
/// answers, while the pipeline keys every sequence by profile id so that acknowledgments and
/// 855s to one partner share one ISA13/GS06/ST02 sequence (what the partner checks for
/// duplicates and gaps). The builder's key is therefore ignored here; the reservation was made
/// for this partner, and asking for more than it holds still traps.
struct ProfileKeyedControlNumbers: ControlNumberSource {
    private var reserved: ReservedControlNumbers

    init(_ reserved: ReservedControlNumbers) {
        self.reserved = reserved
    }

    mutating func next(_ kind: ControlNumberKind, partner _: String) -> Int {
        reserved.next(kind, partner: reserved.partner)
    }
}
