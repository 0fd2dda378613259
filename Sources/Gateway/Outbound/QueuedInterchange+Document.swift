import Foundation
import Mapping
import Partners
import Store
import X12

extension QueuedInterchange {
    /// One canonical document as an interchange of its own for the partner (one group, one
    /// set), enveloped with the partner's durable control numbers when the store queues it.
    /// `refusal` turns a generation failure into the caller's error (nothing is queued then).
    static func single(_ document: @escaping @Sendable (_ interchange: Int) -> CanonicalDocument, type: String, profile: PartnerProfile, generator: DocumentGenerator,
                       stamp: X12Timestamp, refusal: @escaping @Sendable (any Error) -> any Error) -> QueuedInterchange {
        QueuedInterchange(type: type, label: type, need: ControlNumberNeed(interchanges: 1, groups: 1, transactionSets: 1, ta1: false)) { numbers in
            let interchange = numbers.next(.interchange, partner: profile.id)
            let envelope = profile.outboundEnvelope(interchangeControl: interchange, groupControl: numbers.next(.group, partner: profile.id),
                                                    setControl: numbers.next(.transactionSet, partner: profile.id), date: stamp.date, time: stamp.time)
            do {
                return try generator.generateInterchange(document(interchange), envelope: envelope)
            } catch {
                throw refusal(error)
            }
        }
    }

    /// `single` for a document that does not name its own interchange: its body is mapped now,
    /// before the store's transaction, which then only envelopes it with the numbers it draws.
    static func single(_ document: CanonicalDocument, type: String, profile: PartnerProfile, generator: DocumentGenerator,
                       stamp: X12Timestamp, refusal: @escaping @Sendable (any Error) -> any Error) -> QueuedInterchange {
        let provisional = profile.outboundEnvelope(interchangeControl: 0, groupControl: 0, setControl: 0, date: stamp.date, time: stamp.time)
        let prepared = Result { () throws(GenerationError) in try generator.prepare(document, envelope: provisional) }
        return QueuedInterchange(type: type, label: type, need: ControlNumberNeed(interchanges: 1, groups: 1, transactionSets: 1, ta1: false)) { numbers in
            let interchange = numbers.next(.interchange, partner: profile.id)
            let envelope = profile.outboundEnvelope(interchangeControl: interchange, groupControl: numbers.next(.group, partner: profile.id),
                                                    setControl: numbers.next(.transactionSet, partner: profile.id), date: stamp.date, time: stamp.time)
            do {
                return try generator.generateInterchange(try prepared.get(), envelope: envelope)
            } catch {
                throw refusal(error)
            }
        }
    }
}
