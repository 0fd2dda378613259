/// What `GatewayStore.recordInbound` made of a pickup.
public enum InboundRecord: Sendable, Hashable {
    /// First time this partner sent these bytes: recorded in `received`, to be processed.
    case new(InboundFile)
    /// The partner already sent these bytes (a re-pickup after a crash before the server-side
    /// archive, or a partner resending): nothing to process; the pickup may archive the file.
    case duplicate(of: InboundFile)

    public var file: InboundFile {
        switch self {
        case .new(let file), .duplicate(of: let file): return file
        }
    }

    public var isDuplicate: Bool {
        if case .duplicate = self { return true }
        return false
    }
}
