import Hummingbird

/// The query parameters the API understands, read strictly: a misspelt state or a limit
/// that is not a number is a 400 naming it, never silently "everything".
struct ConsoleQuery: Sendable {
    let parameters: Parameters

    init(_ request: Request) {
        parameters = request.uri.queryParameters
    }

    /// A non-empty text value, or nil when absent or empty (an empty form field means "any").
    func text(_ name: String) -> String? {
        guard let value = parameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    func limit(default defaultLimit: Int) throws(ConsoleProblem) -> Int {
        guard let text = text("limit") else { return defaultLimit }
        guard let value = Int(text), value >= 0 else {
            throw .badRequest("limit must be a whole number, zero or more (got '\(text)')")
        }
        return value
    }

    func choice<Value: RawRepresentable>(_ name: String, among allowed: [Value]) throws(ConsoleProblem) -> Value? where Value.RawValue == String {
        guard let text = text(name) else { return nil }
        guard let value = allowed.first(where: { $0.rawValue == text }) else {
            throw .badRequest("\(name) must be one of \(allowed.map(\.rawValue).joined(separator: ", ")) (got '\(text)')")
        }
        return value
    }
}
