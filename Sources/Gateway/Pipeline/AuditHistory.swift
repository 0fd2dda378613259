import Foundation

/// What the audit trail already says was done for one document, so that a file processed a
/// second time (released hold, retry, restart) does not send the same answer twice.
struct AuditHistory: Sendable {
    private let entries: [(event: String, details: [String: String])]

    init(store: GatewayStore, document: String) async throws {
        entries = try await store.audit.entries(document: document).map { entry in
            let object = (try? JSONSerialization.jsonObject(with: Data(entry.details.utf8))) as? [String: Any] ?? [:]
            return (entry.event, object.compactMapValues { $0 as? String })
        }
    }

    /// `field` of the latest `kind` entry whose `key` equals `value`, if any.
    func value(of kind: AuditEventKind, key: String, equal value: String, field: String) -> String? {
        entries.last { $0.event == kind.rawValue && $0.details[key] == value }?.details[field]
    }
}
