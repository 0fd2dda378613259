/// Why a PostgreSQL store could not be used, with what a person needs to fix it.
public enum PostgresStoreError: Error, Sendable, CustomStringConvertible {
    case badLocation(String, reason: String)
    case cannotConnect(location: String, reason: String)
    /// A statement the server refused: its SQLSTATE and message, and the statement's first line.
    case statementFailed(sqlState: String?, message: String, statement: String)
    case closed(location: String)

    public var description: String {
        switch self {
        case .badLocation(let text, let reason):
            return "store location \(text): \(reason)"
        case .cannotConnect(let location, let reason):
            return "cannot connect to the PostgreSQL store \(location): \(reason)"
        case .statementFailed(let sqlState, let message, let statement):
            return "PostgreSQL refused a statement (SQLSTATE \(sqlState ?? "?")): \(message) — in: \(statement)"
        case .closed(let location):
            return "the PostgreSQL store \(location) is closed"
        }
    }

    /// A conflict PostgreSQL resolved by rolling one transaction back: running it again is right.
    var isRetryable: Bool {
        guard case .statementFailed(let state?, _, _) = self else { return false }
        // serialization_failure, deadlock_detected, unique_violation (two instances inserting
        // the same key at once: the retry sees the other's row and takes the "exists" path).
        return state == "40001" || state == "40P01" || state == "23505"
    }
}
