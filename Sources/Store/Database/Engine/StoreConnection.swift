/// One engine's connection inside one transaction: what the store's SQL runs on.
///
/// Statements are written once, in the SQL both engines read the same way (`?` placeholders,
/// `ON CONFLICT … DO NOTHING/UPDATE`, `INSERT … RETURNING id`, text timestamps, integer flags); what differs
/// between engines is asked of the connection by name (`lockingRead`, `skipLocked`), never
/// spelled as engine SQL in the store. Write transactions need no lock of their own: the engine
/// runs them one at a time (`StoreDatabase.write`).
///
/// Calls are synchronous: a transaction's body is plain code between BEGIN and COMMIT, run by
/// the engine where blocking is allowed (GRDB's writer queue, a thread of the PostgreSQL pool).
public protocol StoreConnection: AnyObject {
    func execute(sql: String, arguments: StoreArguments) throws
    func fetchAll(sql: String, arguments: StoreArguments) throws -> [StoreRow]
    /// Appended to a SELECT that reads rows the transaction is about to change: on an engine
    /// with row locks (PostgreSQL) it takes them, so two instances cannot both act on a stale read.
    var lockingRead: String { get }
    /// Appended to a SELECT that picks work to claim: rows another transaction holds are
    /// skipped instead of waited for.
    var skipLocked: String { get }
}

extension StoreConnection {
    public func execute(sql: String) throws {
        try execute(sql: sql, arguments: [])
    }

    public func fetchAll(sql: String) throws -> [StoreRow] {
        try fetchAll(sql: sql, arguments: [])
    }

    public func fetchOne(sql: String, arguments: StoreArguments = []) throws -> StoreRow? {
        try fetchAll(sql: sql, arguments: arguments).first
    }

    /// The first column of the first row, nil when there is no row or it is NULL.
    public func fetchOne<Value: StoreValueConvertible>(_ type: Value.Type, sql: String, arguments: StoreArguments = []) throws -> Value? {
        try fetchOne(sql: sql, arguments: arguments)?.first(as: type)
    }

    /// The first column of every row (NULLs left out).
    public func fetchAll<Value: StoreValueConvertible>(_ type: Value.Type, sql: String, arguments: StoreArguments = []) throws -> [Value] {
        try fetchAll(sql: sql, arguments: arguments).compactMap { $0.first(as: type) }
    }
}
