import Foundation
import Mapping
import Partners
import Store
import X12

extension QueuedInterchange {
    /// One canonical document as an interchange of its own for the partner (one group, one
    /// set), enveloped with the partner's durable control numbers when the store queues it.
    /// `refusal` turns a generation failure into the caller's error (nothing is queued then).
    /// `document` is given the interchange's control number, for documents that name it.
    static func single(_ document: @escaping @Sendable (_ interchange: Int) -> CanonicalDocument, type: String, profile: PartnerProfile, generator: DocumentGenerator,
                       stamp: X12Timestamp, refusal: @escaping @Sendable (any Error) -> any Error) -> QueuedInterchange {
        single(type: type, profile: profile, stamp: stamp, refusal: refusal) { interchange, envelope in
            try generator.generateInterchange(document(interchange), envelope: envelope)
        }
    }

    /// `single` for a document that does not name its own interchange: its body is mapped now,
    /// before the store's transaction, which then only envelopes it with the numbers it draws.
    static func single(_ document: CanonicalDocument, type: String, profile: PartnerProfile, generator: DocumentGenerator,
                       stamp: X12Timestamp, refusal: @escaping @Sendable (any Error) -> any Error) -> QueuedInterchange {
        let provisional = profile.outboundEnvelope(interchangeControl: 0, groupControl: 0, setControl: 0, date: stamp.date, time: stamp.time)
        let prepared = Result { () throws(GenerationError) in try generator.prepare(document, envelope: provisional) }
        return single(type: type, profile: profile, stamp: stamp, refusal: refusal) { _, envelope in
            try generator.generateInterchange(try prepared.get(), envelope: envelope)
        }
    }

    /// Draws the interchange's, group's and set's numbers inside the store's transaction and
    /// hands `generate` the partner's envelope carrying them.
    private static func single(type: String, profile: PartnerProfile, stamp: X12Timestamp, refusal: @escaping @Sendable (any Error) -> any Error,
                               generate: @escaping @Sendable (_ interchange: Int, EnvelopeSettings) throws -> WrittenInterchange) -> QueuedInterchange {
        QueuedInterchange(type: type, label: type, need: ControlNumberNeed(interchanges: 1, groups: 1, transactionSets: 1, ta1: false)) { numbers in
            let interchange = numbers.next(.interchange, partner: profile.id)
            let envelope = profile.outboundEnvelope(interchangeControl: interchange, groupControl: numbers.next(.group, partner: profile.id),
                                                    setControl: numbers.next(.transactionSet, partner: profile.id), date: stamp.date, time: stamp.time)
            do {
                return try generate(interchange, envelope)
            } catch {
                throw refusal(error)
            }
        }
    }
}
