/// What happened, as a dotted name (`inbound.received`). Open for extension: later pipeline
/// stages add their own kinds without a schema change.
public struct AuditEventKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let inboundReceived = AuditEventKind("inbound.received")
    public static let inboundDuplicate = AuditEventKind("inbound.duplicate")
    public static let inboundProcessing = AuditEventKind("inbound.processing")
    public static let inboundDone = AuditEventKind("inbound.done")
    public static let inboundFailed = AuditEventKind("inbound.failed")
    public static let inboundHeld = AuditEventKind("inbound.held")
    public static let inboundRetried = AuditEventKind("inbound.retried")
    /// Found in `processing` after a restart and put back in line.
    public static let inboundRequeued = AuditEventKind("inbound.requeued")
    /// Taken over from a worker whose lease ran out or whose process is gone.
    public static let inboundTakenOver = AuditEventKind("inbound.takenOver")
    /// Interrupted too often: kept for ops instead of being retried forever.
    public static let inboundQuarantined = AuditEventKind("inbound.quarantined")
    /// Held past the last delay of the profile's hold schedule.
    public static let inboundDeadLetter = AuditEventKind("inbound.deadLetter")
    /// An interchange recorded for sending, before its upload (the outbox).
    public static let outboundQueued = AuditEventKind("outbound.queued")
    /// An upload of a queued interchange failed; it stays pending and is uploaded again.
    public static let outboundUploadFailed = AuditEventKind("outbound.uploadFailed")
    public static let outboundSent = AuditEventKind("outbound.sent")
    public static let outboundReplayed = AuditEventKind("outbound.replayed")
    public static let outboundAcknowledged = AuditEventKind("outbound.acknowledged")
    public static let controlNumberSet = AuditEventKind("controlNumber.set")
    public static let controlNumberWrapped = AuditEventKind("controlNumber.wrapped")
}
