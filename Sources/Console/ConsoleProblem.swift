import Store

/// Every refusal of the console's API, answered as an RFC 9457 problem document so a script
/// (or the page) can show the reason without parsing prose out of a status line.
public struct ConsoleProblem: Error, Codable, Sendable, Hashable {
    public static let mediaType = "application/problem+json"

    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?

    public init(type: String = "about:blank", title: String, status: Int, detail: String? = nil) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
    }

    static func badRequest(_ detail: String) -> ConsoleProblem {
        ConsoleProblem(title: "Bad request", status: 400, detail: detail)
    }

    static func notFound(_ detail: String) -> ConsoleProblem {
        ConsoleProblem(title: "Not found", status: 404, detail: detail)
    }

    /// The store's refusals that ops caused (unknown id, a state that does not allow the
    /// change) become 4xx; anything else is the gateway's trouble and a 500.
    init(_ error: GatewayStoreError) {
        switch error {
        case .noSuchInboundFile, .noSuchOutboundDocument, .unknownShipToChange:
            self = .notFound(error.description)
        case .invalidTransition, .notReplayable, .shipToChangeClosed:
            self.init(type: "https://edigate.dev/problems/invalid-transition", title: "State does not allow this", status: 409, detail: error.description)
        default:
            self.init(title: "Gateway store error", status: 500, detail: error.description)
        }
    }
}
