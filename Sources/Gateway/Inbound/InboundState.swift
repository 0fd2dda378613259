import Foundation

/// Where an inbound file stands. `received` means recorded and not yet taken by a worker;
/// `held` is waiting on something outside (the ERP, a partner's fix) and is offered again at
/// `retryAt`, so a failing dependency delays a file and never drops it.
public enum InboundState: Sendable, Hashable, CustomStringConvertible {
    case received
    case processing
    case done
    case failed(reason: String)
    case held(reason: String, retryAt: Date)

    /// The state without its payload: what the table's `state` column holds.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case received, processing, done, failed, held
    }

    public var kind: Kind {
        switch self {
        case .received: return .received
        case .processing: return .processing
        case .done: return .done
        case .failed: return .failed
        case .held: return .held
        }
    }

    public var reason: String? {
        switch self {
        case .failed(let reason), .held(let reason, _): return reason
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .failed(let reason): return "failed (\(reason))"
        case .held(let reason, let retryAt): return "held until \(GatewayTimestamp.text(retryAt)) (\(reason))"
        default: return kind.rawValue
        }
    }
}
