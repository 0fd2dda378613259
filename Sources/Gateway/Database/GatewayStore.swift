import Foundation
import GRDB

/// The gateway's durable memory: one SQLite file (WAL) holding inbound files and their bytes,
/// outbound documents and their acknowledgments, control numbers and the audit trail.
///
/// Every state change and its audit entry commit in one transaction, and a commit is on disk
/// before the call returns, so whatever the gateway did next (archive on the server, send to
/// the ERP) happened after the record was safe. Several stores, in one process or several,
/// may open the same file: SQLite serialises their writes.
public final class GatewayStore: Sendable {
    public let path: String
    let database: DatabasePool
    public let audit: AuditTrail

    public init(path: String) throws {
        self.path = path
        self.database = try GatewayDatabase.open(path: path)
        self.audit = AuditTrail(database: database)
    }

    /// Control numbers from this store's file.
    public func controlNumbers(ranges: ControlNumberRanges = ControlNumberRanges()) -> DurableControlNumberSource {
        DurableControlNumberSource(database: database, ranges: ranges)
    }
}
