import Foundation

/// Where an inbound file stands. `received` means recorded and not yet taken by a worker;
/// `processing` is leased to one worker; `held` waits on something outside: on the ERP until
/// `retryAt` (so a failing dependency delays a file and never drops it), or on a person when
/// there is no `retryAt`. `quarantined` files ended the process too often and `deadLetter`
/// files outlived their hold schedule: both wait for ops.
public enum InboundState: Sendable, Hashable, CustomStringConvertible {
    case received
    case processing
    case done
    case failed(reason: String)
    case held(reason: String, retryAt: Date?)
    case quarantined(reason: String)
    case deadLetter(reason: String)

    /// The state without its payload: what the table's `state` column holds.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case received, processing, done, failed, held, quarantined, deadLetter
    }

    public var kind: Kind {
        switch self {
        case .received: return .received
        case .processing: return .processing
        case .done: return .done
        case .failed: return .failed
        case .held: return .held
        case .quarantined: return .quarantined
        case .deadLetter: return .deadLetter
        }
    }

    public var reason: String? {
        switch self {
        case .failed(let reason), .held(let reason, _), .quarantined(let reason), .deadLetter(let reason): return reason
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .held(let reason, let retryAt?): return "held until \(GatewayTimestamp.text(retryAt)) (\(reason))"
        case .held(let reason, nil): return "held for a person (\(reason))"
        case .failed(let reason), .quarantined(let reason), .deadLetter(let reason): return "\(kind.rawValue) (\(reason))"
        default: return kind.rawValue
        }
    }
}
