import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One answer from the console over real HTTP.
struct ConsoleHTTPResponse: Sendable {
    let status: Int
    let contentType: String?
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as the JSON value it is (object or array), for assertions on fields.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: body)
    }

    func object() throws -> [String: Any] {
        guard let object = try json() as? [String: Any] else { throw ConsoleHTTPFailure("not a JSON object: \(text)") }
        return object
    }

    func array() throws -> [[String: Any]] {
        guard let array = try json() as? [[String: Any]] else { throw ConsoleHTTPFailure("not a JSON array: \(text)") }
        return array
    }
}

struct ConsoleHTTPFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Requests with the shared client (no shutdown to forget).
enum ConsoleHTTP {
    static func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = []) async throws -> ConsoleHTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 22)
        return ConsoleHTTPResponse(status: Int(response.status.code), contentType: response.headers.first(name: "content-type"),
                                   body: Data(bytes.readableBytesView))
    }
}
