import ERP

/// Requests the reference ERP refuses; each becomes an `application/problem+json` answer.
public enum ReferenceERPError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownCustomer(String)
    case invalidRequest(String)
    case orderConflict(partnerId: String, poNumber: String)
    case unknownOrder(partnerId: String, poNumber: String)
    case changeConflict(partnerId: String, poNumber: String, changeId: String)
    case unknownShipTo(customerId: String, locationCode: String)

    public var problem: ProblemDetails {
        switch self {
        case .unknownCustomer(let id):
            ProblemDetails(type: "https://edigate.dev/problems/unknown-customer", title: "Unknown customer", status: 404, detail: "no customer \(id)")
        case .invalidRequest(let why):
            ProblemDetails(type: "https://edigate.dev/problems/invalid-request", title: "Invalid request", status: 400, detail: why)
        case .orderConflict(let partner, let po):
            ProblemDetails(type: "https://edigate.dev/problems/order-conflict", title: "Order path and body disagree", status: 409, detail: "path names \(partner)/\(po)")
        case .unknownOrder(let partner, let po):
            ProblemDetails(type: "https://edigate.dev/problems/unknown-order", title: "Unknown order", status: 404, detail: "no order \(partner)/\(po)")
        case .changeConflict(let partner, let po, let change):
            ProblemDetails(type: "https://edigate.dev/problems/change-conflict", title: "Change applied before with another body", status: 409,
                           detail: "change \(change) of \(partner)/\(po) was applied with other lines")
        case .unknownShipTo(let customer, let code):
            ProblemDetails(type: "https://edigate.dev/problems/unknown-ship-to", title: "Unknown ship-to", status: 404, detail: "customer \(customer) has no ship-to for location \(code) to close")
        }
    }

    public var description: String { problem.detail ?? problem.title }
}
