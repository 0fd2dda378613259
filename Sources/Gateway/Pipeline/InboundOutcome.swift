import Foundation
import Store

/// The end state one processing attempt leads a file to, decided by `InboundOutcomeRules`.
enum InboundOutcome: Sendable, Hashable {
    case done
    case failed(reason: String)
    /// `retryAt` nil: the file waits for a person to release it.
    case held(reason: String, retryAt: Date?)
    case deadLetter(reason: String)
}

/// Something that keeps a file from ending `done` without being the file's fault.
struct ProcessingHold: Sendable, Hashable {
    var reason: String
    /// A policy hold (credit, a PO number received twice): retrying alone will not decide it.
    var waitsForPerson: Bool
}

/// The pipeline's outcome rules, as pure code: no store, no clock of its own, no I/O, so every
/// rule is tested on its own (`InboundOutcomeRulesTests`).
///
/// - The first problem of the file wins (it is what the partner must fix); holds met on the way
///   are named after it, since they too will need to be looked at.
/// - Without a problem, any hold for a person holds the file until ops release it.
/// - Other holds follow the profile's schedule by the number of holds so far; once the schedule
///   is used up the file is a dead letter, so a neighbour that never comes back ends with a
///   person, not in an endless loop.
/// - Nothing found: done.
struct InboundOutcomeRules: Sendable {
    /// `heldRetryDelaysSeconds` of the partner's profile.
    let delays: [Double]

    func decide(problem: String?, holds: [ProcessingHold], holdsSoFar: Int, now: Date) -> InboundOutcome {
        if let problem {
            return .failed(reason: ([problem] + holds.map(\.reason)).joined(separator: "; "))
        }
        guard !holds.isEmpty else { return .done }
        let reason = holds.map(\.reason).joined(separator: "; ")
        if holds.contains(where: \.waitsForPerson) {
            return .held(reason: reason, retryAt: nil)
        }
        guard holdsSoFar < delays.count else {
            return .deadLetter(reason: "\(reason); still held after \(delays.count) scheduled retries")
        }
        return .held(reason: reason, retryAt: now.addingTimeInterval(delays[holdsSoFar]))
    }
}
