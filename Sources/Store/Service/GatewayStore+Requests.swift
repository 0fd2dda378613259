import Foundation

/// An API call's answer kept under its Idempotency-Key, so a repeated call gets the same answer.
public struct StoredResponse: Sendable, Hashable {
    public let requestSHA256: String
    public let status: Int
    public let body: Data
}

extension GatewayStore {
    public func storedResponse(endpoint: String, key: String) async throws -> StoredResponse? {
        try await database.read { db in
            guard let row = try db.fetchOne(sql: "SELECT request_sha256, status, body FROM api_requests WHERE endpoint = ? AND idempotency_key = ?",
                                             arguments: [endpoint, key]) else { return nil }
            return StoredResponse(requestSHA256: row["request_sha256"], status: row["status"], body: row["body"])
        }
    }

    /// Keeps the first answer for a key; a later one under the same key is ignored.
    public func storeResponse(endpoint: String, key: String, requestSHA256: String, status: Int, body: Data, caller: String, at date: Date = Date()) async throws {
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO api_requests (endpoint, idempotency_key, request_sha256, status, body, caller, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (endpoint, idempotency_key) DO NOTHING
                """, arguments: [endpoint, key, requestSHA256, status, body, caller, GatewayTimestamp.text(date)])
        }
    }
}
