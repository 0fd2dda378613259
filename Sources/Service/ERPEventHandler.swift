import Documents
import Foundation
import Gateway
import Logging
import Mapping
import Partners
import Store
import Transport
import X12

/// A shipment or invoice handed over by the ERP (HTTP API or drop folder) becomes an 856 or
/// 810: the same checks and the same outbox as `edigate gateway send`, answered with the
/// control numbers and file name, or with a problem document naming what to fix.
struct ERPEventHandler: Sendable {
    enum Kind: String, Sendable {
        case shipments, invoices
        var documentType: CanonicalDocumentType { self == .shipments ? .shipNotice : .invoice }
        var transactionSet: String { self == .shipments ? "856" : "810" }
    }

    /// What the caller gets: an HTTP status and a JSON body (a report, or a problem document).
    struct Answer: Sendable {
        var status: Int
        var body: Data
        var isProblem: Bool
    }

    /// Bodies larger than this are refused before parsing.
    static let maxBodyBytes = 1 << 20

    let store: GatewayStore
    let configuration: ConfigurationBox
    let library: SchemaLibrary
    let metrics: GatewayMetrics
    let logger: Logger
    let now: @Sendable () -> Date

    func handle(_ kind: Kind, partner: String?, body: [UInt8], caller: String, correction: Bool = false) async -> Answer {
        guard let partner, !partner.isEmpty else {
            return problem(400, "Partner missing", "name the partner: ?partner=<profile id>")
        }
        let loaded = configuration.current
        guard let profile = loaded.partners.profile(id: partner) else {
            return problem(404, "Unknown partner", "no partner profile '\(partner)' in \(loaded.configuration.partners)")
        }
        guard body.count <= Self.maxBodyBytes else { return problem(413, "Body too large", "at most \(Self.maxBodyBytes) bytes") }
        let document: CanonicalDocument
        do {
            let value = try CanonicalJSON.parse(body)
            guard value.arrayItems == nil else { return problem(400, "One document per call", "the body is an array; send one \(kind.documentType.rawValue) per call") }
            document = try CanonicalDocument(type: kind.documentType, value: value)
        } catch {
            return problem(400, "Not a \(kind.documentType.rawValue)", MapReader.describe(error))
        }
        let transport: any Transport
        do { transport = try profile.transport.makeTransport() } catch {
            return problem(503, "Partner transport unavailable", "\(error)")
        }
        defer { Task { await transport.close() } }
        let sender = OutboundDocumentSender(store: store, profile: profile, transport: transport, library: library, maps: loaded.maps, now: now)
        let answer: Answer
        var outcome = "failed"
        do {
            let report = try await sender.send(document, correction: correction)
            outcome = report.outcome.rawValue
            if report.outcome == .sent { metrics.documentSent(partner: partner, type: kind.transactionSet) }
            answer = Answer(status: report.outcome == .sent ? 201 : 200, body: Self.json(report), isProblem: false)
        } catch let refusal as OutboundSendRefusal {
            outcome = "refused"
            answer = problem(422, "Refused: does not match the partner's order", refusal.description, type: "https://edigate.dev/problems/refused")
        } catch {
            // Recorded before the upload failed, it waits in the outbox; the same call again
            // answers alreadySent once it is out.
            answer = problem(503, "Not sent yet", "\(error)")
        }
        _ = try? await store.audit.append(AuditEvent(partner: partner, document: nil, kind: .eventReceived, details: [
            "type": .text(kind.transactionSet), "caller": .text(caller), "outcome": .text(outcome), "status": .integer(Int64(answer.status)),
        ]), at: now())
        logger.info("ERP event", metadata: ["partner": "\(partner)", "type": "\(kind.transactionSet)", "caller": "\(caller)", "outcome": "\(outcome)"])
        return answer
    }

    func problem(_ status: Int, _ title: String, _ detail: String, type: String = "about:blank") -> Answer {
        let body: [String: AnyEncodable] = ["type": .init(type), "title": .init(title), "status": .init(status), "detail": .init(detail)]
        return Answer(status: status, body: Self.json(body), isProblem: true)
    }

    static func json(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}

/// A JSON value of one of the few kinds problem documents hold.
struct AnyEncodable: Encodable, Sendable {
    private let encodeValue: @Sendable (any Encoder) throws -> Void
    init<T: Encodable & Sendable>(_ value: T) { encodeValue = { try value.encode(to: $0) } }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}
