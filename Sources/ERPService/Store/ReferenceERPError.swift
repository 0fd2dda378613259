import ERP

/// Requests the reference ERP refuses; each becomes an `application/problem+json` answer.
public enum ReferenceERPError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownCustomer(String)
    case invalidRequest(String)
    case orderConflict(partnerId: String, poNumber: String)

    public var problem: ProblemDetails {
        switch self {
        case .unknownCustomer(let id):
            ProblemDetails(type: "https://edigate.dev/problems/unknown-customer", title: "Unknown customer", status: 404, detail: "no customer \(id)")
        case .invalidRequest(let why):
            ProblemDetails(type: "https://edigate.dev/problems/invalid-request", title: "Invalid request", status: 400, detail: why)
        case .orderConflict(let partner, let po):
            ProblemDetails(type: "https://edigate.dev/problems/order-conflict", title: "Order path and body disagree", status: 409, detail: "path names \(partner)/\(po)")
        }
    }

    public var description: String { problem.detail ?? problem.title }
}
