import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// How the console answers: JSON, raw interchange bytes, the page, or a problem document.
enum ConsoleResponse {
    static let ediMediaType = "application/edi-x12"

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        // Sorted keys make answers diffable between two calls (and stable in the docs).
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // What the caller's role may not see is masked here, on the way out.
        let data = ConsoleMasking.current.json(try encoder.encode(value))
        return Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Raw partner files are attachments: a browser saves them, never renders them.
    static func interchange(_ bytes: Data) -> Response {
        let masking = ConsoleMasking.current
        var headers: HTTPFields = [.contentType: ediMediaType, .cacheControl: "no-store", .contentDisposition: "attachment"]
        // A masked view is not the file as stored or sent: it says so.
        if !masking.isNone { headers[HTTPField.Name("X-EDIGate-Masked")!] = [masking.prices ? "prices" : nil, masking.parties ? "parties" : nil].compactMap { $0 }.joined(separator: ",") }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: masking.interchange(bytes))))
    }

    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func problem(_ problem: ConsoleProblem) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(problem)) ?? Data(#"{"title":"Internal error","status":500}"#.utf8)
        return Response(status: .init(code: problem.status), headers: [.contentType: ConsoleProblem.mediaType],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
