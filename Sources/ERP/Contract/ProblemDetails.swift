/// RFC 9457 `application/problem+json`: how the ERP says what went wrong.
public struct ProblemDetails: Codable, Sendable, Hashable, Error {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    public var instance: String?

    public init(type: String = "about:blank", title: String, status: Int, detail: String? = nil, instance: String? = nil) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.instance = instance
    }

    public static let mediaType = "application/problem+json"
}
