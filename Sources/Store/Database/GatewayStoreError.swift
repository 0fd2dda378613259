/// Every way the gateway's store refuses or fails, with what ops need to find the row or file.
public enum GatewayStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// SQLite could not open or migrate the file.
    case cannotOpen(path: String, reason: String)
    /// The file opens but lacks the gateway's tables (opened read-only, so nothing was created).
    case notAGatewayDatabase(path: String, missingMigrations: [String])
    /// The bytes handed over do not have the checksum the transfer reported: the staging file
    /// changed or was cut, so recording it would record the wrong document.
    case checksumMismatch(partner: String, name: String, declared: String, computed: String)
    case noSuchInboundFile(id: Int64)
    case noSuchOutboundDocument(id: Int64)
    /// Only a sent interchange is replayed; a pending one is on its way already.
    case notReplayable(id: Int64, state: String)
    /// A state change that the life cycle does not allow, e.g. `done` for a file never claimed.
    case invalidTransition(id: Int64, from: InboundState.Kind, to: InboundState.Kind)
    /// A row whose stored values cannot be read back (edited by hand, or a newer schema).
    case corruptRow(table: String, key: String, detail: String)
    case invalidControlNumberRange(kind: String, lower: Int, upper: Int, reason: String)
    /// This worker no longer holds the file: its lease ran out and another worker took it over,
    /// or ops moved it. The worker must stop, or the steps would be done twice.
    case leaseLost(id: Int64, owner: String, holder: String?, state: InboundState.Kind)
    /// A second, different shipment or invoice under a shipment id / invoice number already sent.
    case conflictingDocument(partner: String, type: String, key: String, outbound: Int64)
    /// A file larger than the store records.
    case fileTooLarge(partner: String, name: String, size: Int64, limit: Int64)
    /// A file kept in the content folder is missing, or its bytes no longer have the SHA-256
    /// it was recorded under (the disk, or a person, changed it): nothing is decided from it.
    case contentDamaged(path: String, sha256: String, reason: String)
    /// The content folder could not take a file (disk full, permissions): it stays on the
    /// partner's server and is offered again.
    case contentNotKept(path: String, reason: String)
    case unknownShipToChange(id: Int64)
    /// A ship-to change already decided (applied, rejected, superseded) is not decided again.
    case shipToChangeClosed(id: Int64, status: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the gateway database \(path): \(reason)"
        case .notAGatewayDatabase(let path, let missing):
            return "\(path) is not a gateway database (missing migrations: \(missing.joined(separator: ", ")))"
        case .checksumMismatch(let partner, let name, let declared, let computed):
            return "partner \(partner) file \(name): the transfer reported SHA-256 \(declared) but the bytes have \(computed)"
        case .noSuchInboundFile(let id):
            return "no inbound file with id \(id)"
        case .noSuchOutboundDocument(let id):
            return "no outbound document with id \(id)"
        case .notReplayable(let id, let state):
            return "outbound/\(id) is \(state): only a sent interchange is replayed"
        case .invalidTransition(let id, let from, let to):
            return "inbound file \(id) is \(from.rawValue) and cannot become \(to.rawValue)"
        case .corruptRow(let table, let key, let detail):
            return "\(table) row \(key) cannot be read: \(detail)"
        case .invalidControlNumberRange(let kind, let lower, let upper, let reason):
            return "control number range \(lower)...\(upper) for \(kind): \(reason)"
        case .leaseLost(let id, let owner, let holder, let state):
            return "inbound file \(id) is no longer leased to \(owner) (now \(state.rawValue), held by \(holder ?? "nobody"))"
        case .fileTooLarge(let partner, let name, let size, let limit):
            return "partner \(partner) file \(name): \(size) bytes, more than the \(limit) the store records; left on the partner's server"
        case .contentDamaged(let path, let sha256, let reason):
            return "stored content \(path) (SHA-256 \(sha256)) is damaged: \(reason)"
        case .contentNotKept(let path, let reason):
            return "cannot keep inbound content at \(path): \(reason); the file stays on the partner's server"
        case .unknownShipToChange(let id):
            return "no ship-to change with id \(id)"
        case .shipToChangeClosed(let id, let status):
            return "shipto-change/\(id) is \(status) and cannot be decided again"
        case .conflictingDocument(let partner, let type, let key, let outbound):
            return "partner \(partner) \(type) \(key) was already sent as outbound/\(outbound) with different content"
        }
    }
}
